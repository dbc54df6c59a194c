import Crypto
import Foundation
import Hummingbird

/// `POST /openapi/v2/media/upload/binary`: the multipart part `file` is streamed to disk as it
/// arrives (hashing it on the way for the `openapi/<sha256>.<ext>` name), never held in memory.
struct UploadRoute: Sendable {
    let state: SimulatorState
    let delivery: FaultDelivery

    func handle(_ request: Request, _ context: SimRequestContext) async throws -> Response {
        let fault = await state.begin(.upload)
        if let early = try delivery.before(fault, route: .upload) { return early }
        let reply = try await receive(request)
        return try delivery.after(fault, .json(reply), channel: context.channel)
    }

    private func receive(_ request: Request) async throws -> SimJSON {
        let key = SimulatorState.bearerKey(request.headers[.authorization])
        guard state.role(of: key) != nil else {
            // The shape the vendor's own test calls official (runninghub-api.md §2.1), with HTTP 200.
            return WireShapes.uploadError(code: 401, message: "ApiKey verification failed: API Key不存在")
        }
        guard var parser = MultipartStreamParser(contentType: request.headers[.contentType] ?? "") else {
            return WireShapes.uploadError(
                code: 301, message: "PARAMS_INVALID: send multipart/form-data with the file in a part named `file`")
        }
        let limit = state.configuration.uploadLimitBytes
        if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > limit + 1024 * 1024 {
            return tooLarge(limit)
        }
        let incoming = state.storageDirectory + "/incoming-" + UUID().uuidString
        var sink = FileSink(path: incoming, limit: limit)
        defer { sink.discard() }
        do {
            bodyLoop: for try await buffer in request.body {
                try parser.feed(buffer.readableBytesView) { event in try sink.take(event) }
                if sink.overLimit || parser.isFinished { break bodyLoop }
            }
        } catch is MultipartStreamParser.Failure {
            return WireShapes.uploadError(code: 808, message: "APIKEY_UPLOAD_FAILED: the multipart body is malformed")
        }
        if sink.overLimit { return tooLarge(limit) }
        guard parser.isFinished else {
            return WireShapes.uploadError(code: 808, message: "APIKEY_UPLOAD_FAILED: the multipart body ended before its closing boundary")
        }
        guard let received = try sink.finish() else {
            return WireShapes.uploadError(code: 301, message: "PARAMS_INVALID: the multipart body has no part named `file`")
        }
        let token = await state.newToken(fileExtension: received.format.fileExtension)
        let path = state.storageDirectory + "/" + token
        try FileManager.default.moveItem(atPath: incoming, toPath: path)
        let clip = received.format.format == "MP4" || received.format.format == "MOV" ? MP4Facts.read(path: path) : nil
        let file = UploadedFile(path: path, size: received.size, format: received.format, clip: clip)
        let url = await state.registerUpload(token: token, file: file)
        return .object([
            // Success is `{"code":0,"message":"success"}` (section A item 7); one client saw 200.
            "code": .int(Int64(state.configuration.uploadSuccessCode)), "message": .string("success"),
            "data": .object([
                "type": .string(received.format.category), "download_url": .string(url),
                "fileName": .string("openapi/\(received.sha256).\(received.format.fileExtension)"),
                "size": .string(String(received.size)),
            ]),
        ])
    }

    private func tooLarge(_ limit: Int64) -> SimJSON {
        WireShapes.uploadError(code: 809, message: "APIKEY_FILE_SIZE_EXCEEDED: the file is over the \(limit / 1024 / 1024) MB upload limit")
    }
}

/// Writes the `file` part to disk as the parser hands it over.
private struct FileSink {
    let path: String
    let limit: Int64
    private var handle: FileHandle?
    private var inFilePart = false
    private var sawFile = false
    private var filename: String?
    private var head: [UInt8] = []
    private var hasher = SHA256()
    private(set) var size: Int64 = 0
    private(set) var overLimit = false

    struct Received {
        let size: Int64
        let sha256: String
        let format: MediaFormat
    }

    init(path: String, limit: Int64) {
        self.path = path
        self.limit = limit
    }

    mutating func take(_ event: MultipartStreamParser.Event) throws {
        switch event {
        case .partBegan(let headers):
            // Only the first `file` part counts; other fields are read past.
            inFilePart = headers.name == "file" && !sawFile
            if inFilePart {
                sawFile = true
                filename = headers.filename
                guard FileManager.default.createFile(atPath: path, contents: nil), let opened = FileHandle(forWritingAtPath: path) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
                handle = opened
            }
        case .bytes(let bytes):
            guard inFilePart, !overLimit, let handle else { return }
            size += Int64(bytes.count)
            if size > limit {
                overLimit = true
                return
            }
            if head.count < 16 { head += bytes.prefix(16 - head.count) }
            hasher.update(data: bytes)
            try handle.write(contentsOf: bytes)
        case .partEnded:
            inFilePart = false
        }
    }

    /// Closes the file; nil when there was no `file` part.
    mutating func finish() throws -> Received? {
        guard sawFile, let handle else { return nil }
        try handle.close()
        self.handle = nil
        return Received(size: size, sha256: hasher.finalize().hexString, format: MediaFormat.sniff(head, filename: filename))
    }

    /// Removes the partial file if it is still there (the final one has been moved away).
    mutating func discard() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension UploadRoute {
    func register(on router: Router<SimRequestContext>) {
        router.post("/openapi/v2/media/upload/binary") { request, context in try await self.handle(request, context) }
    }
}
