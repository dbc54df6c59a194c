import Foundation
import Testing
@testable import VeoBatch

@Suite("Pipeline: @ROW chains")
struct PipelineDependencyTests {
    @Test("An @ROW row waits for its input row, then sends that clip's RunningHub result URL as `video`")
    func waitsForInput() async throws {
        let batch = try TestBatch()
        let jobs = [TestBatch.job("extend", line: 2, video: .rowOutput(rowID: "base")), TestBatch.job("base", line: 3)]
        let fake = FakeRunningHub()
        let outcome = try await batch.run(jobs, api: fake)
        #expect(outcome.exitStatus == .allDone)
        let base = try #require(try batch.current("base"))
        let extend = try #require(try batch.current("extend"))
        #expect(try #require(extend.submittingAt) > base.doneAt ?? .distantFuture)
        // The base clip is young, an MP4 and small: its result URL is passed, nothing is uploaded.
        #expect(await fake.uploads == [])
        let baseURL = try #require(base.resultURL)
        #expect(extend.requestBodyJSON?.contains("\"video\":\"\(baseURL)\"") == true, "\(extend.requestBodyJSON ?? "")")
        #expect(try extend.decodedInputs().first?.source == .rowOutput(rowID: "base"))
        #expect(try extend.decodedInputs().first?.sha256 == base.outputSHA256)
    }

    @Test("An @ROW row whose input fails is blocked; a rerun after the input is fixed renders it")
    func blockedWhenInputFails() async throws {
        let batch = try TestBatch()
        let jobs = [TestBatch.job("base"), TestBatch.job("extend", line: 3, video: .rowOutput(rowID: "base")),
                    TestBatch.job("again", line: 4, video: .rowOutput(rowID: "extend"))]
        let fake = FakeRunningHub()
        await fake.script(prompt: "base", [.accept(.fails(code: "1505", message: "Photorealistic real people are prohibited"))])
        let outcome = try await batch.run(jobs, api: fake)
        #expect(outcome.exitStatus == .someNotDone)
        #expect(outcome.jobs.map(\.state) == [.failed, .blocked, .blocked])
        #expect(await fake.submitCount(prompt: "extend") == 0)
        #expect(try batch.current("extend")?.errorMessage?.contains("base ended failed") == true)

        let retry = FakeRunningHub()
        let fixed = try await batch.run(jobs, api: retry, configuration: batch.configuration(retryFailed: true))
        #expect(fixed.exitStatus == .allDone)
        #expect(await retry.created.count == 3)
    }

    @Test("An @ROW row whose input only stopped (budget) stays pending, not blocked")
    func pendingInputLeavesPending() async throws {
        let batch = try TestBatch()
        let jobs = [TestBatch.job("base", cost: 50), TestBatch.job("extend", line: 3, video: .rowOutput(rowID: "base"), cost: 1)]
        let fake = FakeRunningHub()
        let outcome = try await batch.run(jobs, api: fake, configuration: batch.configuration(maxCost: 10))
        #expect(outcome.exitStatus == .budget)
        #expect(outcome.jobs.map(\.state) == [.pending, .pending])
        #expect(await fake.submits.isEmpty)
    }

    @Test("A loop of @ROW references is refused before anything happens")
    func loopRefused() async throws {
        let batch = try TestBatch()
        let jobs = [TestBatch.job("a", video: .rowOutput(rowID: "b")), TestBatch.job("b", line: 3, video: .rowOutput(rowID: "a"))]
        await #expect(throws: BatchRunError.self) {
            _ = try await batch.run(jobs, api: FakeRunningHub())
        }
        #expect(!FileManager.default.fileExists(atPath: batch.out))
    }
}
