import Foundation
import Testing
@testable import VeoBatch

@Suite("Pipeline: reruns, timeouts and resolve")
struct PipelineRerunTests {
    @Test("A rerun skips done rows without a single request; a deleted clip is downloaded again")
    func rerunSkipsDone() async throws {
        let batch = try TestBatch()
        let frame = try batch.media("a.png", "frame")
        let jobs = [TestBatch.job("a", firstFrame: frame), TestBatch.job("b", line: 3)]
        _ = try await batch.run(jobs, api: FakeRunningHub())

        let idle = FakeRunningHub()
        let again = try await batch.run(jobs, api: idle)
        #expect(again.exitStatus == .allDone)
        #expect(await idle.submits.isEmpty)
        #expect(await idle.uploads.isEmpty)
        #expect(await idle.queries == 0)
        #expect(await idle.queueStatusReads == 0)
        #expect(await idle.downloads == 0)

        // The clip is gone: fetch it again from the (still valid) result URL, submit nothing.
        let original = try #require(FileManager.default.contents(atPath: batch.clip("a")))
        try FileManager.default.removeItem(atPath: batch.clip("a"))
        let taskID = try #require(try batch.current("a")?.taskID)
        // A new fake, as in a new process: it serves the clip of the task the journal names.
        let restore = FakeRunningHub()
        let restored = try await batch.run(jobs, api: RestoringFake(inner: restore, taskID: taskID))
        #expect(restored.exitStatus == .allDone)
        #expect(await restore.submits.isEmpty)
        #expect(FileManager.default.contents(atPath: batch.clip("a")) == original)
        #expect(try batch.states("a").suffix(2) == [.downloading, .done])
    }

    @Test("A clip missing after its URL expired is reported, not re-rendered; exit 1")
    func missingClipAfterExpiry() async throws {
        let batch = try TestBatch()
        let jobs = [TestBatch.job("a")]
        _ = try await batch.run(jobs, api: FakeRunningHub())
        try FileManager.default.removeItem(atPath: batch.clip("a"))
        var timing = RunTiming.fast
        timing.resultURLLifetime = .zero
        let idle = FakeRunningHub()
        let outcome = try await batch.run(jobs, api: idle, configuration: batch.configuration(timing: timing))
        #expect(outcome.exitStatus == .someNotDone)
        #expect(outcome.jobs.first?.outputMissing == true)
        #expect(await idle.submits.isEmpty)
        #expect(await idle.downloads == 0)
        #expect(try batch.current("a")?.errorCode == "output-missing")
    }

    @Test("A changed row is a new job; the old one stays in the history and its clip is kept beside the new one")
    func fingerprintChangeIsNewJob() async throws {
        let batch = try TestBatch()
        let frame = try batch.media("a.png", "frame one")
        _ = try await batch.run([TestBatch.job("a", firstFrame: frame)], api: FakeRunningHub())
        let first = try #require(try batch.current("a"))

        // Same path, new content: the fingerprint follows the content.
        try batch.media("a.png", "frame two")
        let fake = FakeRunningHub()
        let outcome = try await batch.run([TestBatch.job("a", firstFrame: frame)], api: fake)
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.created.count == 1)
        let second = try #require(try batch.current("a"))
        #expect(second.id != first.id)
        #expect(second.fingerprint != first.fingerprint)
        #expect(second.outputPath == "shots/a/a.v2.mp4")
        let history = try batch.journal().history(manifest: TestBatch.manifest, rowID: "a")
        #expect(history.map(\.isCurrent) == [false, true])
        #expect(history.first?.state == .done)
        #expect(FileManager.default.fileExists(atPath: batch.clip("a")))
        #expect(FileManager.default.fileExists(atPath: batch.clip("a", "a.v2")))

