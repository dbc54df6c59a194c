import Foundation
import Testing
@testable import VeoBatch

/// veobatch's trims (of strings and of pieces of split lines) return what Foundation's `trimmingCharacters(in:)` returns.
@Suite("Support: trimming whitespace")
struct WhitespaceTrimTests {
    static let texts = [
        "", " ", "USD", " usd ", "\tUSD", "USD\n", "8", " 8s ", "0.35", "a b", "\u{00A0}USD", "USD\u{3000}",
        "\u{2028}x\u{2029}", "\u{85}x", "x\u{200A}", "é", " é ", "rhart-video-v3.1-fast/text-to-video", "\r\n", "\u{7F}x\u{7F}",
    ]

    @Test("Spaces are trimmed as Foundation trims them")
    func spaces() {
        for text in Self.texts {
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("A piece of a split line is trimmed as Foundation trims it")
    func substrings() {
        for piece in " a ;b; c\t;\u{00A0}d;;e\n".split(separator: ";", omittingEmptySubsequences: false) {
            #expect(piece.trimmingSpaces() == piece.trimmingCharacters(in: .whitespaces))
            #expect(piece.trimmingWhitespace() == piece.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test("Whitespace and newlines are trimmed as Foundation trims them")
    func whitespace() {
        for text in Self.texts {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
        }
    }
}
