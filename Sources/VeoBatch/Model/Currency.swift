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

    /// A three-letter code in any case (`usd`, `CNY`); nil for anything else.
    public init?(code raw: String) {
        // Every stored amount carries its code, and reports read thousands of them: three ASCII
        // letters are taken on bytes. Anything else (spaces around it) goes the long way.
        if let code = Self.threeLetters(raw) {
            self.code = code
            return
        }
        let text = raw.trimmingSpaces().uppercased()
        guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        code = text
    }

    private init(validCode: String) { code = validCode }

    /// `raw` upper-cased when it is exactly three ASCII letters.
    private static func threeLetters(_ raw: String) -> String? {
        let bytes = raw.utf8
        guard bytes.count == 3 else { return nil }
        var upper: [UInt8] = []
        upper.reserveCapacity(3)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): upper.append(byte - 32)
            default: return nil
            }
        }
        return String(decoding: upper, as: UTF8.self)
    }

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
