import Foundation

// Codes, amounts, ids, durations and manifest cells are trimmed as they are read, and
// `trimmingCharacters(in:)` walks Foundation's character set over the whole text even when there
// is nothing to trim. Every character of `.whitespaces` and `.whitespacesAndNewlines` is a
// space, an ASCII control character or a non-ASCII one, so a text that starts and ends with
// printable ASCII other than a space comes back as it is, without the walk. veobatch trims
// through these two only.
extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`.
    func trimmingSpaces() -> String {
        hasPrintableEnds ? String(self) : trimmingCharacters(in: .whitespaces)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    func trimmingWhitespace() -> String {
        hasPrintableEnds ? String(self) : trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private var hasPrintableEnds: Bool {
        guard let first = first?.asciiValue, let last = last?.asciiValue else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }
}
