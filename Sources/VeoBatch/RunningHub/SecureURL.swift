import Foundation

/// The rule for every URL the client talks to: https, or plain http only to this machine
/// (127.0.0.0/8, `localhost`, `[::1]`) so the simulator works without TLS while the key and the
/// results never cross a network in clear text (product.md §9).
public enum SecureURL {
    /// Why a URL was refused, as the end of a sentence ("… is not allowed: <reason>").
    public enum Refusal: Sendable, Hashable, CustomStringConvertible {
        case unparseable
        case unsupportedScheme(String)
        case missingHost
        case plainHTTPToRemoteHost(String)
        case carriesCredentials
        case hasQueryOrFragment

        public var description: String {
            switch self {
            case .unparseable:
                return "it is not a valid absolute URL"
            case .unsupportedScheme(let scheme):
                return "the scheme '\(scheme)' is not supported; use https://"
            case .missingHost:
                return "it names no host"
            case .plainHTTPToRemoteHost(let host):
                return "plain http is allowed only for loopback hosts (127.0.0.0/8, localhost, [::1]), and '\(host)' is not one; use https://"
            case .carriesCredentials:
                return "it carries a user name or password (user:password@host); remove them"
            case .hasQueryOrFragment:
                return "a base URL cannot have a query (?…) or fragment (#…)"
            }
        }
    }

    /// Nil when `url` may be used; otherwise why not.
    public static func refusal(for url: String) -> Refusal? {
        guard let components = URLComponents(string: url), let rawScheme = components.scheme else {
            return .unparseable
        }
        let scheme = rawScheme.lowercased()
        guard scheme == "https" || scheme == "http" else { return .unsupportedScheme(rawScheme) }
        guard let host = components.host.map(unbracketed), !host.isEmpty else { return .missingHost }
        if components.user != nil || components.password != nil { return .carriesCredentials }
        if scheme == "http" && !isLoopback(host: host) { return .plainHTTPToRemoteHost(host) }
        return nil
    }

    /// True for `localhost`, any dotted-quad address in 127.0.0.0/8, and `::1`.
    public static func isLoopback(host rawHost: String) -> Bool {
        let host = unbracketed(rawHost).lowercased()
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        var values = [Int]()
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCIIDigit), let value = Int(octet), value <= 255 else {
                return false
            }
            values.append(value)
        }
        return values[0] == 127
    }

    /// The URL without its query and fragment: signed storage URLs carry their signature in the
    /// query, which is long and means nothing to a reader of an error message.
    public static func withoutQuery(_ url: String) -> String {
        guard let cut = url.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return url }
        return String(url[..<cut])
    }

    private static func unbracketed(_ host: String) -> String {
        if host.hasPrefix("["), host.hasSuffix("]") { return String(host.dropFirst().dropLast()) }
        return host
    }
}

/// The base URL given with `--base-url` / `RUNNINGHUB_BASE_URL` cannot be used.
public struct BaseURLError: Error, Sendable, CustomStringConvertible {
    public var url: String
    public var refusal: SecureURL.Refusal

    public init(url: String, refusal: SecureURL.Refusal) {
        self.url = url
        self.refusal = refusal
    }

    public var description: String {
        // A URL with credentials in it is not echoed: they may be the very secret to protect.
        let shown = refusal == .carriesCredentials ? "given" : "'\(url)'"
        return "The RunningHub base URL \(shown) is not allowed: \(refusal). Set it with --base-url or RUNNINGHUB_BASE_URL."
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
