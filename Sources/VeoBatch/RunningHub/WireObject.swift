import Foundation

/// A JSON object from RunningHub, read leniently where the wire is known to waver: numbers that
/// arrive as strings (`"size":"3490"`, `usage` values), codes that arrive as numbers
/// (`"errorCode":0`), and keys spelled two ways (`fileName` / `filename`).
struct WireObject: Sendable {
    var fields: [String: JSONValue]

    init(_ fields: [String: JSONValue]) {
        self.fields = fields
    }

    /// The body parsed as a JSON object, or nil when it is empty, not JSON, or not an object.
    init?(body: Data) {
        guard !body.isEmpty,
            let value = try? JSONDecoder().decode(JSONValue.self, from: body),
            case .object(let fields) = value
        else { return nil }
        self.fields = fields
    }

    /// The first of `keys` that holds a string or a number, as text; null and absent give nil.
    func string(_ keys: String...) -> String? {
        for key in keys {
            switch fields[key] {
            case .string(let text): return text
            case .int(let number): return String(number)
            case .double(let number): return Self.plainText(number)
            case .bool(let flag): return String(flag)
            default: continue
            }
        }
        return nil
    }

    /// Like `string`, but an empty string counts as absent.
    func nonEmptyString(_ keys: String...) -> String? {
        for key in keys {
            if let text = string(key)?.trimmingWhitespace(), !text.isEmpty { return text }
        }
        return nil
    }

    /// A decimal from a string (`"4.70"`) or a number (`0.35`), exactly as written; nil when absent,
    /// null, empty, or not a plain decimal number.
    func decimal(_ key: String) -> Decimal? {
        switch fields[key] {
        case .string(let text): return Self.strictDecimal(text)
        case .int(let number): return Decimal(number)
        case .double(let number): return Self.strictDecimal(Self.plainText(number))
        default: return nil
        }
    }

    /// An integer from a number or a string of digits.
    func int(_ key: String) -> Int? {
        switch fields[key] {
        case .int(let number): return Int(exactly: number)
        case .double(let number): return Int(exactly: number)
        case .string(let text): return Int(text.trimmingSpaces())
        default: return nil
        }
    }

    /// The code of a refusal: `errorCode` when it holds a real code (not absent, null, "" or 0),
    /// else a `code` from an envelope-style answer other than 0 or 200 (both mean success: 0 is
    /// documented, 200 is what some routes send). nil when the answer refuses nothing.
    var refusalCode: String? {
        if let code = nonEmptyString("errorCode"), code != "0" { return code }
        if let code = nonEmptyString("code"), code != "0", code != "200" { return code }
        return nil
    }

    func object(_ key: String) -> WireObject? {
        fields[key]?.objectValue.map(WireObject.init)
    }

    func array(_ key: String) -> [JSONValue]? {
        fields[key]?.arrayValue
    }

    /// Decimal text such as `-12`, `4.70` or `0.35` (see `Money.decimal`).
    static func strictDecimal(_ raw: String) -> Decimal? {
        Money.decimal(raw)
    }

    /// The shortest text that reads back as the same double (`0.35`, not `0.34999…`), so a JSON
    /// number becomes the decimal the server wrote.
    private static func plainText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
