import Foundation

/// One HTTP header line.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Connect and stall limits for one transfer. A stalled transfer is one that moves fewer than
/// `lowSpeedLimit` bytes per second for `lowSpeedTime`: it catches dead peers without capping
/// how long a large, healthy upload may take.
public struct TransferTimeouts: Sendable, Hashable {
    public var connect: Duration
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Duration
    /// A hard cap on the whole transfer, or nil for none.
    public var total: Duration?

    public init(connect: Duration = .seconds(10), lowSpeedLimit: Int = 1, lowSpeedTime: Duration = .seconds(60), total: Duration? = nil) {
        self.connect = connect
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.total = total
    }

    public static let `default` = TransferTimeouts()
}

/// A request whose answer is small enough to keep in memory (JSON APIs, multipart uploads).
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public enum Body: Sendable {
        case none
        case data(Data, contentType: String)
        /// A multipart/form-data body with one file part, streamed from disk (never read whole).
        case multipartFile(field: String, path: String, fileName: String, contentType: String?)
    }

    public var method: Method
    public var url: String
    public var headers: [HTTPHeader]
    public var body: Body
    public var timeouts: TransferTimeouts
    /// Whether sending this request twice is harmless. libcurl silently resends a request whose
    /// reused keep-alive connection died before any answer byte arrived, although the server may
    /// have acted on the first copy; for a submit that would bill twice. A request that is not
    /// idempotent therefore goes out on a fresh connection, which curl never resends on its own,
    /// and such a failure surfaces as `.connectionLost`. Defaults to true for GET and false for
    /// POST; pass true for POSTs that only read (queries) to let them reuse connections.
    public var isIdempotent: Bool

    public init(
        method: Method, url: String, headers: [HTTPHeader] = [], body: Body = .none, timeouts: TransferTimeouts = .default,
        isIdempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.isIdempotent = isIdempotent ?? (method == .get)
    }
}

/// The answer to an `HTTPRequest`.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: Data

    public init(status: Int, headers: [HTTPHeader], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A download streamed straight to disk.
public struct DownloadRequest: Sendable {
    public var url: String
    public var headers: [HTTPHeader]
    /// The `.part` file the bytes go to. When it exists and `resume` is set, the transfer asks for
    /// the rest with `Range: bytes=N-` and appends; a server that ignores the range restarts it.
    public var partPath: String
    public var resume: Bool
    public var timeouts: TransferTimeouts

    public init(url: String, headers: [HTTPHeader] = [], partPath: String, resume: Bool = true, timeouts: TransferTimeouts = .default) {
        self.url = url
        self.headers = headers
        self.partPath = partPath
        self.resume = resume
        self.timeouts = timeouts
    }
}

/// What a finished download left on disk.
public struct DownloadResult: Sendable, Hashable {
    public var status: Int
    /// Length of the `.part` file after the transfer.
    public var fileLength: Int64
    /// Bytes already on disk when the transfer started and kept (0 when it started over).
    public var resumedFrom: Int64
    /// The full length the server announced (Content-Length, or the total of Content-Range), if any.
    public var expectedLength: Int64?
    public var contentType: String?

    public init(status: Int, fileLength: Int64, resumedFrom: Int64, expectedLength: Int64?, contentType: String?) {
        self.status = status
        self.fileLength = fileLength
        self.resumedFrom = resumedFrom
        self.expectedLength = expectedLength
        self.contentType = contentType
    }
}

/// Bytes moved so far in one direction of a transfer.
public struct TransferProgress: Sendable, Hashable {
    public var bytesDone: Int64
    public var bytesTotal: Int64?
    public init(bytesDone: Int64, bytesTotal: Int64?) {
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
    }
}

public typealias ProgressHandler = @Sendable (TransferProgress) -> Void

/// Moves bytes over HTTP. The production conformer is `CurlTransport` (libcurl's multi interface);
/// tests may inject their own.
public protocol HTTPTransport: Sendable {
    /// Sends a request and collects the whole answer. HTTP error statuses are answers, not errors:
    /// only a failure to get an answer throws (`TransportError`).
    func send(_ request: HTTPRequest, progress: ProgressHandler?) async throws -> HTTPResponse

    /// Streams a response body into `request.partPath`. A non-2xx status throws `TransportError`
    /// with kind `.httpStatus`, and the `.part` file is left as it was before the call.
    func download(_ request: DownloadRequest, progress: ProgressHandler?) async throws -> DownloadResult
}

/// A transfer that got no complete answer.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The host name did not resolve: nothing was sent.
        case couldNotResolve
        /// The connection was refused or could not be opened: nothing was sent.
        case couldNotConnect
        /// Connect, stall or total time limit hit; the request may have been received.
        case timedOut
        /// The connection dropped, was reset, or the body ended early; the request may have been received.
        case connectionLost
        /// TLS failed while the connection was being set up (certificate not trusted, handshake
        /// error): nothing was sent.
        case tls
        /// A download got a non-2xx status.
        case httpStatus(Int)
        /// A local file could not be read or written.
        case localFile
        /// The awaiting task was cancelled and the transfer removed.
        case cancelled
        case other
    }

    public var kind: Kind
    /// libcurl's code (`CURLcode`), or 0 when the error did not come from curl.
    public var curlCode: Int32
    /// curl's own message (`curl_easy_strerror` and the error buffer); never holds a header.
    public var message: String
    /// The URL of the request. API keys travel in headers only, so this is safe to show.
    public var url: String

    public init(kind: Kind, curlCode: Int32 = 0, message: String, url: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
        self.url = url
    }

    /// True only when the request certainly never reached the server, so retrying a submit cannot
    /// create a second task.
    public var requestCertainlyNotSent: Bool {
        kind == .couldNotResolve || kind == .couldNotConnect || kind == .tls
    }

    public var description: String {
        "\(message) (\(url))"
    }
}
