import Foundation

/// Escaping for `report.html`. Everything that comes from the manifest, the journal or the
/// server goes through `escape` (text and double-quoted attributes alike), so a prompt holding
/// `<script>` stays text.
enum HTMLText {
    static func escape(_ text: String) -> String {
        // Most of what a report escapes is plain: ids, numbers and the base64 of every embedded
        // picture (a few KB per row). Those are returned as they are, after one pass over the
        // contiguous bytes (`withUTF8`; stepping through `utf8` checks every index it makes).
        var scanned = text
        guard scanned.withUTF8({ $0.contains(where: needsEscape) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            case 0: out.append(contentsOf: "\u{FFFD}".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes `escape` replaces. All are ASCII, so a byte never matches inside a multi-byte
    /// character and the rest of the text is copied byte for byte.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0: return true
        default: return false
        }
    }

    /// A file path as a relative URL: each component percent-encoded (spaces, `#`, `?`, `%`, …),
    /// the separators kept. Escape the result before putting it in an attribute.
    static func urlPath(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~!$&'()*+,;=:@")
        return path.split(separator: "/", omittingEmptySubsequences: false).map { component in
            String(component).addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        }.joined(separator: "/")
    }

    /// `2026-05-04 10:20:53 UTC` inside a `<time>` element that carries the exact instant.
    static func time(_ date: Date) -> String {
        let exact = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
        let shown = date.formatted(
            Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .gmt)
                .year().month().day().time(includingFractionalSeconds: false))
        return "<time datetime=\"\(escape(exact))\">\(escape(shown)) UTC</time>"
    }

    static func money(_ amount: Decimal?) -> String {
        amount.map { "\($0)" } ?? "–"
    }
}
