import Foundation
import Synchronization
import Testing
import TestSupport

@testable import VeoBatch

/// Uploads streamed from disk and downloads streamed to `.part` files, including resume,
/// restart, error statuses and redirects.
@Suite("Curl file transfers")
struct CurlFileTransferTests {
    @Test("A 50 MB file uploads (multipart, streamed) and downloads back byte-identical")
    func largeRoundTrip() async throws {
        try await CurlFixtureServer.with { server in
            let folder = try TemporaryFolder(prefix: "curl-roundtrip")
            defer { folder.remove() }
            let original = folder.path("take-1.mp4")
            try CurlTestFiles.makeRandomFile(at: original, megabytes: 50)
            let originalHash = try CurlTestFiles.sha256(of: original)
            let fiftyMegabytes: Int64 = 50 * 1_048_576
            let transport = try CurlTransport()
            defer { transport.close() }

            let uploadProgress = ProgressLog()
            let response = try await transport.send(
                HTTPRequest(
                    method: .post, url: server.url("/upload"), headers: [HTTPHeader("Authorization", "Bearer k")],
                    body: .multipartFile(field: "file", path: original, fileName: "take-1.mp4", contentType: "video/mp4")),
                progress: uploadProgress.record)
            #expect(response.status == 200)
            let answer = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
            #expect(answer?["sha256"] as? String == originalHash)
            #expect((answer?["length"] as? NSNumber)?.int64Value == fiftyMegabytes)
            #expect(answer?["field"] as? String == "file")
            #expect(answer?["fileName"] as? String == "take-1.mp4")
            #expect(answer?["contentType"] as? String == "video/mp4")
            let lastUpload = uploadProgress.last
            #expect(lastUpload?.bytesDone ?? 0 > 50 * 1_048_576)
            #expect(lastUpload?.bytesDone == lastUpload?.bytesTotal)

            let part = folder.path("back.mp4.part")
            let downloadProgress = ProgressLog()
            let result = try await transport.download(
                DownloadRequest(url: server.url("/files/take-1.mp4"), partPath: part), progress: downloadProgress.record)
            #expect(result.status == 200)
            #expect(result.resumedFrom == 0)
            #expect(result.fileLength == 50 * 1_048_576)
            #expect(result.expectedLength == fiftyMegabytes)
            #expect(result.contentType == "video/mp4")
            #expect(downloadProgress.last == TransferProgress(bytesDone: 50 * 1_048_576, bytesTotal: 50 * 1_048_576))
            #expect(try CurlTestFiles.sha256(of: part) == originalHash)
        }
    }

