import Crypto
import Foundation

/// Signs file URLs the way object storage does (`?expires=<unix>&sig=<HMAC-SHA256 hex>`), so a
/// client meets the same rules as with RunningHub's real result links: anyone holding the URL may
/// fetch it without credentials, until it expires.
struct URLSigner: Sendable {
    /// The secret, as bytes (`SymmetricKey` is not `Sendable`); random per simulator.
    private let secret: [UInt8]

    init() {
        var random = SystemRandomNumberGenerator()
        secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    /// The signature of `token` valid until `expires` (unix seconds).
    func signature(token: String, expires: Int) -> String {
        let message = Data("\(token)\n\(expires)".utf8)
        return HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret)).hexString
    }

    /// Whether `signature` is the right one for `token` and `expires` (constant-time comparison).
    func isValid(token: String, expires: Int, signature: String) -> Bool {
        let expected = Array(self.signature(token: token, expires: expires).utf8)
        let given = Array(signature.lowercased().utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The query string of a signed URL.
    func query(token: String, expires: Int) -> String {
        "expires=\(expires)&sig=\(signature(token: token, expires: expires))"
    }
}

extension MessageAuthenticationCode {
    var hexString: String { Array(self).hexString }
}
