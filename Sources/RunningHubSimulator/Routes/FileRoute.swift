import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Hummingbird
import NIOCore

/// `GET|HEAD /files/<token>?expires=…&sig=…`: the object-storage stand-in behind every upload
/// `download_url` and every result `url`. No credentials: the signature is the credential.
/// Files stream from disk (uploads) or are generated on the fly (results), with `Range` support.
struct FileRoute: Sendable {
    let state: SimulatorState
    let delivery: FaultDelivery
    /// Bytes read from disk and written per step.
    static let chunkSize = 256 * 1024

    func register(on router: Router<SimRequestContext>) {
        router.get("/files/:token") { request, context in try await self.handle(request, context, head: false) }
        router.head("/files/:token") { request, context in try await self.handle(request, context, head: true) }
    }

    /// Where the bytes come from.
    private enum Source: Sendable {
        case disk(path: String)
        /// A result clip followed by `padding` zero bytes inside a `free` box.
        case generated(prefix: [UInt8], padding: Int)
    }

    private func handle(_ request: Request, _ context: SimRequestContext, head: Bool) async throws -> Response {
        let fault = await state.begin(.download)
        if request.headers[.authorization] != nil {
            await state.countAuthHeaderOnFile()
            context.logger.warning("A request for a file URL carried an Authorization header; object storage never needs one.")
        }
        if let early = try delivery.before(fault, route: .download) { return early }
        let token = context.parameters.get("token") ?? ""
        let query = request.uri.queryParameters
        let source: Source
        let size: Int
        let contentType: String
        switch await state.lookUpFile(token: token, expires: query["expires"].map(String.init), signature: query["sig"].map(String.init)) {
        case .notFound:
            return refusal(.notFound, "NoSuchKey", "The specified key does not exist.")
        case .badSignature:
            return refusal(
                .forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
        case .expired:
            return refusal(.forbidden, "AccessDenied", "Request has expired.")
        case .upload(let file):
            source = .disk(path: file.path)
            size = Int(file.size)
            contentType = file.format.contentType
        case .result(let clip):
            let padding = state.configuration.resultPaddingBytes
            let prefix = padding > 0 ? clip + MP4Clip.freeBoxHeader(payloadSize: padding) : clip
            source = .generated(prefix: prefix, padding: padding)
            size = prefix.count + padding
            contentType = MediaFormat.mp4.contentType
        }
        var headers: HTTPFields = [.contentType: contentType, .acceptRanges: "bytes", .eTag: "\"\(token)\""]
        var status = HTTPResponse.Status.ok
        var range = 0..<size
        if let header = request.headers[.range] {
            guard let requested = Self.parseRange(header, size: size) else {
                headers[.contentRange] = "bytes */\(size)"
                return Response(status: .rangeNotSatisfiable, headers: headers, body: .init())
            }
            range = requested
            status = .partialContent
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)"
        }
        headers[.contentLength] = String(range.count)
        if head { return Response(status: status, headers: headers, body: .init()) }

        // Nothing to create here, so "create then drop" is a plain drop.
        if fault == .createThenDrop { throw SimulatedDrop() }

        let channel = context.channel
        let state = self.state
        let span = range
        let delay = delivery.chunkDelay
        // A slow answer comes in about ten pieces whatever the length, with a pause between them.
        let pieceSize = fault == .slowBody ? max(1, (range.count + 9) / 10) : range.count
        let body = ResponseBody(contentLength: span.count) { writer in
            var sent = 0
            do {
                var position = span.lowerBound
                // A truncated answer stops half-way.
                let stop = fault == .truncatedBody ? span.lowerBound + span.count / 2 : span.upperBound
                let reader = try Self.reader(for: source)
                defer { reader.close() }
                while position < stop {
                    let pieceEnd = min(stop, position + pieceSize)
                    while position < pieceEnd {
                        let buffer = try reader.read(at: position, count: min(Self.chunkSize, pieceEnd - position))
                        try await writer.write(buffer)
                        position += buffer.readableBytes
                        sent += buffer.readableBytes
                    }
                    if fault == .slowBody, position < stop { try await Task.sleep(for: .seconds(delay)) }
                }
                await state.countDownload(bytes: sent, started: true)
                if fault == .truncatedBody { try await FaultDelivery.cut(channel) }
                try await writer.finish(nil)
            } catch let error as SimulatedDrop {
                throw error
            } catch {
                await state.countDownload(bytes: sent, started: true)
                throw error
            }
        }
        return Response(status: status, headers: headers, body: body)
    }

    private func refusal(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        let text = WireShapes.storageError(code: code, message: message)
        return Response(status: status, headers: [.contentType: "application/xml"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `bytes=N-`, `bytes=N-M` or `bytes=-N` within `size`; nil when unsatisfiable or malformed.
    static func parseRange(_ header: String, size: Int) -> Range<Int>? {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return nil }
        let spec = text.dropFirst("bytes=".count).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        let first = spec[0].trimmingCharacters(in: .whitespaces), last = spec[1].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0, size > 0 else { return nil }
            return max(0, size - suffix)..<size
        }
        guard let start = Int(first), start >= 0, start < size else { return nil }
        if last.isEmpty { return start..<size }
        guard let end = Int(last), end >= start else { return nil }
        return start..<(min(end, size - 1) + 1)
    }

    /// Reads byte ranges from a file on disk (with `pread`, straight into the buffer that is sent)
    /// or from a generated clip.
    private struct Reader {
        let descriptor: Int32?
        let prefix: [UInt8]

        func read(at offset: Int, count: Int) throws -> ByteBuffer {
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let descriptor {
                var failure: Int32 = 0
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { target in
                    let got = pread(descriptor, target.baseAddress, count, off_t(offset))
                    if got < 0 { failure = errno }
                    return max(0, got)
                }
                // A read error, or the file shrank under us: stop rather than send a wrong length.
                guard failure == 0, buffer.readableBytes == count else { throw CocoaError(.fileReadCorruptFile) }
                return buffer
            }
            if offset < prefix.count { buffer.writeBytes(prefix[offset..<min(prefix.count, offset + count)]) }
            buffer.writeRepeatingByte(0, count: count - buffer.readableBytes)
            return buffer
        }

        func close() {
            if let descriptor { closeDescriptor(descriptor) }
        }
    }

    private static func reader(for source: Source) throws -> Reader {
        switch source {
        case .disk(let path):
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
            return Reader(descriptor: descriptor, prefix: [])
        case .generated(let prefix, _):
            return Reader(descriptor: nil, prefix: prefix)
        }
    }
}

/// The C `close`, out of reach of `Reader.close()`'s name.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
