import Testing
import Foundation
import Logging
import Synchronization
import VeoBatch

/// An `HTTPTransport` that records every request and answers with a canned response or error.
final class FakeTransport: HTTPTransport {
    enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(TransportError)

        static func json(_ text: String, status: Int = 200) -> Reply {
            .response(HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/json")], body: Data(text.utf8)))
        }

        static func raw(_ text: String, status: Int = 200) -> Reply {
            .response(HTTPResponse(status: status, headers: [], body: Data(text.utf8)))
        }

        static func transport(_ kind: TransportError.Kind, message: String = "Operation failed", url: String = "https://api.example.test/openapi/v2/query") -> Reply {
            .failure(TransportError(kind: kind, curlCode: 28, message: message, url: url))
        }
    }

    private let reply: Reply
    private let downloadReply: Result<DownloadResult, TransportError>
    private let recorded = Mutex<(requests: [HTTPRequest], downloads: [DownloadRequest])>(([], []))

    init(
        _ reply: Reply = .json("{}"),
        download: Result<DownloadResult, TransportError> = .success(
            DownloadResult(status: 200, fileLength: 10, resumedFrom: 0, expectedLength: 10, contentType: "video/mp4"))
    ) {
        self.reply = reply
        self.downloadReply = download
    }

    var requests: [HTTPRequest] { recorded.withLock { $0.requests } }
    var downloads: [DownloadRequest] { recorded.withLock { $0.downloads } }

    func send(_ request: HTTPRequest, progress: ProgressHandler?) async throws -> HTTPResponse {
        recorded.withLock { $0.requests.append(request) }
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }

    func download(_ request: DownloadRequest, progress: ProgressHandler?) async throws -> DownloadResult {
        recorded.withLock { $0.downloads.append(request) }
        return try downloadReply.get()
    }
}

/// A log handler that keeps every line as given (no scrubbing), so a test sees what the library
/// itself put into its log calls.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    var logger: Logger {
        var logger = Logger(label: "test") { _ in CapturingHandler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            log.append("\(event.level) \(event.message) \(all) \(event.error.map { "\($0)" } ?? "")")
        }
    }
}

enum Fixture {
    static let baseURL = "https://api.example.test"
    static let key = APIKey("rh-test-key-0123456789")

    static func client(_ transport: FakeTransport, key: APIKey = Fixture.key, log: CapturedLog = CapturedLog()) throws -> RunningHubClient {
        try RunningHubClient(baseURL: baseURL, apiKey: key, transport: transport, logger: log.logger)
    }

    /// Runs `body` and returns the `RunningHubError` it threw; records an issue when it threw
    /// something else or nothing.
    static func error<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async -> RunningHubError? {
        do {
            _ = try await body()
            Issue.record("expected a RunningHubError, got a result", sourceLocation: sourceLocation)
        } catch let error as RunningHubError {
            return error
        } catch {
            Issue.record("expected a RunningHubError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The JSON body of a recorded request.
    static func jsonBody(_ request: HTTPRequest) -> JSONValue? {
        guard case .data(let data, _) = request.body else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    static func contentType(_ request: HTTPRequest) -> String? {
        guard case .data(_, let contentType) = request.body else { return nil }
        return contentType
    }

    static func headerValues(_ request: HTTPRequest, _ name: String) -> [String] {
        request.headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}
