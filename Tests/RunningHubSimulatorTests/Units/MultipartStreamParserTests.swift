import Testing

@testable import RunningHubSimulator

@Suite("Streaming multipart parser")
struct MultipartStreamParserTests {
    private let boundary = "XyZ-boundary-42"

    private func body(file: [UInt8]) -> [UInt8] {
        Array("preamble\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi there\r\n".utf8)
            + Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n".utf8
            )
            + file + Array("\r\n--\(boundary)--\r\nepilogue".utf8)
    }

    /// Feeds `bytes` in pieces of the given sizes (cycled) and collects the `file` part.
    private func parse(_ bytes: [UInt8], pieces: [Int]) throws -> (
        headers: [MultipartStreamParser.PartHeaders], file: [UInt8], finished: Bool
    ) {
        var parser = try #require(MultipartStreamParser(contentType: "multipart/form-data; boundary=\"\(boundary)\""))
        var headers: [MultipartStreamParser.PartHeaders] = []
        var file: [UInt8] = []
        var current: String?
        var offset = 0
        var index = 0
        while offset < bytes.count {
            let size = max(1, pieces[index % pieces.count])
            index += 1
            let piece = bytes[offset..<min(bytes.count, offset + size)]
            offset += piece.count
            try parser.feed(piece) { event in
                switch event {
                case .partBegan(let part):
                    headers.append(part)
                    current = part.name
                case .bytes(let data): if current == "file" { file += data }
                case .partEnded: current = nil
                }
            }
        }
        return (headers, file, parser.isFinished)
    }

    @Test(
        "a file holding CR, LF and boundary-like bytes survives any chunking",
        arguments: [[1], [2, 3, 5], [7, 64, 1], [4096], [1_000_000]])
    func anyChunking(pieces: [Int]) throws {
        // Bytes that look like the start of a delimiter without being one.
        var file = Fixtures.bytes(20_000)
        file.replaceSubrange(100..<110, with: Array("\r\n--XyZ-bo".utf8))
        file += Array("\r\n--".utf8)
        let result = try parse(body(file: file), pieces: pieces)
        #expect(result.file == file)
        #expect(result.finished)
        #expect(result.headers.map(\.name) == ["note", "file"])
        #expect(result.headers.last?.filename == "a.png")
        #expect(result.headers.last?.contentType == "image/png")
    }

    @Test("a body cut before the closing delimiter is not finished")
    func cutBody() throws {
        let bytes = Array(body(file: Fixtures.bytes(1000)).dropLast(30))
        let result = try parse(bytes, pieces: [333])
        #expect(!result.finished)
        var parser = try #require(MultipartStreamParser(contentType: "multipart/form-data; boundary=\(boundary)"))
        try parser.feed(bytes) { _ in }
        #expect(throws: MultipartStreamParser.Failure.endedEarly) { try parser.finish() }
    }

    @Test("only multipart/form-data with a boundary is accepted")
    func contentTypes() {
        #expect(MultipartStreamParser(contentType: "application/octet-stream") == nil)
        #expect(MultipartStreamParser(contentType: "multipart/form-data") == nil)
        #expect(MultipartStreamParser(contentType: "Multipart/Form-Data; charset=utf-8; boundary=abc") != nil)
    }
}
