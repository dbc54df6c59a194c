import Foundation
import Synchronization
import Testing
@testable import VeoBatch

@Suite("Pipeline: submit window, rate cap and shielded submits")
struct PipelineWindowTests {
    static func usd(_ amount: Decimal) -> PriceEstimate {
        PriceEstimate(money: Money(amount, .usd), source: .pricePreview)
    }

    static func status(limit: Int, running: Int) -> QueueStatus {
        QueueStatus(apiKeyType: "SHARED", concurrentLimit: limit, runningCount: running, queuedCount: 0, totalCurrentTasks: running)
    }

    @Test("No place before the first queue status; then places go out in manifest order up to the limit")
    func ordering() async {
        let window = SubmitWindow(concurrency: 2)
        let granted = Granted()
        // Job 0 has nothing to submit in this run.
        await window.pass(ordinal: 0)
        let waiters = [3, 1, 2].map { ordinal in
            Task {
                if await window.acquire(ordinal: ordinal) == .granted { granted.add(ordinal) }
            }
        }
        while await window.waitingCount < 3 { await Task.yield() }
        #expect(granted.all.isEmpty)
        let demand = await window.refreshDemand()
        #expect(demand.wanted && demand.urgent == .start)
        let ticket = await window.statusRequestStarted()
        await window.update(Self.status(limit: 5, running: 0), ticket: ticket)
        while granted.all.count < 2 { await Task.yield() }
        #expect(granted.all.sorted() == [1, 2])
        await window.confirm()
        await window.release(confirmed: true)
        for waiter in waiters { await waiter.value }
        #expect(granted.all.count == 3)
        #expect(granted.all.last == 3)
        #expect(await window.maxInFlight == 2)
    }

    @Test("A later job that reaches the window first waits until the earlier one has its place or passes")
    func strictManifestOrder() async {
        let window = SubmitWindow(concurrency: 1)
        let ticket = await window.statusRequestStarted()
        await window.update(Self.status(limit: 5, running: 0), ticket: ticket)
        let granted = Granted()
        let later = Task { if await window.acquire(ordinal: 1) == .granted { granted.add(1) } }
        while await window.waitingCount < 1 { await Task.yield() }
        for _ in 0..<50 { await Task.yield() }
        #expect(granted.all.isEmpty, "job 1 went before job 0")
        // Job 0 takes its place first; job 1 follows when that place is given back.
        #expect(await window.acquire(ordinal: 0) == .granted)
        await window.release(confirmed: false)
        await later.value
        #expect(granted.all == [1])
        // Asking again after a capacity answer keeps the turn: job 0 is not made to wait for job 2.
        let third = Task { await window.acquire(ordinal: 3) }
        while await window.waitingCount < 1 { await Task.yield() }
        await window.release(confirmed: false)
        #expect(await window.acquire(ordinal: 0) == .granted)
        await window.pass(ordinal: 2)
        await window.release(confirmed: false)
        #expect(await third.value == .granted)
    }

    @Test("--max-cost is reserved as each place is given, in manifest order: a dear later job that arrives first never takes the money")
    func budgetInManifestOrder() async {
        let budget = Budget(limit: Money(25, .usd), alreadyCounted: nil)
        let window = SubmitWindow(concurrency: 10, budget: budget)
        let costs: [Int: Decimal] = [0: 5, 1: 5, 2: 5, 3: 20, 4: 1]
        // The dear job 3 and the cheap job 4 reach the window before jobs 0–2.
        let waiters = [3, 4, 1, 2, 0].map { ordinal in
            let cost = Self.usd(costs[ordinal]!)
            return (ordinal, Task { await window.acquire(ordinal: ordinal, cost: cost) })
        }
        while await window.waitingCount < 5 { await Task.yield() }
        let ticket = await window.statusRequestStarted()
        await window.update(Self.status(limit: 10, running: 0), ticket: ticket)
        var grants: [Int: SubmitWindow.Grant] = [:]
        for (ordinal, waiter) in waiters { grants[ordinal] = await waiter.value }
        #expect(grants[0] == .granted && grants[1] == .granted && grants[2] == .granted)
        #expect(grants[3] == .overBudget(.over(counted: Money(15, .usd), estimate: Money(20, .usd), limit: Money(25, .usd))))
        #expect(grants[4] == .stopped, "the manifest is cut at job 3, though job 4 would fit")
        #expect(budget.committed == Money(15, .usd))
        #expect(await window.inFlight == 3, "no place for the job that did not fit")
        #expect(await window.acquire(ordinal: 5, cost: Self.usd(1)) == .stopped)
    }

    @Test("Foreign tasks shrink the room; a task given back after the status was asked for is not counted as ours")
    func foreignAccounting() async {
        let window = SubmitWindow(concurrency: 10)
        await window.adopt(jobID: nil)
        await window.adopt(jobID: nil)
        // Two of ours and three foreign on a limit of 6: one place left besides ours.
        let ticket = await window.statusRequestStarted()
        await window.update(Self.status(limit: 6, running: 5), ticket: ticket)
        #expect(await window.limit == 3)
        // One of ours ends after the request left: it may not have been counted, so assume
        // the server saw only one of ours (3 + 1 foreign → 4 foreign at most).
        await window.release(confirmed: true)
        #expect(await window.limit == 2)
    }

