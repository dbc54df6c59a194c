import Foundation

/// Checks that manifest bytes are UTF-8 text and says where they are not (a NUL byte counts as bad).
///
/// The CSV library stops quietly at the first undecodable byte, which would look like a short
/// manifest; this scan runs first and names the physical line and CSV field of each bad byte.
/// Quote state is tracked so the field index is right even after quoted commas and newlines.
enum ManifestEncodingCheck {
    struct BadByte: Equatable {
        var line: Int
        var column: Int
        var byte: UInt8
    }

    /// At most `limit` bad bytes (invalid UTF-8 or NUL), one per line, in file order; empty when the
    /// bytes are valid UTF-8 without NUL.
    static func invalidBytes(in bytes: [UInt8], limit: Int = 20) -> [BadByte] {
        var found: [BadByte] = []
        var line = 1
        var field = 1
        var inQuotes = false
        var atFieldStart = true
        var skipLine = false
        var index = 0
        while index < bytes.count, found.count < limit {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case 0:
                    if !skipLine {
                        found.append(BadByte(line: line, column: field, byte: byte))
                        skipLine = true
                    }
                case UInt8(ascii: "\""):
                    // As RFC 4180 (and ManifestQuoteCheck): a quote opens a field only at its start
                    // (`5" tall` is plain text), and `""` inside quotes is an escaped quote.
                    if inQuotes {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                            index += 1
                        } else {
                            inQuotes = false
                        }
                    } else if atFieldStart {
                        inQuotes = true
                    }
                case UInt8(ascii: ","):
                    if !inQuotes { field += 1 }
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                        index += 1
                    }
                    line += 1
                    skipLine = false
                    if !inQuotes { field = 1 }
                default:
                    break
                }
                atFieldStart = !inQuotes && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r"))
                index += 1
                continue
            }
            atFieldStart = false
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                if !skipLine {
                    found.append(BadByte(line: line, column: field, byte: byte))
                    skipLine = true
                }
                index += 1
            } else {
                index += length
            }
        }
        return found
    }

    /// The length of the valid UTF-8 sequence starting at `index` (a non-ASCII lead byte), or 0.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        guard secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
            return 0
        }
        return length
    }
}
