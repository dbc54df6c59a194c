import Foundation

/// Seeds for the takes of a row, so that takes of a seeded endpoint are really different renders
/// and a rerun sends the same seeds again (the job fingerprint stays stable).
///
/// - Take 1: the manifest's seed as written, or no seed at all, however many takes the row has,
///   so raising `takes` never changes take 1's request (and never renders and pays for it again).
/// - Take k ≥ 2 gets `seed + k − 1`; without a seed, `base + k − 1` where the base is a stable hash
///   of the row id (FNV-1a, 64-bit) folded into the allowed range. A take's seed never depends on
///   how many takes there are. Values past the top of the range wrap to its bottom (never below
///   0, so a Lite "-1 = random" is never produced by the derivation).
enum SeedPlan {
    /// The seeds the registry allows: its min/max where it has them (Lite), else a 32-bit integer,
    /// the safe assumption for a Java backend (the fast/pro range is UNCONFIRMED).
    static func allowedRange(_ field: EndpointField) -> ClosedRange<Int64> {
        let lower = field.minimum ?? Int64(Int32.min)
        let upper = field.maximum ?? Int64(Int32.max)
        return lower...max(lower, upper)
    }

    /// The seed of take `take` (1-based), or nil when none should be sent. `takes` is not used:
    /// a take's request must not change when the row's number of takes does.
    static func seed(take: Int, of takes: Int, given: Int64?, rowID: String, field: EndpointField) -> Int64? {
        if take <= 1 { return given }
        let range = allowedRange(field)
        let lower = max(0, range.lowerBound)
        let upper = max(lower, range.upperBound)
        let span = UInt64(upper - lower) + 1
        let base: Int64 = given ?? (lower + Int64(stableHash(rowID) % span))
        let offset = Int64(take - 1)
        let candidate = base.addingReportingOverflow(offset)
        if !candidate.overflow, candidate.partialValue >= lower, candidate.partialValue <= upper {
            return candidate.partialValue
        }
        // Wrap into [lower, upper] without overflowing.
        let shifted = (Int128(base) - Int128(lower) + Int128(offset)) % Int128(span)
        let positive = shifted < 0 ? shifted + Int128(span) : shifted
        return lower + Int64(positive)
    }

    /// FNV-1a over the UTF-8 bytes: the same id gives the same number on every machine and run.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
