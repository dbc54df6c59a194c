import Crypto
import Foundation
import Hummingbird
import Logging
import Synchronization
import TestSupport

/// A small real HTTP server (Hummingbird on 127.0.0.1, port 0) with the routes the curl tests need:
///
/// - `GET|POST /echo`: answers JSON `{method, headers, body}` describing the request it got.
/// - `POST /upload`: streams a multipart body to disk, stores its file part under `store/`, and
///   answers `{sha256, length, field, fileName, contentType}`.
/// - `GET /files/:name`: a stored file, honouring `Range: bytes=N-` with 206/416 unless `?ignoreRange=1`.
/// - `GET /cut/:name`: announces the whole file, sends half of it, then drops the connection.
/// - `GET /slow`: sends 10 bytes, then one byte every half second (a stalled peer).
/// - `GET|POST /status/:code`: answers that status with a short body.
/// - `GET /redirect?to=URL`: answers 302 to `URL`.
/// - `POST /drop-second`: answers "ok", except the second request it ever gets, on which it
///   closes the connection without a byte of answer (a server that died mid-request).
struct CurlFixtureServer: Sendable {
    let baseURL: String
    /// Where uploads land and `/files` reads from.
    let storeDirectory: String
    /// Requests `/drop-second` has received.
    let dropSecondHits: HitCounter

