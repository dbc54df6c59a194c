import Foundation

/// What a media cell names: a local file, a URL, or another row's output (`@ROW`).
enum MediaReference: Sendable, Hashable {
    /// `written` as in the manifest; `resolved` absolute (relative paths against the media root).
    case file(written: String, resolved: String)
    case url(String)
    case row(String)

    /// Classifies one cell value (already trimmed). `@` starts a row reference; a value with a
    /// scheme (`xxx://`) is a URL; anything else is a path. `~` is not expanded.
    static func parse(_ value: String, mediaRoot: String) -> MediaReference {
        if value.hasPrefix("@") {
            return .row(String(value.dropFirst()))
        }
        if hasScheme(value) {
            return .url(value)
        }
        let absolute = value.hasPrefix("/") ? value : mediaRoot + "/" + value
        return .file(written: value, resolved: URL(fileURLWithPath: absolute).standardizedFileURL.path)
    }

    private static func hasScheme(_ value: String) -> Bool {
        guard let range = value.range(of: "://") else { return false }
        let scheme = value[value.startIndex..<range.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// Hosts for which plain http is allowed (the simulator and local test servers).
    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

    /// Why a URL may not be used, or nil when it is fine: https only, http only for loopback,
    /// and it must parse with a host. Spaces and control characters are refused outright: Foundation
    /// on Linux quietly accepts `https://host/a b.png`, which the upload would then mangle.
    static func urlProblem(_ value: String) -> String? {
        let hasBlankOrControl = value.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        guard !hasBlankOrControl, let components = URLComponents(string: value),
              let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            return "'\(value)' is not a well-formed URL; write https://host/path (spaces must be encoded as %20)"
        }
        switch scheme {
        case "https":
            return nil
        case "http" where loopbackHosts.contains(host.lowercased()):
            return nil
        default:
            return "URL '\(value)' must use https; http is allowed only for 127.0.0.1, localhost and [::1]"
        }
    }
}
