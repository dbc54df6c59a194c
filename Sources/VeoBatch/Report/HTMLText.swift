import Foundation

/// Escaping for `report.html`. Everything that comes from the manifest, the journal or the
/// server goes through `escape` (text and double-quoted attributes alike), so a prompt holding
/// `<script>` stays text.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
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
