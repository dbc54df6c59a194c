/// A RunningHub API key. It prints as `<redacted>` everywhere (string interpolation, `dump`,
/// logging) so it cannot leak into output by accident; only `bearerHeader` reveals it, to the transport.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let secret: String

    public init(_ secret: String) {
        self.secret = secret
    }

    /// The `Authorization` header that carries the key to the API host (and only there).
    public var bearerHeader: HTTPHeader { HTTPHeader("Authorization", "Bearer \(secret)") }

    /// The raw key, for the one body field that needs it (`accountStatus`'s `apikey`) and for
    /// scrubbing text before it is shown.
    public var revealedForRequestBody: String { secret }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
