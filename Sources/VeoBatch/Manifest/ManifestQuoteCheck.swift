import Foundation

/// Finds a quoted field that goes on after its closing quote (`"text" ,` or `"say "hi""`).
///
/// CSV.swift is lenient there: it keeps reading the field as quoted, which can swallow the
/// following lines — and whole rows — into one cell without any error. RFC 4180 allows only a
/// comma, a line break or the end of the file after a closing quote, so this scan (run before
/// parsing) rejects anything else and says where. A quote that is never closed is the same
/// trap (CSV.swift reads the rest of the file into that one field), so it is reported at the
/// line and field where the quoted field starts.
enum ManifestQuoteCheck {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        /// What follows the closing quote; nil when the quoted field is never closed.
        var found: Character?
    }

    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var line = 1
        var field = 1
        var atFieldStart = true
        var inQuotes = false
        var opened = (line: 1, field: 1)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == cr || byte == lf {
                if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                line += 1
                if !inQuotes {
                    field = 1
                    atFieldStart = true
                }
                index += 1
                continue
            }
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        index += 2
                        continue
                    }
                    inQuotes = false
                    let next = index + 1
                    if next < bytes.count, ![comma, cr, lf].contains(bytes[next]) {
                        let rest = String(decoding: bytes[next..<min(bytes.count, next + 4)], as: UTF8.self)
                        return Problem(line: line, column: field, found: rest.first ?? "?")
                    }
                }
                index += 1
                continue
            }
            if byte == quote, atFieldStart {
                inQuotes = true
                opened = (line, field)
            } else if byte == comma {
                field += 1
                atFieldStart = true
                index += 1
                continue
            }
            atFieldStart = false
            index += 1
        }
        if inQuotes {
            return Problem(line: opened.line, column: opened.field, found: nil)
        }
        return nil
    }
}
