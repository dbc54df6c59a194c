import Foundation

/// A currency as RunningHub names it (`USD` on runninghub.ai, `CNY` on runninghub.cn and in the
/// embedded list prices). Amounts in two currencies are never added or compared: there is no
/// exchange rate anywhere in veobatch, on purpose (runninghub-api.md §A.2).
public struct Currency: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The upper-case ISO 4217 code.
    public let code: String

    /// The currency of the embedded vendor price list.
    public static let listPrices = Currency.cny
    public static let usd = Currency(validCode: "USD")
    public static let cny = Currency(validCode: "CNY")

    /// A three-letter code in any case (`usd`, `CNY`); nil for anything else. Checked on bytes:
    /// every stored amount carries its code, and reports read thousands of them.
    public init?(code raw: String) {
        let text = raw.trimmingSpaces().uppercased()
        guard text.utf8.count == 3, text.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else { return nil }
        code = text
    }

    private init(validCode: String) { code = validCode }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let currency = Currency(code: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a currency code"))
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    public var description: String { code }
    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }
}
