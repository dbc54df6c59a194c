import Foundation
import Logging

/// The production `HTTPTransport`: libcurl's multi interface driven by one `TransferEngine`.
///
/// One instance serves the whole run — every upload, API call and download shares its engine
/// thread and connection cache. Progress handlers are called on the engine thread, so they must
/// return quickly and must not call `close()` expecting it to wait.
public final class CurlTransport: HTTPTransport {
    /// Counters for tests and benchmarks.
    public struct Statistics: Sendable, Hashable {
        /// Transfers that ended, successfully or not.
        public var transfersFinished: Int
        /// New connections opened (sum of `CURLINFO_NUM_CONNECTS`); reuse keeps this still.
        public var connectionsOpened: Int
    }

    /// Redirects a download follows before giving up.
    public static let maxDownloadRedirects = 5

    private let engine: TransferEngine
    private let logger: Logger

    /// - Parameters:
    ///   - maxConnections: idle connections kept for reuse (`CURLMOPT_MAXCONNECTS`). Default 32,
    ///     above any sensible upload/download parallelism.
    ///   - logger: receives debug and trace lines (URLs, statuses; never headers).
    public init(maxConnections: Int = 32, logger: Logger = Logger(label: "veobatch.curl")) throws {
        engine = try TransferEngine(maxConnections: maxConnections, logger: logger)
        self.logger = logger
    }

    deinit {
        engine.stop(wait: false)
    }

    /// Ends every transfer still running (they throw `.cancelled`), closes the cached connections
    /// and stops the engine thread; returns once it has stopped.
    public func close() {
        engine.stop(wait: true)
    }

    public var statistics: Statistics {
        let counters = engine.statistics
        return Statistics(transfersFinished: counters.transfersFinished, connectionsOpened: counters.connectionsOpened)
    }

    /// Sends a request and collects its answer. Redirects are answers, not followed: API calls
    /// carry the key and must reach only the host they were addressed to. Progress reports the
    /// upload of the body.
    public func send(_ request: HTTPRequest, progress: ProgressHandler?) async throws -> HTTPResponse {
        let transfer = try Transfer.sending(request, progress: progress)
        let outcome = try await engine.run(transfer)
        return HTTPResponse(status: outcome.status, headers: outcome.headers, body: outcome.body)
    }

    /// Streams a file to `request.partPath`, resuming from what is there when allowed, and
    /// following up to `maxDownloadRedirects` redirects. A redirect to another origin carries
    /// none of the request's headers (curl 7.88 would still send every custom header but
    /// `Authorization` and `Cookie`), so redirects are followed here rather than by curl.
    public func download(_ request: DownloadRequest, progress: ProgressHandler?) async throws -> DownloadResult {
        var url = request.url
        var headers = request.headers
        for hop in 0...Self.maxDownloadRedirects {
            let transfer = try Transfer.downloading(request, url: url, headers: headers, progress: progress)
            let outcome = try await engine.run(transfer)
            switch outcome.download {
            case .finished(let result):
                // Not flushed to disk here: durability is the caller's decision, made where the
                // file is checked and renamed into place (`DownloadStage`), not per hop of bytes.
                return result
            case .redirect(let status, let location):
                guard let location else {
                    throw TransportError(
                        kind: .httpStatus(status),
                        message: "The server answered HTTP \(status) without saying where the file moved (no Location header).",
                        url: url)
                }
                guard hop < Self.maxDownloadRedirects else {
                    throw TransportError(
                        kind: .httpStatus(status),
                        message: "The download was redirected more than \(Self.maxDownloadRedirects) times; giving up.",
                        url: url)
                }
                let next = try DownloadRedirect(from: url, to: location)
                if !next.isSameOrigin {
                    headers = []
                }
                logger.debug("Following a download redirect.", metadata: ["from": "\(url)", "to": "\(location)", "status": "\(status)"])
                url = location
            case nil:
                throw TransportError(kind: .other, message: "The download finished without a result; this is a bug in veobatch.", url: url)
            }
        }
        throw TransportError(kind: .other, message: "The download was redirected too many times.", url: url)
    }
}

/// One redirect hop of a download, checked before it is followed.
struct DownloadRedirect {
    /// Same scheme, host and port: the request's own headers may go along.
    let isSameOrigin: Bool

    init(from source: String, to target: String) throws(TransportError) {
        guard let from = URLComponents(string: source), let to = URLComponents(string: target),
            let toScheme = to.scheme?.lowercased(), toScheme == "http" || toScheme == "https"
        else {
            throw TransportError(kind: .other, message: "The download was redirected to \(target), which is not an http or https URL.", url: source)
        }
        if from.scheme?.lowercased() == "https", toScheme == "http" {
            throw TransportError(
                kind: .tls, message: "The download was redirected from https to plain http (\(target)); refusing to continue without TLS.",
                url: source)
        }
        isSameOrigin = from.scheme?.lowercased() == toScheme && from.host?.lowercased() == to.host?.lowercased()
            && Self.port(from) == Self.port(to)
    }

    private static func port(_ components: URLComponents) -> Int? {
        components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
    }
}
