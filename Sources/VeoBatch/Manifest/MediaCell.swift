import Foundation

/// How a manifest media cell names its `MediaSource`: `@ROW` for another row's output, a value
/// with a scheme (`xxx://`) for a URL, anything else for a path. The source is the model; the
/// text as written stays with it in `PendingMedia.written` for messages.
enum MediaCell {
    /// Classifies one cell value (already trimmed). Relative paths resolve against the media
    /// root and every path is standardized; `~` is not expanded.
    static func source(of value: String, mediaRoot: String) -> MediaSource {
        if value.hasPrefix("@") {
            return .rowOutput(rowID: String(value.dropFirst()))
        }
        if hasScheme(value) {
            return .url(value)
        }
        let absolute = value.hasPrefix("/") ? value : mediaRoot + "/" + value
        return .file(path: URL(fileURLWithPath: absolute).standardizedFileURL.path)
    }

    private static func hasScheme(_ value: String) -> Bool {
        guard let range = value.range(of: "://") else { return false }
        let scheme = value[value.startIndex..<range.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// Why a URL may not be used, or nil when it is fine: https, or http to a loopback host (the
    /// one rule, `SecureURL.isLoopback`), and it must parse with a host. Spaces and control
    /// characters are refused outright: Foundation on Linux quietly accepts `https://host/a b.png`,
    /// which the upload would then mangle.
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
        case "http" where SecureURL.isLoopback(host: host):
            return nil
        default:
            return "URL '\(value)' must use https; http is allowed only for 127.0.0.1, localhost and [::1]"
        }
    }
}
