import Foundation
import Synchronization
import Testing
@testable import VeoBatch

@Suite("Pipeline: a run from pending to done")
struct PipelineRunFlowTests {
    @Test("Every row goes pending → uploading → submitting → queued → running → downloading → done")
    func happyPath() async throws {
        let batch = try TestBatch()
        let frame = try batch.media("a_start.png", "png bytes A")
        let jobs = [TestBatch.job("a", firstFrame: frame), TestBatch.job("b", line: 3)]
        let fake = FakeRunningHub()
        let outcome = try await batch.run(jobs, api: fake)

        #expect(outcome.exitStatus == .allDone)
        #expect(outcome.jobs.map(\.state) == [.done, .done])
        #expect(try batch.states("a") == [.pending, .uploading, .submitting, .queued, .running, .downloading, .done])
        // No local input: no upload step.
        #expect(try batch.states("b") == [.pending, .submitting, .queued, .running, .downloading, .done])
        let a = try #require(try batch.current("a"))
        let taskID = try #require(a.taskID)
        #expect(FileManager.default.contents(atPath: batch.clip("a")) == FakeRunningHub.clipBytes(taskID: taskID))
        #expect(a.outputPath == "shots/a/a.mp4")
        #expect(a.outputSHA256 == FileDigest.sha256(of: FakeRunningHub.clipBytes(taskID: taskID)))
        #expect(a.outputMIME == "video/mp4")
        #expect(a.actualCost == "4.7")
        #expect(a.charge == Money(Decimal(string: "4.7")!, .cny), "charged in the account's currency")
        #expect(a.attempts == 1)
        #expect(!FileManager.default.fileExists(atPath: batch.clip("a") + ".part"))
        // The body as sent names the upload URL, not the local path.
        let body = try #require(await fake.body(ofTask: taskID))
        #expect(body["firstFrameUrl"]?.stringValue?.hasPrefix("https://fake.storage/") == true)
        #expect(a.requestBodyJSON == body.canonicalString)
        #expect(await fake.created.count == 2)
    }

    @Test("`submitting` and the body are committed to the journal before the submit reaches RunningHub")
    func submittingIsCommittedFirst() async throws {
        let batch = try TestBatch()
        let jobs = [TestBatch.job("a"), TestBatch.job("b", line: 3)]
        let seen = Mutex<[String]>([])
        let out = batch.out
        let fake = FakeRunningHub()
        await fake.configure { fake in
            fake.onSubmit = { _, body in
                // A separate connection to the journal file, as another process would read it.
                let row = body["prompt"]?.stringValue ?? "?"
                let job = try? Journal.openReadOnly(outputDirectory: out)?.currentJob(manifest: TestBatch.manifest, rowID: row, take: 1)
                let matches = job?.state == .submitting && job?.requestBodyJSON == body.canonicalString && job?.attempts == 1
                seen.withLock { $0.append("\(row):\(job?.state.rawValue ?? "none"):\(matches)") }
            }
        }
        let outcome = try await batch.run(jobs, api: fake)
        #expect(outcome.exitStatus == .allDone)
        #expect(seen.withLock { $0.sorted() } == ["a:submitting:true", "b:submitting:true"])
    }

    @Test("The task id is committed as soon as the submit answers, and events record every transition")
    func eventsRecordTransitions() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        _ = try await batch.run([TestBatch.job("a")], api: fake)
        let job = try #require(try batch.current("a"))
        let events = try batch.journal().events(jobID: try #require(job.id))
        let queued = try #require(events.first { $0.toState == .queued })
        #expect(queued.fromState == .submitting)
        #expect(queued.message?.contains(job.taskID ?? "missing") == true)
        #expect(job.submittedAt != nil && job.runningAt != nil && job.doneAt != nil)
        #expect(try #require(job.submittingAt) <= job.submittedAt ?? .distantPast)
    }

    @Test("A task failure keeps RunningHub's code and message; the run exits 1")
    func taskFailureKeepsCode() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "bad", [.accept(.fails(code: "1501", message: "Content verification failed"))])
        let outcome = try await batch.run([TestBatch.job("good"), TestBatch.job("bad", line: 3)], api: fake)
        #expect(outcome.exitStatus == .someNotDone)
        let bad = try #require(try batch.current("bad"))
        #expect(bad.state == .failed)
        #expect(bad.errorCode == "1501")
        #expect(bad.errorMessage?.contains("Content verification failed") == true)
        #expect(bad.taskID != nil)
        #expect(try batch.current("good")?.state == .done)
    }

    @Test("Refused parameters fail the row without a task; other rows go on")
    func invalidParametersFail() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "bad", [.reject(RunningHubError(category: .invalidParameters, code: "1007", message: "Invalid parameters", route: TestBatch.endpoint))])
        let outcome = try await batch.run([TestBatch.job("bad"), TestBatch.job("good", line: 3)], api: fake)
        #expect(outcome.jobs.map(\.state) == [.failed, .done])
        let bad = try #require(try batch.current("bad"))
        #expect(bad.errorCode == "1007")
        #expect(bad.taskID == nil)
        #expect(await fake.submitCount(prompt: "bad") == 1)
    }

    @Test("A key refused at submit stops all submitting with exit 5 and leaves rows pending")
    func authStopsTheRun() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure { $0.queueStatusError = RunningHubError(category: .auth, code: "1014", message: "Access Denied: Standard Model API is restricted to Enterprise-Shared API Keys only.", route: "queue/status") }
        let outcome = try await batch.run([TestBatch.job("a"), TestBatch.job("b", line: 3)], api: fake)
        #expect(outcome.exitStatus == .account)
        #expect(outcome.accountProblem?.contains("1014") == true)
        #expect(await fake.submits.isEmpty)
        #expect(outcome.jobs.map(\.state) == [.pending, .pending])

        let second = FakeRunningHub()
        await second.script(prompt: "a", [.reject(RunningHubError(category: .insufficientBalance, code: "416", message: "Wallet balance too low", route: TestBatch.endpoint))])
        let again = try await batch.run([TestBatch.job("a"), TestBatch.job("b", line: 3)], api: second, configuration: batch.configuration(concurrency: 1))
        #expect(again.exitStatus == .account)
        #expect(await second.submits.count == 1)
        #expect(try batch.current("a")?.state == .pending)
        #expect(try batch.current("a")?.errorCode == "416")
    }

    @Test("A transient submit failure (nothing created) is retried and the row completes with one task")
    func transientSubmitRetried() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        let refused = RunningHubError(category: .transient, message: "Connection refused", route: TestBatch.endpoint)
        await fake.script(prompt: "a", [.reject(refused), .reject(refused)])
        let outcome = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.submitCount(prompt: "a") == 3)
        #expect(await fake.createdCount(prompt: "a") == 1)
        #expect(try batch.current("a")?.attempts == 3)
    }
}
