import Foundation
import GRDB

extension Journal {
    // MARK: - Reading

    public func job(id: Int64) throws -> JobRecord? {
        try read { try JobRecord.fetchOne($0, key: id) }
    }

    /// The job that stands for this take now (at most one; older ones are history).
    public func currentJob(manifest: String, rowID: String, take: Int) throws -> JobRecord? {
        try read { db in
            try JobRecord
                .filter(Column("manifest") == manifest && Column("rowID") == rowID && Column("take") == take && Column("isCurrent") == true)
                .fetchOne(db)
        }
    }

    /// Every current job of a manifest, in manifest order.
    public func currentJobs(manifest: String) throws -> [JobRecord] {
        try read { db in
            try JobRecord
                .filter(Column("manifest") == manifest && Column("isCurrent") == true)
                .order(Column("line"), Column("rowID"), Column("take"))
                .fetchAll(db)
        }
    }

    /// The current jobs of a manifest in one state, in manifest order.
    public func currentJobs(manifest: String, state: JobState) throws -> [JobRecord] {
        try read { db in
            try JobRecord
                .filter(Column("manifest") == manifest && Column("isCurrent") == true && Column("state") == state.rawValue)
                .order(Column("line"), Column("rowID"), Column("take"))
                .fetchAll(db)
        }
    }

    /// Every job ever made for a row, oldest first.
    public func history(manifest: String, rowID: String) throws -> [JobRecord] {
        try read { db in
            try JobRecord
                .filter(Column("manifest") == manifest && Column("rowID") == rowID)
                .order(Column("id"))
                .fetchAll(db)
        }
    }

    /// Jobs no longer current whose task is still out there (the row changed while it rendered):
    /// a run still finishes them so a paid result is never left behind.
    public func supersededLiveJobs(manifest: String) throws -> [JobRecord] {
        let live = JobState.allCases.filter(\.hasLiveTask).map(\.rawValue)
        return try read { db in
            try JobRecord
                .filter(Column("manifest") == manifest && Column("isCurrent") == false && live.contains(Column("state")))
                .order(Column("id"))
                .fetchAll(db)
        }
    }

    /// Every job of a manifest that put a clip in the tree (current or replaced), oldest first.
    public func clipJobs(manifest: String) throws -> [JobRecord] {
        try read { db in
            try JobRecord
                .filter(Column("manifest") == manifest && Column("state") == JobState.done.rawValue && Column("outputPath") != nil)
                .order(Column("id"))
                .fetchAll(db)
        }
    }

    /// A finished job of another manifest name with exactly this request for this take: the
    /// same render, already paid for (a renamed or copied manifest). Newest first.
    public func finishedTwins(rowID: String, take: Int, fingerprint: String, notIn manifest: String) throws -> [JobRecord] {
        try read { db in
            try JobRecord
                .filter(Column("rowID") == rowID && Column("take") == take && Column("fingerprint") == fingerprint
                        && Column("manifest") != manifest && Column("state") == JobState.done.rawValue && Column("outputPath") != nil)
                .order(Column("id").desc)
                .fetchAll(db)
        }
    }

    /// Every job (any manifest, current or not) that holds this task id.
    public func jobs(taskID: String) throws -> [JobRecord] {
        try read { db in try JobRecord.filter(Column("taskID") == taskID).order(Column("id")).fetchAll(db) }
    }

    public func events(jobID: Int64) throws -> [EventRecord] {
        try read { db in
            try EventRecord.filter(Column("jobID") == jobID).order(Column("id")).fetchAll(db)
        }
    }

