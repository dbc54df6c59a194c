import Crypto
import Foundation

/// A JSON value as the simulator reads request bodies: it keeps the JSON type of every field
/// (`"8"` versus `8`, `true` versus `1`), which is exactly what the endpoint validation checks.
enum SimJSON: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([SimJSON])
    case object([String: SimJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // The order matters: Foundation's decoder refuses Bool for numbers and Int for fractions.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SimJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SimJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
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

    /// Parses a request body; nil when it is not JSON at all.
    static func parse(_ data: Data) -> SimJSON? {
        try? JSONDecoder().decode(SimJSON.self, from: data)
    }

    /// Compact JSON with sorted keys and unescaped slashes: the same value always gives the same
    /// bytes. This is the encoding a client is expected to fingerprint too (VeoBatch's
    /// `JSONValue.canonicalData()` uses the same options), so `submitsByFingerprint` can be
    /// compared with what the client believes it sent.
    var canonicalData: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// SHA-256 of `canonicalData`, lowercase hex.
    var fingerprint: String { SHA256.hash(data: canonicalData).hexString }

    /// How the JSON type is named in error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// A short rendering of the value for error messages.
    var shortDescription: String {
        let text = String(decoding: canonicalData, as: UTF8.self)
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    var objectValue: [String: SimJSON]? { if case .object(let o) = self { return o } else { return nil } }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Digest {
    var hexString: String { Array(self).hexString }
}

/// Writes a response body: a JSON object with sorted keys, slashes unescaped.
func encodeResponseJSON(_ value: SimJSON) -> Data {
    value.canonicalData
}
