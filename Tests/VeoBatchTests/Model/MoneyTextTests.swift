import Foundation
import Testing
@testable import VeoBatch

/// Amounts read from the journal and the wire are parsed byte by byte in the common case; the
/// result must be exactly what Foundation's parser makes, and anything unusual is still refused.
@Suite("Money: decimal text")
struct MoneyTextTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    @Test("Plain amounts equal Foundation's parse and print the same", arguments: [
        "0", "4.70", "0.35", "-12", "0.3812", "1200.000", "-0.50", "00012.5", "999999999999999999", "0.000000000000000001",
        "123456789.123456789", "-0.0000", "7",
    ])
    func plainAmounts(_ text: String) throws {
        let parsed = try #require(Money.decimal(text))
        let foundation = try #require(Decimal(string: text, locale: Self.posix))
        #expect(parsed == foundation)
        #expect(Money.text(parsed) == Money.text(foundation))
    }

    @Test("Longer amounts and surrounding spaces take the careful path", arguments: [
        " 4.70", "4.70 ", "1234567890123456789.5",
    ])
    func carefulPath(_ text: String) throws {
        let parsed = try #require(Money.decimal(text))
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        #expect(parsed == Decimal(string: trimmed, locale: Self.posix))
    }

    @Test("What is not plain decimal text is refused", arguments: [
        "", "-", ".5", "5.", "1e3", "4.70abc", "1.2.3", "--1", "+1", "١٢", "4,70", "NaN", "1 000",
    ])
    func refused(_ text: String) {
        #expect(Money.decimal(text) == nil)
    }

    @Test("A currency code is three letters in any case, spaces around it allowed", arguments: [
        ("usd", "USD"), ("CNY", "CNY"), (" Usd ", "USD"), ("\tcny", "CNY"),
    ])
    func currencyCode(_ text: String, _ code: String) {
        #expect(Currency(code: text)?.code == code)
    }

    @Test("Anything else is no currency code", arguments: ["", "US", "USDT", "U$D", "12A", "é€$", "U D", "ＵＳＤ"])
    func notACurrencyCode(_ text: String) {
        #expect(Currency(code: text) == nil)
    }
}
