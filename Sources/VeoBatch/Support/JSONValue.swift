import Foundation

/// A JSON value, for request bodies whose fields depend on the endpoint (the vendor table decides
/// which keys exist and of what type), and for canonical encodings used in fingerprints.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Each kind is tried in turn, and a wrong guess costs a thrown error: the most common kinds
    /// come first (strings, then objects, which every body and answer is, then integers, which
    /// answers' codes, amounts and times are). JSON never reads one kind as another (`true` is no
    /// integer and `1` no Bool: JSONValueTests holds the decoder to it), so the order changes
    /// nothing but the cost, except that an integer is tried before a double so `8` stays `.int`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Compact JSON with sorted keys: the same value always gives the same bytes, so it can be hashed.
    public func canonicalData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps onto a JSON primitive.
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// `canonicalData()` as a string.
    public var canonicalString: String { String(decoding: canonicalData(), as: UTF8.self) }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }

    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}
