import Foundation
import GRDB
import Testing
@testable import VeoBatch

/// The paid path reads the journal strictly: a job row whose stored body fields or inputs do not
/// decode stops that job with a message naming the column, and nothing is submitted for it.
@Suite struct PipelineJournalDecodeTests {
    @Test(arguments: ["parametersJSON", "inputsJSON"])
    func undecodableRowIsNeverSubmitted(column: String) async throws {
        let batch = try TestBatch()
        let jobs = [TestBatch.job("a"), TestBatch.job("b", line: 3)]
        // First run: "a" meets faults that certainly created nothing, so it stays pending in the journal.
        let first = FakeRunningHub()
        let refused = RunningHubError(category: .transient, code: nil, message: "connection refused", route: TestBatch.endpoint)
        await first.script(prompt: "a", Array(repeating: .reject(refused), count: 4))
        _ = try await batch.run(jobs, api: first)
        #expect(try batch.current("a")?.state == .pending)
        #expect(try batch.current("b")?.state == .done)

        // Damage the stored row the way an older or broken writer might.
        let queue = try DatabaseQueue(path: Journal.path(outputDirectory: batch.out))
        try await queue.write { db in
            try db.execute(sql: "UPDATE jobs SET \(column) = ? WHERE rowID = 'a'", arguments: ["{\"prompt\": \"a\", "])
        }

        let second = FakeRunningHub()
        let outcome = try await batch.run(jobs, api: second)
        #expect(await second.submits.isEmpty)
        #expect(await second.uploads.isEmpty)
        let job = try #require(try batch.current("a"))
        #expect(job.state == .failed)
        #expect(job.errorCode == "journal-undecodable")
        #expect(job.errorMessage?.contains(column) == true)
        #expect(job.errorMessage?.contains("not submitted") == true)
        #expect(outcome.jobs.first { $0.rowID == "a" }?.state == .failed)
    }
}
