import Crypto
import Foundation
import Hummingbird
import Logging
import Synchronization

/// A Hummingbird server on 127.0.0.1:0, in the test process, for `veobatch transfer` to talk to:
/// `POST /upload` streams the multipart file part into `store/<file name>` (hashing it on the way),
/// `GET /files/:name` streams a stored file back.
final class TransferFixture: Sendable {
    struct Received: Sendable {
        var sha256: String
        var length: Int64
    }

    let baseURL: String
    private let recorder: Recorder

    private init(baseURL: String, recorder: Recorder) {
        self.baseURL = baseURL
        self.recorder = recorder
    }

    /// What the server stored for an uploaded file name.
    func received(_ name: String) -> Received? { recorder.uploads.withLock { $0[name] } }

    static func with(store: String, _ body: @Sendable (TransferFixture) async throws -> Void) async throws {
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        let record = Recorder()
        let router = Router()
        router.post("/upload") { request, _ in
            let received = try await MultipartReceiver.store(request, into: store)
            record.add(received.name, Received(sha256: received.sha256, length: received.length))
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"ok":true}"#)))
        }
        router.get("/files/:name") { _, context in
            let path = "\(store)/\(try context.parameters.require("name"))"
            let length = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            return Response(
                status: .ok,
                body: ResponseBody(contentLength: length) { writer in
                    guard let file = FileHandle(forReadingAtPath: path) else { throw TransferFixtureError("cannot read \(path)") }
                    defer { try? file.close() }
                    while let chunk = try file.read(upToCount: 256 * 1024), !chunk.isEmpty {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                    try await writer.finish(nil)
                })
        }
        var logger = Logger(label: "transfer-fixture")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw TransferFixtureError("the fixture reported no port") }
            try await body(TransferFixture(baseURL: "http://127.0.0.1:\(port)", recorder: record))
        }
    }

    /// Shares the uploads table between the route handlers and the fixture value.
    private final class Recorder: Sendable {
        let uploads = Mutex<[String: Received]>([:])
        func add(_ name: String, _ received: Received) { uploads.withLock { $0[name] = received } }
    }
}

/// Streams the single file part of a multipart/form-data body to disk, holding back only the
/// closing boundary's length so the part's content is written and hashed exactly.
enum MultipartReceiver {
    struct Stored {
        var name: String
        var sha256: String
        var length: Int64
    }

    static func store(_ request: Request, into folder: String) async throws -> Stored {
        guard let contentType = request.headers[.contentType], let marker = contentType.range(of: "boundary=") else {
            throw TransferFixtureError("not a multipart upload")
        }
        let boundary = String(contentType[marker.upperBound...])
        let closing = Data("\r\n--\(boundary)--\r\n".utf8)
        var head = Data()
        var held = Data()
        var output: FileHandle?
        var name = ""
        var hasher = SHA256()
        var length: Int64 = 0
        for try await buffer in request.body {
            var chunk = Data(buffer.readableBytesView)
            if output == nil {
                head.append(chunk)
                guard let end = head.range(of: Data("\r\n\r\n".utf8)) else { continue }
                let headers = String(decoding: head[..<end.lowerBound], as: UTF8.self)
                guard let nameStart = headers.range(of: "filename=\"") else { throw TransferFixtureError("no file name") }
                name = (String(headers[nameStart.upperBound...].prefix(while: { $0 != "\"" })) as NSString).lastPathComponent
                let path = "\(folder)/\(name)"
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw TransferFixtureError("cannot create \(path)")
                }
                output = FileHandle(forWritingAtPath: path)
                chunk = Data(head[end.upperBound...])
            }
            held.append(chunk)
            if held.count > closing.count {
                let content = held.prefix(held.count - closing.count)
                try output?.write(contentsOf: content)
                hasher.update(data: content)
                length += Int64(content.count)
                held = Data(held.suffix(closing.count))
            }
        }
        try output?.close()
        guard output != nil, held == closing else { throw TransferFixtureError("the upload did not end with the closing boundary") }
        return Stored(name: name, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined(), length: length)
    }
}
