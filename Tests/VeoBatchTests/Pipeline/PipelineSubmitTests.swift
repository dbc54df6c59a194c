import Foundation
import Testing
@testable import VeoBatch

@Suite("Pipeline: submitting within limits")
struct PipelineSubmitTests {
    static func jobs(_ count: Int) -> [JobSpec] {
        (1...count).map { TestBatch.job(String(format: "shot%03d", $0 * 10), line: $0 + 1) }
    }

    @Test("Tasks in flight never exceed the account's concurrentLimit, and no capacity answer is provoked")
    func accountLimitRespected() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure {
            $0.concurrentLimit = 2
            // Long enough that the first task is still running when the second is submitted.
            $0.defaultTimeline = .succeeds(afterPolls: 20)
        }
        let outcome = try await batch.run(Self.jobs(8), api: fake, configuration: batch.configuration(concurrency: 3))
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.maxInFlight == 2)
        #expect(await fake.capacityRejections == 0)
        #expect(await fake.created.count == 8)
    }

    @Test("Tasks in flight never exceed --concurrency when the account allows more")
    func concurrencyFlagRespected() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure {
            $0.concurrentLimit = 10
            $0.defaultTimeline = .succeeds(afterPolls: 3)
        }
        let outcome = try await batch.run(Self.jobs(7), api: fake, configuration: batch.configuration(concurrency: 2))
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.maxInFlight <= 2)
        #expect(await fake.created.count == 7)
    }

    @Test("Tasks of others on the account shrink the room left for this run")
    func foreignTasksCount() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure {
            $0.concurrentLimit = 3
            $0.foreignTasks = 2
        }
        let outcome = try await batch.run(Self.jobs(4), api: fake, configuration: batch.configuration(concurrency: 4))
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.maxInFlight == 1)
        #expect(await fake.capacityRejections == 0)
    }

    @Test("Capacity answers back off and requeue; the row then completes and is not a failure")
    func capacityBacksOff() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        let full = RunningHubError(category: .capacity, code: "421", message: "TASK_QUEUE_MAXED", route: TestBatch.endpoint)
        await fake.script(prompt: "a", [.reject(full), .reject(full), .reject(full)])
        let outcome = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.submitCount(prompt: "a") == 4)
        #expect(await fake.createdCount(prompt: "a") == 1)
        let states = try batch.states("a")
        #expect(!states.contains(.failed))
        #expect(states.filter { $0 == .submitting }.count == 4)
        #expect(try batch.current("a")?.errorCode == nil)
    }

    @Test("An ambiguous submit becomes unknown and a rerun never sends it again")
    func outcomeUnknownIsNeverResubmitted() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "a", [.acceptButLoseAnswer(.succeeds())])
        let outcome = try await batch.run([TestBatch.job("a"), TestBatch.job("b", line: 3)], api: fake)
        #expect(outcome.exitStatus == .someNotDone)
        let job = try #require(try batch.current("a"))
        #expect(job.state == .unknown)
        #expect(job.taskID == nil)
        #expect(job.errorMessage?.contains("veobatch resolve") == true)
        #expect(try batch.current("b")?.state == .done)

        let rerun = FakeRunningHub()
        let again = try await batch.run([TestBatch.job("a"), TestBatch.job("b", line: 3)], api: rerun)
        #expect(again.exitStatus == .someNotDone)
        #expect(await rerun.submits.isEmpty)
        #expect(try batch.current("a")?.state == .unknown)
    }

    @Test("A job found `submitting` at startup (the process died mid-submit) becomes unknown, not resubmitted")
    func submittingAtStartupBecomesUnknown() async throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let spec = TestBatch.job("a")
        let record = try JobFlow.newRecord(spec, manifest: TestBatch.manifest, inputs: [],
                                           fingerprint: Fingerprint.of(endpoint: spec.endpoint, parameters: spec.parameters, inputs: []),
                                           state: .pending)
        let job = try journal.insertJob(record, superseding: nil, message: "test")
        try journal.move(job, to: .submitting, message: "sending")
        let fake = FakeRunningHub()
        let outcome = try await batch.run([spec], api: fake)
        #expect(outcome.exitStatus == .someNotDone)
        #expect(await fake.submits.isEmpty)
        #expect(try batch.current("a")?.state == .unknown)
        #expect(try batch.current("a")?.errorCode == "submit-interrupted")
    }

    @Test("--max-cost stops submitting in manifest order; the rest stay pending; exit 4; earlier runs count")
    func maxCostStops() async throws {
        let batch = try TestBatch()
        let jobs = Self.jobs(4)
        // Charged what they were estimated at (10 each), so the ledger counts 10 per task.
        let charging10 = { @Sendable (fake: isolated FakeRunningHub) in fake.defaultTimeline = .succeeds(cost: 10) }
        let fake = FakeRunningHub()
        await fake.configure(charging10)
        let outcome = try await batch.run(jobs, api: fake, configuration: batch.configuration(concurrency: 1, maxCost: 25))
        #expect(outcome.exitStatus == .budget)
        #expect(outcome.budgetStopped)
        #expect(outcome.jobs.map(\.state) == [.done, .done, .pending, .pending])
        #expect(await fake.created.count == 2)
        let message = try #require(outcome.budgetMessage)
        #expect(message.contains("shot030 is estimated at 10 CNY (list price, unverified)") && message.contains("already counts 20 CNY") && message.contains("--max-cost 25 CNY"), "\(message)")
        #expect(outcome.spent?.spent == Money(20, .cny))

        // A second run with the same limit: the 20 already spent count, so nothing more fits.
        let rerun = FakeRunningHub()
        await rerun.configure(charging10)
        let again = try await batch.run(jobs, api: rerun, configuration: batch.configuration(concurrency: 1, maxCost: 25))
        #expect(again.exitStatus == .budget)
        #expect(await rerun.submits.isEmpty)

        // A higher limit lets exactly the rest through.
        let more = FakeRunningHub()
        await more.configure(charging10)
        let done = try await batch.run(jobs, api: more, configuration: batch.configuration(concurrency: 1, maxCost: 40))
        #expect(done.exitStatus == .allDone)
        #expect(await more.created.count == 2)
        #expect(done.spent?.spent == Money(40, .cny))
    }

    @Test("--max-cost counts the live price-preview estimate, not the list price, and charges replace estimates")
    func maxCostUsesLivePrices() async throws {
        let batch = try TestBatch()
        let jobs = Self.jobs(4)
        let fake = FakeRunningHub()
        // Listed at 10 CNY each, but RunningHub prices them at 30 and charges 30.
        await fake.configure { $0.livePrice = 30; $0.defaultTimeline = .succeeds(cost: 30) }
        let outcome = try await batch.run(jobs, api: fake, configuration: batch.configuration(concurrency: 1, maxCost: 65))
        #expect(outcome.exitStatus == .budget)
        #expect(await fake.created.count == 2)
        #expect(await fake.previews == 1, "one distinct priced body, previewed once")
        #expect(outcome.jobs.first?.estimate == PriceEstimate(money: Money(30, .cny), source: .pricePreview))
        #expect(outcome.spent?.spent == Money(60, .cny))
    }

    @Test("--max-cost in another currency than the account's exits before anything is sent")
    func maxCostCurrencyMismatch() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.setAccountCurrency(.usd)
        await #expect(throws: BatchRunError.self) {
            _ = try await batch.run(Self.jobs(2), api: fake, configuration: batch.configuration(maxCost: MoneyLimit(parsing: "5CNY")))
        }
        #expect(await fake.submits.isEmpty)
        #expect(await fake.uploads.isEmpty)
    }

    @Test("--max-cost refuses a folder whose ledger holds tasks in another currency (the account changed), before anything is sent")
    func maxCostRefusesForeignLedger() async throws {
        let batch = try TestBatch()
        let usd = FakeRunningHub()
        await usd.setAccountCurrency(.usd)
        _ = try await batch.run(Self.jobs(1), api: usd, configuration: batch.configuration())
        #expect(await usd.created.count == 1)
        // The folder's key now belongs to a CNY account: the USD task cannot count against 25 CNY.
        let cny = FakeRunningHub()
        await cny.setAccountCurrency(.cny)
        let error = await #expect(throws: BatchRunError.self) {
            _ = try await batch.run(Self.jobs(3), api: cny, configuration: batch.configuration(maxCost: MoneyLimit(parsing: "25CNY")))
        }
        #expect(error?.description.contains("1 task(s) of this folder are counted in another currency") == true, "\(String(describing: error))")
        #expect(await cny.submits.isEmpty)
    }
}
