import Foundation
import Testing
@testable import VeoBatch

/// Results live 24 h (runninghub-api.md section A item 6): clips already paid for are fetched
/// before anything new is submitted, and `status` says how long each one has left.
@Suite("Pipeline: results that expire")
struct PipelineExpiryTests {
    @Test("a rerun downloads a succeeded task's clip before it submits a new row")
    func downloadsComeBeforeNewSubmits() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.configure { $0.downloadErrors = Array(repeating: RunningHubError(category: .transient, message: "reset", route: "download"), count: 50) }
        let first = try await batch.run([TestBatch.job("a")], api: fake)
        #expect(first.jobs.map(\.state) == [.downloading])
        let waiting = try #require(try batch.current("a"))
        let report = try RunReport.load(journal: batch.journal(), tree: OutputTree(outputDirectory: batch.out, manifestStem: TestBatch.manifest))
        let lines = StatusText.lines(report, now: try #require(waiting.resultSeenAt).addingTimeInterval(3 * 3600))
        #expect(lines.contains { $0.contains("Not downloaded yet: a") && $0.contains("21.0 h left") }, "\(lines)")

        await fake.configure { $0.downloadErrors = [] }
        let second = try await batch.run([TestBatch.job("a"), TestBatch.job("b", line: 3)], api: fake)
        #expect(second.exitStatus == .allDone)
        let a = try #require(try batch.current("a"))
        let b = try #require(try batch.current("b"))
        #expect(try #require(a.doneAt) <= (b.submittingAt ?? .distantPast), "the new submit went before the paid clip was fetched")
        #expect(await fake.created.count == 2)
    }
}