    @Test("A download cut in the middle resumes with Range and ends byte-identical")
    func cutDownloadResumes() async throws {
        try await CurlFixtureServer.with { server in
            let original = "\(server.storeDirectory)/clip.mp4"
            try CurlTestFiles.makeRandomFile(at: original, megabytes: 4)
            let folder = try TemporaryFolder(prefix: "curl-resume")
            defer { folder.remove() }
            let part = folder.path("clip.mp4.part")
            let transport = try CurlTransport()
            defer { transport.close() }

            let cut = await #expect(throws: TransportError.self) {
                _ = try await transport.download(DownloadRequest(url: server.url("/cut/clip.mp4"), partPath: part), progress: nil)
            }
            #expect(cut?.kind == .connectionLost)
            let kept = CurlTestFiles.length(of: part)
            #expect(kept > 0 && kept < 4 * 1_048_576)
            #expect(try CurlTestFiles.sha256(of: part) == CurlTestFiles.sha256(of: original, count: kept))

            let progress = ProgressLog()
            let result = try await transport.download(
                DownloadRequest(url: server.url("/files/clip.mp4"), partPath: part), progress: progress.record)
            #expect(result.status == 206)
            #expect(result.resumedFrom == kept)
            #expect(result.expectedLength == Int64(4 * 1_048_576))
            #expect(result.fileLength == 4 * 1_048_576)
            #expect(progress.first?.bytesDone ?? 0 >= kept)
            #expect(try CurlTestFiles.sha256(of: part) == CurlTestFiles.sha256(of: original))
        }
    }

    @Test("A server that answers 200 instead of 206 restarts the .part cleanly")
    func fullAnswerRestarts() async throws {
        try await CurlFixtureServer.with { server in
            let original = "\(server.storeDirectory)/clip.mp4"
            try CurlTestFiles.makeRandomFile(at: original, megabytes: 2)
            let folder = try TemporaryFolder(prefix: "curl-restart")
            defer { folder.remove() }
            let part = folder.path("clip.mp4.part")
            try Data(repeating: 0xAB, count: 300_000).write(to: URL(fileURLWithPath: part))
            let transport = try CurlTransport()
            defer { transport.close() }

            let result = try await transport.download(
                DownloadRequest(url: server.url("/files/clip.mp4?ignoreRange=1"), partPath: part), progress: nil)
            #expect(result.status == 200)
            #expect(result.resumedFrom == 0)
            #expect(result.fileLength == 2 * 1_048_576)
            #expect(try CurlTestFiles.sha256(of: part) == CurlTestFiles.sha256(of: original))
        }
    }

    @Test("A .part that already holds the whole file counts as done (416 with bytes */N)")
    func alreadyCompletePart() async throws {
        try await CurlFixtureServer.with { server in
            let original = "\(server.storeDirectory)/clip.mp4"
            try CurlTestFiles.makeRandomFile(at: original, megabytes: 1)
            let folder = try TemporaryFolder(prefix: "curl-complete")
            defer { folder.remove() }
            let part = folder.path("clip.mp4.part")
            try FileManager.default.copyItem(atPath: original, toPath: part)
            let transport = try CurlTransport()
            defer { transport.close() }
            let result = try await transport.download(DownloadRequest(url: server.url("/files/clip.mp4"), partPath: part), progress: nil)
            #expect(result.resumedFrom == 1_048_576)
            #expect(result.fileLength == 1_048_576)
            #expect(try CurlTestFiles.sha256(of: part) == CurlTestFiles.sha256(of: original))
        }
    }

    @Test("A non-2xx download throws .httpStatus and leaves the .part as it was")
    func errorStatusLeavesPartAlone() async throws {
        try await CurlFixtureServer.with { server in
            let folder = try TemporaryFolder(prefix: "curl-status")
            defer { folder.remove() }
            let transport = try CurlTransport()
            defer { transport.close() }
            let existing = folder.path("existing.part")
            try Data("earlier bytes".utf8).write(to: URL(fileURLWithPath: existing))
            let error = await #expect(throws: TransportError.self) {
                _ = try await transport.download(DownloadRequest(url: server.url("/status/500"), partPath: existing), progress: nil)
            }
            #expect(error?.kind == .httpStatus(500))
            #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data("earlier bytes".utf8))

            let absent = folder.path("absent.part")
            let missing = await #expect(throws: TransportError.self) {
                _ = try await transport.download(DownloadRequest(url: server.url("/files/nothing-here"), partPath: absent), progress: nil)
            }
            #expect(missing?.kind == .httpStatus(404))
            #expect(!FileManager.default.fileExists(atPath: absent))
        }
    }

    @Test("A .part in a folder that does not exist fails as .localFile")
    func unwritablePart() async throws {
        let transport = try CurlTransport()
        defer { transport.close() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.download(DownloadRequest(url: "http://127.0.0.1:9/x", partPath: "/nonexistent-dir/x.part"), progress: nil)
        }
        #expect(error?.kind == .localFile)
    }

    @Test("Download redirects keep headers on the same origin and drop them for another")
    func redirectsDropHeadersAcrossOrigins() async throws {
        try await CurlFixtureServer.with { origin in
            try await CurlFixtureServer.with { elsewhere in
                let folder = try TemporaryFolder(prefix: "curl-redirect")
                defer { folder.remove() }
                let transport = try CurlTransport()
                defer { transport.close() }
                let headers = [HTTPHeader("Authorization", "Bearer must-not-leak"), HTTPHeader("X-Trace", "abc")]

                let samePart = folder.path("same.part")
                let same = try await transport.download(
                    DownloadRequest(url: origin.url("/redirect?to=/echo"), headers: headers, partPath: samePart), progress: nil)
                #expect(same.status == 200)
                let sameEcho = try EchoAnswer(Data(contentsOf: URL(fileURLWithPath: samePart)))
                #expect(sameEcho.headers["X-Trace"] == "abc")

                let otherPart = folder.path("other.part")
                let target = elsewhere.url("/echo").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let other = try await transport.download(
                    DownloadRequest(url: origin.url("/redirect?to=\(target)"), headers: headers, partPath: otherPart), progress: nil)
                #expect(other.status == 200)
                let otherEcho = try EchoAnswer(Data(contentsOf: URL(fileURLWithPath: otherPart)))
                #expect(otherEcho.headers["Authorization"] == nil)
                #expect(otherEcho.headers["X-Trace"] == nil)
            }
        }
    }
}

/// Collects progress reports (called on the engine thread).
final class ProgressLog: Sendable {
    private let reports = Mutex<[TransferProgress]>([])

    var record: ProgressHandler {
        { [self] progress in self.reports.withLock { $0.append(progress) } }
    }

    var first: TransferProgress? { reports.withLock { $0.first } }
    var last: TransferProgress? { reports.withLock { $0.last } }
    var count: Int { reports.withLock { $0.count } }
}