    @Test("Tasks a rerun resumes are its own load from the first read, and a task ending asks for a prompt re-read")
    func resumedTasksAreOurs() async {
        let window = SubmitWindow(concurrency: 4)
        // An interrupted run left two tasks; this run follows them (their flows adopt them later).
        await window.adoptLiveTasks([11, 12])
        let granted = Granted()
        let waiter = Task { if await window.acquire(ordinal: 0) == .granted { granted.add(0) } }
        while await window.waitingCount < 1 { await Task.yield() }
        let ticket = await window.statusRequestStarted()
        // The account runs exactly our two tasks on a limit of 2: nothing foreign.
        await window.update(Self.status(limit: 2, running: 2), ticket: ticket)
        #expect(await window.foreignEstimate == 0)
        await window.adopt(jobID: 11)
        await window.adopt(jobID: 12)
        #expect(await window.inFlight == 2, "a resumed task was counted twice")
        #expect(granted.all.isEmpty)
        #expect(await window.refreshDemand().urgent == nil)
        // One of them ends: the waiter must not idle until the periodic read.
        await window.release(confirmed: true)
        #expect(await window.refreshDemand().urgent == .taskEnded)
        let second = await window.statusRequestStarted()
        await window.update(Self.status(limit: 2, running: 1), ticket: second)
        await waiter.value
        #expect(granted.all == [0])
    }

    @Test("Stopping resolves every waiter and every later acquire with .stopped")
    func stopping() async {
        let window = SubmitWindow(concurrency: 1)
        let waiter = Task { await window.acquire(ordinal: 0) }
        while await window.refreshDemand().wanted == false { await Task.yield() }
        await window.stop(.budget)
        #expect(await waiter.value == .stopped)
        #expect(await window.acquire(ordinal: 1) == .stopped)
        #expect(await window.stopReason == .budget)
    }

    @Test("A cancelled waiter leaves with .cancelled")
    func cancelledWaiter() async {
        let window = SubmitWindow(concurrency: 1)
        let waiter = Task { await window.acquire(ordinal: 0) }
        while await window.refreshDemand().wanted == false { await Task.yield() }
        waiter.cancel()
        #expect(await waiter.value == .cancelled)
    }

    @Test("The token bucket gives its burst at once and then refuses until it refills")
    func tokenBucket() async {
        let bucket = TokenBucket(rate: 0.001, capacity: 3)
        #expect(await bucket.tryTake())
        #expect(await bucket.tryTake())
        #expect(await bucket.tryTake())
        #expect(await bucket.tryTake() == false)
    }

    @Test("A submit already sent when the run is cancelled is heard out: its task id is recorded, not lost")
    func submitShieldedFromCancellation() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure { $0.defaultTimeline = .endless }
        let sending = Mutex(false)
        let configuration = batch.configuration(events: { event in
            if event.to == .submitting { sending.withLock { $0 = true } }
        })
        let api = SlowSubmits(inner: fake, delay: .milliseconds(150))
        let run = Task { try await batch.run([TestBatch.job("a")], api: api, configuration: configuration) }
        while !sending.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
        run.cancel()
        let outcome = try await run.value
        #expect(outcome.exitStatus == .interrupted)
        let job = try #require(try batch.current("a"))
        #expect(job.state == .queued)
        #expect(job.taskID == (await fake.created.first))
        #expect(await fake.created.count == 1)
    }

    @Test("A job no longer current whose task still runs is still followed to its clip")
    func supersededLiveJobFinishes() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure { $0.defaultTimeline = .succeeds(afterPolls: 0) }
        let created = try await fake.submit(endpoint: TestBatch.endpoint, body: .object(["prompt": .string("old")]))
        let journal = try Journal.open(outputDirectory: batch.out)
        let spec = TestBatch.job("a")
        var old = try JobFlow.newRecord(spec, manifest: TestBatch.manifest, inputs: [], fingerprint: "old", state: .running)
        old.taskID = created.taskID
        let oldJob = try journal.insertJob(old, superseding: nil, message: "old")
        try journal.insertJob(try JobFlow.newRecord(spec, manifest: TestBatch.manifest, inputs: [], fingerprint: "newer", state: .failed),
                              superseding: oldJob, message: "newer")
        _ = try await batch.run([spec], api: fake)
        let oldID = try #require(oldJob.id)
        let finished = try #require(try journal.job(id: oldID))
        #expect(finished.state == .done)
        #expect(finished.isCurrent == false)
        #expect(FileManager.default.fileExists(atPath: batch.clip("a")))
    }
}

final class Granted: Sendable {
    private let list = Mutex<[Int]>([])
    func add(_ ordinal: Int) { list.withLock { $0.append(ordinal) } }
    var all: [Int] { list.withLock { $0 } }
}

/// Delays every submit, so a test can cancel the run while one is on the wire.
struct SlowSubmits: RunningHubAPI {
    let inner: FakeRunningHub
    let delay: Duration
    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia { try await inner.upload(fileAt: path, progress: progress) }
    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot {
        // Sleeps through cancellation like a request already on the wire would.
        let clock = ContinuousClock()
        let end = clock.now + delay
        while clock.now < end { try? await Task.sleep(for: .milliseconds(5)) }
        return try await inner.submit(endpoint: endpoint, body: body)
    }
    func query(taskID: String) async throws -> TaskSnapshot { try await inner.query(taskID: taskID) }
    func queueStatus() async throws -> QueueStatus { try await inner.queueStatus() }
    func accountStatus() async throws -> AccountStatus { try await inner.accountStatus() }
    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview { try await inner.pricePreview(endpoint: endpoint, body: body) }
    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult {
        try await inner.downloadResult(url: url, partPath: partPath, progress: progress)
    }
}