        // A parameter change is a change too; an unchanged rerun is not.
        let same = FakeRunningHub()
        _ = try await batch.run([TestBatch.job("a", firstFrame: frame)], api: same)
        #expect(await same.submits.isEmpty)
        let changed = FakeRunningHub()
        _ = try await batch.run([TestBatch.job("a", firstFrame: frame, extra: ["resolution": .string("1080p")])], api: changed)
        #expect(await changed.created.count == 1)
    }

    @Test("Failed rows are retried only with --retry-failed, as a new job")
    func retryFailed() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "a", [.accept(.fails(code: "1015", message: "Generation failed"))])
        _ = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(try batch.current("a")?.state == .failed)

        let plain = FakeRunningHub()
        #expect(try await batch.run([TestBatch.job("a")], api: plain).exitStatus == .someNotDone)
        #expect(await plain.submits.isEmpty)

        let retry = FakeRunningHub()
        let outcome = try await batch.run([TestBatch.job("a")], api: retry, configuration: batch.configuration(retryFailed: true))
        #expect(outcome.exitStatus == .allDone)
        #expect(await retry.created.count == 1)
        #expect(try batch.journal().history(manifest: TestBatch.manifest, rowID: "a").map(\.state) == [.failed, .done])
    }

    @Test("A timeout keeps the task id; the next run polls the same task to the end and submits nothing")
    func timeoutResumes() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure { $0.defaultTimeline = .endless }
        var timing = RunTiming.fast
        timing.taskTimeout = .milliseconds(60)
        let outcome = try await batch.run([TestBatch.job("a")], api: fake, configuration: batch.configuration(timing: timing))
        #expect(outcome.exitStatus == .someNotDone)
        let timedOut = try #require(try batch.current("a"))
        #expect(timedOut.state == .timeout)
        let taskID = try #require(timedOut.taskID)

        await fake.finish(taskID: taskID)
        let again = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(again.exitStatus == .allDone)
        #expect(await fake.created.count == 1)
        #expect(try batch.current("a")?.taskID == taskID)
        #expect(try batch.states("a").suffix(3) == [.timeout, .downloading, .done])
    }

    @Test("Repeated query failures end the wait as timeout with the task id kept")
    func pollFailuresTolerated() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        _ = try await batch.run([TestBatch.job("a")], api: FlakyQueries(inner: fake, failures: 4))
        #expect(try batch.current("a")?.state == .done)

        let other = try TestBatch()
        let broken = FakeRunningHub()
        let outcome = try await other.run([TestBatch.job("a")], api: FlakyQueries(inner: broken, failures: 1000))
        #expect(outcome.exitStatus == .someNotDone)
        let job = try #require(try other.current("a"))
        #expect(job.state == .timeout)
        #expect(job.taskID != nil)
        #expect(job.errorMessage?.contains("5 times in a row") == true)
    }

    @Test("resolve --task-id attaches the task; the next run polls and downloads it without submitting")
    func resolveAttachTask() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "a", [.acceptButLoseAnswer(.succeeds())])
        _ = try await batch.run([TestBatch.job("a")], api: fake)
        let taskID = try #require(await fake.taskIDs(prompt: "a").first)

        #expect(throws: Resolve.Refusal.self) {
            try Resolve.apply(outputDirectory: batch.out, manifest: nil, targets: ["a"], action: .attachTask(id: "not an id!"))
        }
        let settled = try Resolve.apply(outputDirectory: batch.out, manifest: nil, targets: ["a"], action: .attachTask(id: taskID))
        #expect(settled.map(\.state) == [.queued])
        #expect(try batch.current("a")?.resolution == "task-id")

        let outcome = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.submitCount(prompt: "a") == 1)
        #expect(try batch.current("a")?.taskID == taskID)
    }

    @Test("resolve --resubmit allows exactly one new submit; --abandon fails the row; others are refused")
    func resolveResubmitAndAbandon() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "a", [.acceptButLoseAnswer(.succeeds())])
        await fake.script(prompt: "b", [.acceptButLoseAnswer(.succeeds())])
        let jobs = [TestBatch.job("a"), TestBatch.job("b", line: 3), TestBatch.job("c", line: 4)]
        _ = try await batch.run(jobs, api: fake)

        #expect(throws: Resolve.Refusal.self) {
            try Resolve.apply(outputDirectory: batch.out, manifest: nil, targets: ["c"], action: .resubmit)
        }
        #expect(throws: Resolve.Refusal.self) {
            try Resolve.apply(outputDirectory: batch.out, manifest: nil, targets: ["nope"], action: .abandon)
        }
        _ = try Resolve.apply(outputDirectory: batch.out, manifest: nil, targets: ["a"], action: .resubmit)
        _ = try Resolve.apply(outputDirectory: batch.out, manifest: nil, targets: ["b"], action: .abandon)
        #expect(try batch.current("b")?.state == .failed)
        #expect(try batch.current("b")?.resolution == "abandoned")

        let rerun = FakeRunningHub()
        let outcome = try await batch.run(jobs, api: rerun)
        #expect(outcome.jobs.map(\.state) == [.done, .failed, .done])
        #expect(await rerun.submitCount(prompt: "a") == 1)
        #expect(await rerun.submitCount(prompt: "b") == 0)
        let history = try batch.journal().history(manifest: TestBatch.manifest, rowID: "a")
        #expect(history.map(\.state) == [.unknown, .done])
        #expect(history.first?.resolution == "resubmit")

        // The resubmit was one submit, not a standing permission.
        let third = FakeRunningHub()
        _ = try await batch.run(jobs, api: third)
        #expect(await third.submits.isEmpty)
    }
}

/// Serves a clip for a task the inner fake never created (a rerun in a new process).
struct RestoringFake: RunningHubAPI {
    let inner: FakeRunningHub
    let taskID: String

    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia { try await inner.upload(fileAt: path, progress: progress) }
    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot { try await inner.submit(endpoint: endpoint, body: body) }
    func query(taskID: String) async throws -> TaskSnapshot { try await inner.query(taskID: taskID) }
    func queueStatus() async throws -> QueueStatus { try await inner.queueStatus() }
    func accountStatus() async throws -> AccountStatus { try await inner.accountStatus() }
    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview { try await inner.pricePreview(endpoint: endpoint, body: body) }
    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult {
        let clip = FakeRunningHub.clipBytes(taskID: taskID)
        try clip.write(to: URL(fileURLWithPath: partPath))
        return DownloadResult(status: 200, fileLength: Int64(clip.count), resumedFrom: 0, expectedLength: Int64(clip.count), contentType: "video/mp4")
    }
}

/// Fails the first `failures` queries with a transient error, then asks the inner fake.
actor FlakyQueries: RunningHubAPI {
    let inner: FakeRunningHub
    var failures: Int

    init(inner: FakeRunningHub, failures: Int) {
        self.inner = inner
        self.failures = failures
    }

    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia { try await inner.upload(fileAt: path, progress: progress) }
    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot { try await inner.submit(endpoint: endpoint, body: body) }
    func query(taskID: String) async throws -> TaskSnapshot {
        if failures > 0 {
            failures -= 1
            throw RunningHubError(category: .transient, httpStatus: 503, message: "Service unavailable", route: "query")
        }
        return try await inner.query(taskID: taskID)
    }
    func queueStatus() async throws -> QueueStatus { try await inner.queueStatus() }
    func accountStatus() async throws -> AccountStatus { try await inner.accountStatus() }
    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview { try await inner.pricePreview(endpoint: endpoint, body: body) }
    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult {
        try await inner.downloadResult(url: url, partPath: partPath, progress: progress)
    }
}
