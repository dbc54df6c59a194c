import Foundation

extension APIKey {
    /// `text` with every occurrence of the key replaced by `<redacted>`. Defense in depth for text
    /// that came from outside (server messages, curl messages): the key should never be in it, but
    /// if a server echoes it back, it still must not reach a log, a report or the terminal.
    public func redacting(in text: String) -> String {
        let secret = revealedForRequestBody
        guard !secret.isEmpty, text.contains(secret) else { return text }
        return text.replacingOccurrences(of: secret, with: "<redacted>")
    }
}
