import Foundation

// Codes, amounts, ids and durations are trimmed as they are read, several for every job, and
// `trimmingCharacters(in:)` walks Foundation's character set over the whole text even when there
// is nothing to trim. Every character of `.whitespaces` and `.whitespacesAndNewlines` is a
// space, an ASCII control character or a non-ASCII one, so a text that starts and ends with
// printable ASCII other than a space comes back as it is, without the walk.
extension String {
    /// `trimmingCharacters(in: .whitespaces)`.
    func trimmingSpaces() -> String {
        Self.hasPrintableEnds(self) ? self : trimmingCharacters(in: .whitespaces)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    func trimmingWhitespace() -> String {
        Self.hasPrintableEnds(self) ? self : trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func hasPrintableEnds(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }
}
