import Foundation
import GRDB
import Testing
@testable import VeoBatch

/// `CommittedJobs`: a move takes its job from the journal's copy, and the copy never says
/// something the table does not.
@Suite("Journal: the copies of committed jobs")
struct CommittedJobsTests {
    /// A fresh journal with job `a` queued as task `task-1`, and the job as inserted (still
    /// `pending`, as a caller holding an old copy has it). Holds the batch, whose folder goes with it.
    private struct Queued {
        let batch: TestBatch
        let journal: Journal
        let job: JobRecord
        let id: Int64

        init() throws {
            batch = try TestBatch()
            journal = try Journal.open(outputDirectory: batch.out)
            job = try journal.insertJob(try JournalTests.job("a"), superseding: nil, message: "new")
            id = try #require(job.id)
            _ = try journal.move(job, to: .queued, message: "Queued.") { $0.taskID = "task-1" }
        }
    }

    @Test("A move keeps its job's copy, and the copy equals the row read back")
    func copyFollowsMoves() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let job = try journal.insertJob(try JournalTests.job("a"), superseding: nil, message: "new")
        let id = try #require(job.id)
        #expect(journal.committedJobs.copy(of: id)?.state == .pending)
        let moved = try journal.move(job, to: .queued, message: "Queued.") { $0.taskID = "task-1" }
        let copy = try #require(journal.committedJobs.copy(of: id))
        let stored = try #require(try journal.job(id: id))
        #expect(copy.state == .queued && copy.taskID == "task-1")
        // Column by column as stored (dates to the millisecond, as the table keeps them).
        #expect(try copy.databaseDictionary == stored.databaseDictionary)
        #expect(try moved.databaseDictionary == stored.databaseDictionary)
    }

    @Test("A move computes from the stored job even when the caller hands an older one")
    func moveIgnoresTheCallersCopy() throws {
        let queued = try Queued()
        defer { withExtendedLifetime(queued) {} }
        let (journal, job, id) = (queued.journal, queued.job, queued.id)
        // `job` is still pending without a task id; the move starts from what was committed.
        let running = try journal.move(job, to: .running, message: "Running.") { $0.attempts += 1 }
        #expect(running.taskID == "task-1")
        #expect(try journal.job(id: id)?.taskID == "task-1")
    }

    @Test("A change to a job row by any other statement drops the copy, and the next move reads the row")
    func otherWritesDropTheCopy() throws {
        let queued = try Queued()
        defer { withExtendedLifetime(queued) {} }
        let (journal, job, id) = (queued.journal, queued.job, queued.id)
        let other = try journal.insertJob(try JournalTests.job("b"), superseding: nil, message: "new")
        try journal.write { db in
            try db.execute(sql: "UPDATE jobs SET errorMessage = 'set by hand' WHERE id = ?", arguments: [id])
        }
        #expect(journal.committedJobs.copy(of: id) == nil)
        // Only the changed row's copy goes.
        let otherID = try #require(other.id)
        #expect(journal.committedJobs.copy(of: otherID) != nil)
        let running = try journal.move(job, to: .running, message: "Running.")
        #expect(running.errorMessage == "set by hand")
        #expect(try journal.job(id: id)?.errorMessage == "set by hand")
    }

    @Test("A move that rolls back leaves the copy as the table is")
    func rollbackKeepsTheCommittedCopy() throws {
        let queued = try Queued()
        defer { withExtendedLifetime(queued) {} }
        let (journal, job, id) = (queued.journal, queued.job, queued.id)
        struct Refused: Error {}
        #expect(throws: JournalError.self) {
            try journal.write { db in
                var changed = try #require(try journal.committedJob(id: id, db))
                let stored = changed
                changed.taskID = "never-committed"
                try Journal.update(changed, from: stored, db)
                journal.committedJobs.stage(changed)
                throw Refused()
            }
        }
        #expect(journal.committedJobs.copy(of: id)?.taskID == "task-1")
        #expect(try journal.job(id: id)?.taskID == "task-1")
        // Nothing staged by the failed write is kept for a later commit of the same row.
        try journal.write { try $0.execute(sql: "UPDATE jobs SET attempts = 7 WHERE id = ?", arguments: [id]) }
        #expect(journal.committedJobs.copy(of: id) == nil)
        let running = try journal.move(job, to: .running, message: "Running.")
        #expect(running.taskID == "task-1" && running.attempts == 7)
    }

    @Test("A superseded job's copy follows the new job's insert")
    func supersedeUpdatesTheOldCopy() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let first = try journal.insertJob(try JournalTests.job("a"), superseding: nil, message: "new")
        let newer = try journal.insertJob(try JournalTests.job("a"), superseding: first, previousResolution: "resubmit", message: "again")
        let firstID = try #require(first.id), newerID = try #require(newer.id)
        let old = try #require(journal.committedJobs.copy(of: firstID))
        #expect(old.isCurrent == false && old.resolution == "resubmit")
        #expect(journal.committedJobs.copy(of: newerID)?.isCurrent == true)
        let moved = try journal.move(first, to: .failed, message: "Given up.")
        #expect(moved.isCurrent == false && moved.resolution == "resubmit")
    }

    @Test("A job with a verdict is let go, and the set is bounded")
    func verdictsAndTheLimitLetGo() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let job = try journal.insertJob(try JournalTests.job("a"), superseding: nil, message: "new")
        let id = try #require(job.id)
        _ = try journal.move(job, to: .done, message: "Done.")
        #expect(journal.committedJobs.copy(of: id) == nil)
        _ = try journal.move(job, to: .failed, message: "Failed.")
        #expect(journal.committedJobs.copy(of: id) == nil)
        #expect(try journal.job(id: id)?.state == .failed)

        let limit = journal.committedJobs.limit
        let records = try (0...limit).map { try JournalTests.job("row\($0)") }
        try journal.write { db in
            for record in records {
                var job = record
                job.isCurrent = true
                try job.insert(db)
                journal.committedJobs.stage(job)
            }
        }
        #expect(journal.committedJobs.count == 0, "past the limit the whole set is dropped")
    }
}