    /// Runs `body` with a fresh server and a fresh store folder, then stops both.
    static func with<T: Sendable>(_ body: @Sendable (CurlFixtureServer) async throws -> T) async throws -> T {
        let store = try TemporaryFolder(prefix: "curl-fixture")
        defer { store.remove() }
        let hits = HitCounter()
        var logger = Logger(label: "curl-fixture")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: makeRouter(store: store.path, hits: hits),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                throw FixtureError("The fixture server did not report its port.")
            }
            return try await body(CurlFixtureServer(baseURL: "http://127.0.0.1:\(port)", storeDirectory: store.path, dropSecondHits: hits))
        }
    }

    func url(_ path: String) -> String { baseURL + path }

    private static func makeRouter(store: String, hits: HitCounter) -> Router<FixtureContext> {
        let router = Router(context: FixtureContext.self)
        router.post("/drop-second") { request, context in
            _ = try await request.body.collect(upTo: 1_048_576)
            if hits.increment() == 2 {
                try await context.closeConnection()
                throw FixtureError("connection closed on purpose")
            }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ok")))
        }
        router.get("/echo") { request, _ in try await echo(request) }
        router.post("/echo") { request, _ in try await echo(request) }
        router.post("/upload") { request, _ in try await receiveUpload(request, store: store) }
        router.get("/files/:name") { request, context in
            let name = try context.parameters.require("name")
            let ignoreRange = request.uri.queryParameters.get("ignoreRange") == "1"
            return try serveFile(at: "\(store)/\(name)", range: ignoreRange ? nil : request.headers[.range])
        }
        router.get("/cut/:name") { _, context in
            let name = try context.parameters.require("name")
            return try serveHalfThenDrop(at: "\(store)/\(name)")
        }
        router.get("/slow") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody(contentLength: 1000) { writer in
                    try await writer.write(ByteBuffer(bytes: Array(repeating: UInt8(ascii: "x"), count: 10)))
                    // Writes fail once the client has gone, which ends this loop early.
                    for _ in 0..<40 {
                        try await Task.sleep(for: .milliseconds(500))
                        try await writer.write(ByteBuffer(bytes: [UInt8(ascii: "y")]))
                    }
                    throw FixtureError("slow route gave up")
                })
        }
        router.get("/status/:code") { _, context in try statusAnswer(context.parameters.require("code")) }
        router.post("/status/:code") { _, context in try statusAnswer(context.parameters.require("code")) }
        router.get("/redirect") { request, _ in
            var headers = HTTPFields()
            headers[.location] = request.uri.queryParameters.get("to") ?? "/"
            return Response(status: .found, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "moved")))
        }
        return router
    }

    private static func echo(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1_048_576)
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName] = field.value
        }
        let answer: [String: Any] = [
            "method": request.method.rawValue,
            "headers": headers,
            "body": String(buffer: body),
        ]
        return try json(answer)
    }

    private static func receiveUpload(_ request: Request, store: String) async throws -> Response {
        guard let contentType = request.headers[.contentType],
            let boundary = contentType.components(separatedBy: "boundary=").last, contentType.contains("boundary=")
        else {
            return Response(status: .badRequest)
        }
        let rawPath = "\(store)/raw-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: rawPath, contents: nil), let raw = FileHandle(forWritingAtPath: rawPath) else {
            throw FixtureError("could not create \(rawPath)")
        }
        for try await buffer in request.body {
            try raw.write(contentsOf: Data(buffer.readableBytesView))
        }
        try raw.close()
        defer { try? FileManager.default.removeItem(atPath: rawPath) }
        let part = try MultipartFilePart.extract(from: rawPath, boundary: boundary, into: store)
        return try json([
            "sha256": part.sha256, "length": part.length, "field": part.field, "fileName": part.fileName,
            "contentType": part.contentType ?? "",
        ])
    }

    private static func serveFile(at path: String, range: String?) throws -> Response {
        guard let length = fileLength(path) else { return Response(status: .notFound) }
        var start: Int64 = 0
        if let range, range.hasPrefix("bytes="), range.hasSuffix("-"), let first = Int64(range.dropFirst(6).dropLast()) {
            guard first < length else {
                var headers = HTTPFields()
                headers[.contentRange] = "bytes */\(length)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            start = first
        }
        var headers = HTTPFields()
        headers[.contentType] = "video/mp4"
        headers[.acceptRanges] = "bytes"
        if range != nil {
            headers[.contentRange] = "bytes \(start)-\(length - 1)/\(length)"
        }
        return Response(
            status: range != nil ? .partialContent : .ok, headers: headers,
            body: fileBody(path, from: start, count: length - start, declaredLength: length - start))
    }

    private static func serveHalfThenDrop(at path: String) throws -> Response {
        guard let length = fileLength(path) else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "video/mp4"
        return Response(status: .ok, headers: headers, body: fileBody(path, from: 0, count: length / 2, declaredLength: length))
    }

    /// Streams `count` bytes from `start`, announcing `declaredLength`; throws (dropping the
    /// connection) when it sent fewer bytes than it announced.
    private static func fileBody(_ path: String, from start: Int64, count: Int64, declaredLength: Int64) -> ResponseBody {
        ResponseBody(contentLength: Int(declaredLength)) { writer in
            guard let file = FileHandle(forReadingAtPath: path) else { throw FixtureError("cannot read \(path)") }
            defer { try? file.close() }
            try file.seek(toOffset: UInt64(start))
            var remaining = count
            while remaining > 0 {
                let chunk = try file.read(upToCount: Int(min(remaining, 256 * 1024))) ?? Data()
                if chunk.isEmpty { break }
                try await writer.write(ByteBuffer(bytes: chunk))
                remaining -= Int64(chunk.count)
            }
            if count < declaredLength { throw FixtureError("dropping the connection on purpose") }
            try await writer.finish(nil)
        }
    }

    private static func statusAnswer(_ code: String) throws -> Response {
        let status = HTTPResponse.Status(code: Int(code) ?? 500)
        return Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: "status \(code)")))
    }

    private static func json(_ object: [String: Any]) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func fileLength(_ path: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    }
}

/// A request context that keeps the connection, so a route can close it without answering.
struct FixtureContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the connection the request came on.
    let closeConnection: @Sendable () async throws -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        closeConnection = { try await channel.close() }
    }
}

/// A thread-safe request counter.
final class HitCounter: Sendable {
    private let count = Mutex(0)

    /// Counts one more hit and returns the new total.
    func increment() -> Int { count.withLock { $0 += 1; return $0 } }
    var value: Int { count.withLock { $0 } }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
