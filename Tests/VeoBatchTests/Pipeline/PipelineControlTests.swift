import Foundation
import Synchronization
import Testing
@testable import VeoBatch

@Suite("Pipeline: lock, interruption, dry run")
struct PipelineControlTests {
    @Test("A second run on a locked output folder fails at once with the lock error and sends nothing")
    func lockRefusesSecondRun() async throws {
        let batch = try TestBatch()
        let lock = try JournalLock.acquire(outputDirectory: batch.out)
        let fake = FakeRunningHub()
        await #expect(throws: JournalError.self) {
            _ = try await batch.run([TestBatch.job("a")], api: fake)
        }
        do {
            _ = try await batch.run([TestBatch.job("a")], api: fake)
        } catch let error as JournalError {
            guard case .locked = error else { Issue.record("expected .locked, got \(error)"); return }
            #expect(error.description.contains("Another veobatch run holds the lock"))
        }
        #expect(await fake.submits.isEmpty)
        lock.release()
        #expect(try await batch.run([TestBatch.job("a")], api: fake).exitStatus == .allDone)
    }

    @Test("Cancelling the run stops new submits, keeps state, reports interrupted; a rerun finishes with one task per row")
    func interruptionSavesState() async throws {
        let batch = try TestBatch()
        let jobs = (1...4).map { TestBatch.job("r\($0)", line: $0 + 1) }
        let fake = FakeRunningHub()
        await fake.configure { $0.defaultTimeline = .endless }
        let started = Mutex(0)
        let configuration = batch.configuration(concurrency: 2, events: { event in
            if event.to == .running { started.withLock { $0 += 1 } }
        })
        let run = Task { try await batch.run(jobs, api: fake, configuration: configuration) }
        while started.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(2)) }
        run.cancel()
        let outcome = try await run.value
        #expect(outcome.exitStatus == .interrupted)
        #expect(outcome.interrupted)
        #expect(await fake.created.count == 2)
        #expect(outcome.jobs.map(\.state) == [.running, .running, .pending, .pending])
        #expect(FileManager.default.fileExists(atPath: batch.manifestFolder + "/report.json"))

        for id in await fake.created { await fake.finish(taskID: id) }
        await fake.configure { $0.defaultTimeline = .succeeds() }
        let again = try await batch.run(jobs, api: fake)
        #expect(again.exitStatus == .allDone)
        for row in 1...4 { #expect(await fake.createdCount(prompt: "r\(row)") == 1) }
    }

    @Test("--dry-run sends nothing, creates no journal, and prices what would be submitted")
    func dryRunChangesNothing() async throws {
        let batch = try TestBatch()
        let frame = try batch.media("a.png", "frame")
        let jobs = [TestBatch.job("a", firstFrame: frame, cost: 18.8), TestBatch.job("b", line: 3, cost: 4.7),
                    TestBatch.job("c", line: 4, video: .rowOutput(rowID: "a"), cost: 10)]
        let fake = FakeRunningHub()
        let outcome = try await batch.run(jobs, api: fake, configuration: batch.configuration(maxCost: 30, dryRun: true))
        let plan = try #require(outcome.plan)
        #expect(plan.entries.map(\.action) == [.submit, .submit, .overBudget])
        #expect(plan.toSubmit == Decimal(string: "23.5"))
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.submits.isEmpty)
        #expect(await fake.uploads.isEmpty)
        #expect(await fake.queueStatusReads == 0)
        #expect(!FileManager.default.fileExists(atPath: batch.out))

        // After a real run, the dry run sees what is done.
        _ = try await batch.run(Array(jobs.prefix(2)), api: fake)
        let after = try await batch.run(jobs, api: OfflineRunningHub(), configuration: batch.configuration(dryRun: true))
        #expect(after.plan?.entries.map(\.action) == [.skipDone, .skipDone, .submit])
        // The ledger: both tasks charged 4.7 CNY each (charges replace the 18.8 and 4.7 estimates).
        #expect(after.plan?.alreadySpent == Money(Decimal(string: "9.4")!, .cny))
    }
}
