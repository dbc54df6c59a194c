import Foundation

/// Turns NAMEs into manifest ids: `[A-Za-z0-9._-]`, 1–64 characters, never `.`/`..`, unique
/// without regard to case (outputs are named after ids, and some file systems ignore case).
struct ShotIdentifier {
    static let maxLength = 64

    private var taken: Set<String> = []
    /// The next counter to try per lower-cased base: a NAME used in every one of a hundred
    /// sequence folders would otherwise try `-2`, `-3`, … again for each folder (quadratic).
    private var nextCounter: [String: Int] = [:]

    init(taken: some Sequence<String> = []) {
        self.taken = Set(taken.map { $0.lowercased() })
    }

    /// `Café shot 010` → `Cafe_shot_010`; nil when nothing usable is left.
    static func sanitised(_ name: String) -> String? {
        // Folding (é → e) costs more than the rest together, and most names are plain ASCII.
        let folded =
            name.utf8.allSatisfy { $0 < 0x80 } ? name : name.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var id = ""
        var lastWasReplacement = false
        for scalar in folded.unicodeScalars {
            if isIDCharacter(scalar) {
                id.unicodeScalars.append(scalar)
                lastWasReplacement = false
            } else if !lastWasReplacement {
                id.append("_")
                lastWasReplacement = true
            }
        }
        // Leading `-` reads as an option on command lines, leading `.` hides the output file.
        let trimmable: Set<Character> = ["_", "-", "."]
        while let first = id.first, trimmable.contains(first) { id.removeFirst() }
        while let last = id.last, trimmable.contains(last) { id.removeLast() }
        id = String(id.prefix(maxLength))
        return id.isEmpty ? nil : id
    }

    private static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }

    /// Claims `base`, or `base-2`, `base-3`, … when it is taken; the result is at most 64 characters.
    mutating func claim(_ base: String) -> String {
        // Ids are ASCII, so the UTF-8 count is the length; skipping `prefix` keeps big scans cheap.
        var candidate = base.utf8.count <= Self.maxLength ? base : String(base.prefix(Self.maxLength))
        let key = base.lowercased()
        var counter = nextCounter[key] ?? 1
        while taken.contains(candidate.lowercased()) {
            counter += 1
            let suffix = "-\(counter)"
            candidate = String(base.prefix(Self.maxLength - suffix.count)) + suffix
        }
        nextCounter[key] = counter
        taken.insert(candidate.lowercased())
        return candidate
    }
}
