import Foundation
import GRDB
import Testing
@testable import VeoBatch

/// `Journal.write` runs its own `BEGIN IMMEDIATE` … `COMMIT` (cached statements) and
/// `Journal.readOne` reads on the writing connection without a transaction.
@Suite("Journal: transactions and reads on the writer")
struct JournalTransactionTests {
    @Test("A synced write that fails commits nothing and leaves no transaction open")
    func failedWriteRollsBack() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        struct Refused: Error {}
        #expect(throws: JournalError.self) {
            try journal.write { db in
                try db.execute(sql: "INSERT INTO events (at, message) VALUES (?, ?)", arguments: [Date(), "half"])
                throw Refused()
            }
        }
        #expect(try journal.readOne { $0.isInsideTransaction } == false)
        #expect(try journal.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") } == 0)
        // The next write is a transaction of its own and commits.
        #expect(try journal.write { $0.isInsideTransaction })
        try journal.appendEvent(manifest: nil, message: "after")
        #expect(try journal.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") } == 1)
    }

    @Test("A take's current job is read on the writer, at once, with no job as nil")
    func currentJobOnTheWriter() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        #expect(try journal.currentJob(manifest: "shots", rowID: "a", take: 1) == nil)
        let job = try journal.insertJob(try JournalTests.job("a"), superseding: nil, message: "new", commit: .deferred)
        let moved = try journal.move(job, to: .running, message: "Running.", commit: .deferred)
        let current = try #require(try journal.currentJob(manifest: "shots", rowID: "a", take: 1))
        #expect(current.id == moved.id && current.state == .running)
        // Stored to the millisecond.
        #expect(abs(current.updatedAt.timeIntervalSince(moved.updatedAt)) < 0.001)
        // A newer job for the take supersedes it: the read follows `isCurrent`, not the first id.
        let newer = try journal.insertJob(try JournalTests.job("a"), superseding: moved, message: "again")
        #expect(try journal.currentJob(manifest: "shots", rowID: "a", take: 1)?.id == newer.id)
    }
}
