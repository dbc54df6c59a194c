import Foundation
import Synchronization
import Testing
@testable import VeoBatch

@Suite("Pipeline: downloads")
struct PipelineDownloadTests {
    @Test("An existing different clip is never overwritten: the new one lands beside it as NAME.v2.mp4")
    func neverOverwrites() async throws {
        let batch = try TestBatch()
        let folder = batch.manifestFolder + "/a"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let precious = Data("FAKEMP4 someone's earlier clip".utf8)
        try precious.write(to: URL(fileURLWithPath: batch.clip("a")))
        let outcome = try await batch.run([TestBatch.job("a")], api: FakeRunningHub())
        #expect(outcome.exitStatus == .allDone)
        #expect(FileManager.default.contents(atPath: batch.clip("a")) == precious)
        #expect(try batch.current("a")?.outputPath == "shots/a/a.v2.mp4")
        #expect(FileManager.default.fileExists(atPath: batch.clip("a", "a.v2")))
    }

    @Test("A task's first download starts fresh: a .part left there by another job is cleared, never resumed")
    func freshDownloadClearsLeftOverPart() async throws {
        let batch = try TestBatch()
        try FileManager.default.createDirectory(atPath: batch.manifestFolder + "/a", withIntermediateDirectories: true)
        try Data("FAKEMP4 half of another job's clip".utf8).write(to: URL(fileURLWithPath: batch.clip("a") + ".part"))
        let fake = FakeRunningHub()
        // For each download, whether a `.part` was already there when it began.
        let partsFound = Mutex<[Bool]>([])
        let witness = OwnDownloads(inner: fake) { url, partPath in
            partsFound.withLock { $0.append(FileManager.default.fileExists(atPath: partPath)) }
            return try await fake.downloadResult(url: url, partPath: partPath, progress: nil)
        }
        let outcome = try await batch.run([TestBatch.job("a")], api: witness)
        #expect(outcome.exitStatus == .allDone)
        #expect(partsFound.withLock { $0 } == [false], "the download began with no .part")
        let job = try #require(try batch.current("a"))
        #expect(FileManager.default.contents(atPath: batch.clip("a")) == FakeRunningHub.clipBytes(taskID: job.taskID ?? ""))
        #expect(!FileManager.default.fileExists(atPath: batch.clip("a") + ".part"))
    }

    @Test("A truncated download is resumed and checked against the announced length")
    func truncatedDownloadResumes() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure { $0.truncateFirstDownload = true }
        let outcome = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.downloads == 2)
        let job = try #require(try batch.current("a"))
        #expect(FileManager.default.contents(atPath: batch.clip("a")) == FakeRunningHub.clipBytes(taskID: job.taskID ?? ""))
        #expect(job.outputSize == Int64(FakeRunningHub.clipBytes(taskID: job.taskID ?? "").count))
    }

    @Test("Download failures are retried; when they persist the row stays downloading for the next run")
    func downloadRetriesThenWaits() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        let reset = RunningHubError(category: .transient, message: "Connection reset", route: "download")
        await fake.configure { $0.downloadErrors = Array(repeating: reset, count: 3) }
        let outcome = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(outcome.exitStatus == .someNotDone)
        let waiting = try #require(try batch.current("a"))
        #expect(waiting.state == .downloading)
        #expect(waiting.errorMessage?.contains("Connection reset") == true)

        let again = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(again.exitStatus == .allDone)
        #expect(await fake.created.count == 1)
        #expect(await fake.downloads == 4)
    }

    @Test("A result that is not a video fails the row (it is never renamed into place)")
    func wrongTypeFails() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        let outcome = try await batch.run([TestBatch.job("a")], api: OwnDownloads.htmlPages(fake))
        #expect(outcome.exitStatus == .someNotDone)
        let job = try #require(try batch.current("a"))
        #expect(job.state == .failed)
        #expect(job.errorCode == "output-not-video")
        // The type was sorted in one cheap pass; the refusal still says what the file is.
        #expect(job.errorMessage?.contains("it is text/plain (ASCII text), not an MP4 video") == true)
        #expect(!FileManager.default.fileExists(atPath: batch.clip("a")))
        #expect(!FileManager.default.fileExists(atPath: batch.clip("a") + ".part"))
    }
}

/// The fake for everything but downloads, which `download` answers (it may call the fake's own).
struct OwnDownloads: RunningHubAPI {
    let inner: FakeRunningHub
    let download: @Sendable (_ url: String, _ partPath: String) async throws -> DownloadResult
    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia { try await inner.upload(fileAt: path, progress: progress) }
    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot { try await inner.submit(endpoint: endpoint, body: body) }
    func query(taskID: String) async throws -> TaskSnapshot { try await inner.query(taskID: taskID) }
    func queueStatus() async throws -> QueueStatus { try await inner.queueStatus() }
    func accountStatus() async throws -> AccountStatus { try await inner.accountStatus() }
    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview { try await inner.pricePreview(endpoint: endpoint, body: body) }
    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult {
        try await download(url, partPath)
    }

    /// Answers every download with an HTML error page, as a misbehaving CDN might.
    static func htmlPages(_ inner: FakeRunningHub) -> OwnDownloads {
        OwnDownloads(inner: inner) { _, partPath in
            let page = Data("<html>Access denied</html>".utf8)
            try page.write(to: URL(fileURLWithPath: partPath))
            return DownloadResult(status: 200, fileLength: Int64(page.count), resumedFrom: 0, expectedLength: Int64(page.count), contentType: "text/html")
        }
    }
}
