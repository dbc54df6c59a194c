import Foundation

/// An exact decimal amount with its currency. Stored and printed as a decimal string (`40.26`,
/// never `40.260000000000005`); encoded as `{"amount": "40.26", "currency": "USD"}`. Two amounts
/// are added only when their currencies match: `adding` returns nil otherwise.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public var amount: Decimal
    public var currency: Currency

    public init(_ amount: Decimal, _ currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(0, currency) }

    /// The sum, or nil when the currencies differ (no exchange rates, ever).
    public func adding(_ other: Money) -> Money? {
        guard other.currency == currency else { return nil }
        return Money(amount + other.amount, currency)
    }

    /// `12.34` as plain decimal text: no exponent, no grouping, no float noise.
    public var amountText: String { Money.text(amount) }

    /// `12.34 USD`.
    public var description: String { "\(amountText) \(currency.code)" }

    // MARK: - Codable as {"amount": "12.34", "currency": "USD"}

    private enum CodingKeys: String, CodingKey { case amount, currency }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .amount)
        guard let amount = Money.decimal(text) else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "\"\(text)\" is not a decimal amount")
        }
        self.amount = amount
        currency = try container.decode(Currency.self, forKey: .currency)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amountText, forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }

    // MARK: - Decimal text

    /// Decimal text such as `-12`, `4.70` or `0.35`; anything else (exponents, words, trailing
    /// junk that `Decimal(string:)` would silently drop, an empty string) is refused.
    public static func decimal(_ raw: String) -> Decimal? {
        if let plain = plainDecimal(raw.utf8) { return plain }
        let text = raw.trimmingSpaces()
        var digitsBefore = 0, digitsAfter = 0, seenPoint = false
        for (index, character) in text.enumerated() {
            if character == "-" && index == 0 { continue }
            if character == "." && !seenPoint { seenPoint = true; continue }
            guard character.isASCII, character.isNumber else { return nil }
            if seenPoint { digitsAfter += 1 } else { digitsBefore += 1 }
        }
        guard digitsBefore > 0, !seenPoint || digitsAfter > 0 else { return nil }
        return Decimal(string: text, locale: posix)
    }

    /// The common case, byte by byte: `-`, up to 18 digits, one `.` with digits after it, nothing
    /// else (no spaces). Made exactly as `digits × 10^-places`, which `Decimal(string:)` equals
    /// and prints the same; every estimate and charge read from the journal comes through here.
    /// Nil for anything else, which the careful path above then judges.
    private static func plainDecimal(_ bytes: String.UTF8View) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0, places = 0, seenPoint = false, negative = false
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 18 else { return nil }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { places += 1 }
            default:
                return nil
            }
        }
        guard digits > places, !seenPoint || places > 0 else { return nil }
        if significand == 0 { return Decimal.zero }
        return Decimal(sign: negative ? .minus : .plus, exponent: -places, significand: Decimal(significand))
    }

    /// Made once: every estimate and charge read from the journal is parsed here.
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Plain decimal text of an exact amount (`Decimal`'s own description never uses exponents).
    public static func text(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        // 10 places are more than any price needs and keep a division's tail out of sight.
        NSDecimalRound(&rounded, &value, 10, .plain)
        return "\(rounded)"
    }

    /// `amount` rounded half-up to `places` decimals (cents: 2).
    public static func rounded(_ amount: Decimal, places: Int) -> Decimal {
        var value = amount
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }
}

/// `--max-cost`: an amount, in a named currency or in the account's (`30`, `30USD`, `200 CNY`).
public struct MoneyLimit: Sendable, Hashable, CustomStringConvertible {
    public var amount: Decimal
    /// nil: the account's currency, whatever it turns out to be.
    public var currency: Currency?

    public init(amount: Decimal, currency: Currency?) {
        self.amount = amount
        self.currency = currency
    }

    /// Parses `30`, `12.5`, `30USD`, `30 usd`, `200CNY`; nil for anything else (negative amounts,
    /// exponents, unknown trailing text).
    public init?(parsing raw: String) {
        let text = raw.trimmingSpaces()
        let letters = text.reversed().prefix { $0.isLetter }
        let number = String(text.dropLast(letters.count)).trimmingSpaces()
        var currency: Currency?
        if !letters.isEmpty {
            guard let named = Currency(code: String(letters.reversed())) else { return nil }
            currency = named
        }
        guard let amount = Money.decimal(number), amount >= 0, !number.hasPrefix("-") else { return nil }
        self.init(amount: amount, currency: currency)
    }

    /// The limit in `currency`, or nil when it names another one.
    public func money(in currency: Currency) -> Money? {
        if let own = self.currency, own != currency { return nil }
        return Money(amount, currency)
    }

    public var description: String { Money.text(amount) + (currency.map { " \($0.code)" } ?? "") }
}