    /// The manifest stems this folder's journal knows, sorted.
    public func manifests() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT manifest FROM rows ORDER BY manifest") }
    }

    public func rows(manifest: String) throws -> [RowRecord] {
        try read { db in
            try RowRecord.filter(Column("manifest") == manifest).order(Column("line"), Column("rowID")).fetchAll(db)
        }
    }

    // MARK: - Writing

    /// Adds a job as the current one for its take; the previous current job, if any, stays as
    /// history. One transaction.
    @discardableResult
    public func insertJob(_ record: JobRecord, superseding previous: JobRecord?, previousResolution: String? = nil, message: String) throws -> JobRecord {
        try write { db in
            if let previousID = previous?.id, var old = try JobRecord.fetchOne(db, key: previousID) {
                old.isCurrent = false
                old.updatedAt = record.createdAt
                if let previousResolution { old.resolution = previousResolution }
                try old.update(db)
            }
            var job = record
            job.isCurrent = true
            try job.insert(db)
            var event = EventRecord(at: job.createdAt, jobID: job.id, manifest: job.manifest, rowID: job.rowID, take: job.take,
                                    fromState: nil, toState: job.state, message: message)
            try event.insert(db)
            return job
        }
    }

    /// Moves a job to `state` and applies `change`, with its event, in one transaction.
    @discardableResult
    public func move(_ job: JobRecord, to state: JobState, message: String?, at date: Date = Date(),
                     change: (inout JobRecord) -> Void = { _ in }) throws -> JobRecord {
        guard let id = job.id else { throw JournalError.noSuchJob(id: -1, journalPath: path) }
        return try write { db in
            guard var stored = try JobRecord.fetchOne(db, key: id) else {
                throw JournalError.noSuchJob(id: id, journalPath: path)
            }
            let from = stored.state
            change(&stored)
            stored.state = state
            stored.stamp(state, at: date)
            stored.updatedAt = date
            try stored.update(db)
            var event = EventRecord(at: date, jobID: id, manifest: stored.manifest, rowID: stored.rowID, take: stored.take,
                                    fromState: from, toState: state, message: message)
            try event.insert(db)
            return stored
        }
    }

    /// Records something about a job without changing its state (a download that will be tried
    /// again, a capacity wait). One transaction.
    @discardableResult
    public func note(_ job: JobRecord, message: String, at date: Date = Date(),
                     change: (inout JobRecord) -> Void = { _ in }) throws -> JobRecord {
        try move(job, to: job.state, message: message, at: date, change: change)
    }

    /// Settles what a killed run left half-done: a job still `submitting` may have reached
    /// RunningHub, so it becomes `unknown` (never resubmitted without `resolve`); a job still
    /// `uploading` sent nothing that costs money, so it goes back to `pending`.
    @discardableResult
    public func recoverAfterInterruptedRun() throws -> [JobRecord] {
        let stranded = try read { db in
            try JobRecord.filter([JobState.submitting.rawValue, JobState.uploading.rawValue].contains(Column("state"))).fetchAll(db)
        }
        return try stranded.map { job in
            if job.state == .submitting {
                return try move(job, to: .unknown, message: "An earlier run stopped while this submit was in flight, so RunningHub may have created (and billed) the task. Settle it with `veobatch resolve`.") {
                    $0.errorCode = "submit-interrupted"
                    $0.errorMessage = "An earlier run stopped while this submit was in flight; the task may exist. Look for it in the RunningHub console, then run `veobatch resolve --task-id ID`, `--resubmit` or `--abandon`."
                }
            }
            return try move(job, to: .pending, message: "An earlier run stopped during the upload; it will be done again.")
        }
    }

    /// Stores the rows of this run's manifest and marks rows the manifest no longer has as
    /// inactive (their jobs stay in the journal). One transaction.
    public func recordRows(manifest: String, rows: [BatchRow], takes: [String: Int], at date: Date = Date()) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try write { db in
            try db.execute(sql: "UPDATE rows SET active = 0 WHERE manifest = ?", arguments: [manifest])
            for row in rows {
                let carried = String(decoding: try encoder.encode(row.carried), as: UTF8.self)
                let record = RowRecord(manifest: manifest, rowID: row.id, line: row.line, prompt: row.prompt, carriedJSON: carried,
                                       takes: takes[row.id] ?? 1, active: true, updatedAt: date)
                try record.save(db)
            }
        }
    }

    /// A run-level line in the history (run started, stopped by budget, …).
    public func appendEvent(manifest: String?, message: String, at date: Date = Date()) throws {
        try write { db in
            var event = EventRecord(at: date, jobID: nil, manifest: manifest, rowID: nil, take: nil, fromState: nil, toState: nil, message: message)
            try event.insert(db)
        }
    }
}
