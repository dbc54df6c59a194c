import Foundation
import GRDB
import Testing
@testable import VeoBatch

/// A write no action waits on is committed without its own sync; the connection is back to
/// `synchronous = FULL` for every write after it, failed or not.
@Suite("Journal: deferred commits")
struct JournalDeferredCommitTests {
    @Test("A deferred move is committed and read back, and the next write syncs again (FULL)")
    func deferredMoveCommits() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let job = try journal.insertJob(try JournalTests.job("a"), superseding: nil, message: "new", commit: .deferred)
        let moved = try journal.move(job, to: .running, message: "Running.", commit: .deferred)
        #expect(moved.state == .running)
        // Another connection (a `veobatch status` beside the run) sees it at once.
        let other = try #require(try Journal.openReadOnly(outputDirectory: batch.out))
        #expect(try other.currentJob(manifest: "shots", rowID: "a", take: 1)?.state == .running)
        #expect(try journal.events(jobID: try #require(moved.id)).map(\.toState) == [.pending, .running])
        #expect(try journal.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        try journal.sync()
    }

    @Test("A deferred write that fails commits nothing and leaves the connection at FULL")
    func failedDeferredWriteRollsBack() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        struct Refused: Error {}
        #expect(throws: JournalError.self) {
            try journal.write(.deferred) { db in
                try db.execute(sql: "INSERT INTO events (at, message) VALUES (?, ?)", arguments: [Date(), "half"])
                throw Refused()
            }
        }
        #expect(try journal.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") } == 0)
        #expect(try journal.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test("During a deferred write the connection commits at NORMAL (no sync of its own)")
    func deferredWriteRunsAtNormal() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        #expect(try journal.write(.deferred) { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 1)
        #expect(try journal.write(.durable) { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }
}
