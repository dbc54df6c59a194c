import Foundation
import Synchronization
import Testing
import TestSupport
import VeoBatch

/// `veobatch transfer`'s pieces in the library: one upload or download, the batch driver, its
/// lines and totals, and the names downloads get.
@Suite struct FileTransfersTests {
    /// Answers every request with one canned response and records what was sent.
    private final class CannedTransport: HTTPTransport {
        let status: Int
        let body: String
        let sent = Mutex<[HTTPRequest]>([])

        init(status: Int = 200, body: String) {
            self.status = status
            self.body = body
        }

        func send(_ request: HTTPRequest, progress: ProgressHandler?) async throws -> HTTPResponse {
            sent.withLock { $0.append(request) }
            return HTTPResponse(status: status, headers: [], body: Data(body.utf8))
        }

        func download(_ request: DownloadRequest, progress: ProgressHandler?) async throws -> DownloadResult {
            try Data("clip bytes".utf8).write(to: URL(fileURLWithPath: request.partPath))
            return DownloadResult(status: 200, fileLength: 10, resumedFrom: 0, expectedLength: 10, contentType: "video/mp4")
        }
    }

    @Test("an upload RunningHub accepts shows the file's size and its download URL; the part is field `file`")
    func uploadAccepted() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("take 1.png", text: "12345")
        let transport = CannedTransport(body: #"{"code":0,"data":{"download_url":"https://cdn.example.test/take.png"}}"#)
        let done = try await FileTransfers.upload(
            file: path, to: "http://127.0.0.1:9/upload", headers: [HTTPHeader("Authorization", "Bearer k")], over: transport)
        #expect(done == TransferBatch.Done(bytes: 5, detail: "HTTP 200 → https://cdn.example.test/take.png"))
        let request = try #require(transport.sent.withLock { $0.first })
        #expect(request.method == .post)
        #expect(request.headers.map(\.name) == ["Authorization"])
        guard case .multipartFile(let field, let sentPath, let fileName, _) = request.body else {
            Issue.record("the upload body is not a streamed multipart file")
            return
        }
        #expect(field == "file" && sentPath == path && fileName == "take 1.png")
    }

    @Test("a refusal in an HTTP 200 answer fails the upload with the code and message")
    func uploadRefused() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("take 1.png", text: "12345")
        let transport = CannedTransport(body: #"{"code":"1003","message":"file too large"}"#)
        let error = await #expect(throws: TransferBatch.Failure.self) {
            try await FileTransfers.upload(file: path, to: "http://127.0.0.1:9/upload", headers: [], over: transport)
        }
        #expect(error?.description == "the server refused the upload (code 1003: file too large)")
    }

    @Test("a plain server's answer (not RunningHub's) is judged by its status; an error status fails")
    func uploadPlainServer() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("take 1.png", text: "123")
        let plain = try await FileTransfers.upload(
            file: path, to: "http://127.0.0.1:9/u", headers: [], over: CannedTransport(body: #"{"ok":true}"#))
        #expect(plain == TransferBatch.Done(bytes: 3, detail: "HTTP 200"))
        let html = try await FileTransfers.upload(
            file: path, to: "http://127.0.0.1:9/u", headers: [], over: CannedTransport(body: "<html>ok</html>"))
        #expect(html.detail == "HTTP 200")
        let error = await #expect(throws: TransferBatch.Failure.self) {
            try await FileTransfers.upload(
                file: path, to: "http://127.0.0.1:9/u", headers: [], over: CannedTransport(status: 503, body: "busy"))
        }
        #expect(error?.description == "the server answered HTTP 503")
    }

    @Test("a download lands under its final name and leaves no .part behind")
    func downloadRenamesPart() async throws {
        let folder = try TemporaryFolder()
        let target = folder.path("clip.mp4")
        let done = try await FileTransfers.download("http://127.0.0.1:9/clip.mp4", to: target, flush: true, over: CannedTransport(body: ""))
        #expect(done == TransferBatch.Done(bytes: 10, detail: "HTTP 200 → \(target)"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "clip bytes")
        #expect(!FileManager.default.fileExists(atPath: target + ".part"))
    }

    @Test("the batch reports every item once, counts failures and bytes, and never runs more than `parallel` at once")
    func batchDriver() async {
        let running = Mutex((now: 0, most: 0))
        var lines: [String] = []
        let summary = await TransferBatch.run(["a.png", "b.png", "c.png", "d.png"], parallel: 2) { index in
            running.withLock {
                $0.now += 1; $0.most = max($0.most, $0.now)
            }
            defer { running.withLock { $0.now -= 1 } }
            await Task.yield()
            if index == 1 { throw TransferBatch.Failure("the server answered HTTP 500") }
            return TransferBatch.Done(bytes: Int64(100 * (index + 1)), detail: "HTTP 200")
        } ended: {
            lines.append($0.line)
        }
        #expect(
            lines.sorted() == [
                "failed  b.png  the server answered HTTP 500",
                "ok      a.png  100 bytes  HTTP 200",
                "ok      c.png  300 bytes  HTTP 200",
                "ok      d.png  400 bytes  HTTP 200",
            ])
        #expect(summary.items == 4 && summary.failures == 1 && summary.bytes == 800)
        #expect(running.withLock { $0.most } <= 2)
    }

    @Test("the totals line: files done of all, bytes, seconds, MB/s and the peak RSS given")
    func summaryText() {
        let summary = TransferBatch.Summary(items: 4, failures: 1, bytes: 3_145_728, elapsed: .milliseconds(2000))
        #expect(
            summary.text(verb: "uploaded", peakResidentKilobytes: 5120)
                == "uploaded 3 of 4 files, 3145728 bytes in 2.000 s (1.5 MB/s); peak RSS 5120 KB")
        #expect(
            TransferBatch.Summary(items: 1).text(verb: "downloaded", peakResidentKilobytes: 1)
                == "downloaded 1 of 1 files, 0 bytes in 0.000 s (0.0 MB/s); peak RSS 1 KB")
    }

    @Test("this process's peak RSS is reported in kilobytes (a test process takes more than 1 MB and less than 64 GB)")
    func peakMemory() {
        let kilobytes = PeakMemory.residentKilobytes()
        #expect(kilobytes > 1024 && kilobytes < 64 * 1024 * 1024, "\(kilobytes) KB")
    }

    @Test("download names: the URL's last component, made safe and unique, never a path outside the folder")
    func downloadNames() {
        let names = DownloadNames.assign([
            "https://cdn.example.test/a/clip.mp4?sig=1",
            "https://other.example.test/b/clip.mp4",
            "https://cdn.example.test/",
            "https://cdn.example.test/..",
            "https://cdn.example.test/we%20ird%21.mp4",
            "../../etc/passwd",
        ])
        #expect(names == ["clip.mp4", "2-clip.mp4", "download-3", "download-4", "we_ird_.mp4", "passwd"])
    }
}
