import Foundation
import GRDB

extension Journal {
    // MARK: - Reading

    public func job(id: Int64) throws -> JobRecord? {
        try read { try Self.storedJob(id: id, $0) }
    }

    /// The job that stands for this take now (at most one; older ones are history). Read for
    /// every job several times a run, so its statement is compiled once per connection. The id
    /// is looked up first: most takes of a new run have no job yet, and fetching a row (even
    /// none) maps every one of the table's column names.
    public func currentJob(manifest: String, rowID: String, take: Int) throws -> JobRecord? {
        try readOne { db in
            let id = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM jobs WHERE manifest = ? AND rowID = ? AND take = ? AND isCurrent = 1"),
                arguments: [manifest, rowID, take])
            return try id.flatMap { try Self.storedJob(id: $0, db) }
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
        try readOne { db in
            try Int64.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id FROM jobs WHERE rowID = ? AND take = ? AND fingerprint = ? AND manifest <> ? AND state = ? \
                    AND outputPath IS NOT NULL ORDER BY id DESC
                    """),
                arguments: [rowID, take, fingerprint, manifest, JobState.done.rawValue])
            .compactMap { try Self.storedJob(id: $0, db) }
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
    public func insertJob(_ record: JobRecord, superseding previous: JobRecord?, previousResolution: String? = nil, message: String,
                          commit: Commit = .durable) throws -> JobRecord {
        try write(commit) { db in
            if let previousID = previous?.id, let stored = try committedJob(id: previousID, db) {
                var old = stored
                old.isCurrent = false
                old.updatedAt = record.createdAt
                if let previousResolution { old.resolution = previousResolution }
                try Self.update(old, from: stored, db)
                committedJobs.stage(old)
            }
            var job = record
            job.isCurrent = true
            try job.insert(db)
            committedJobs.stage(job)
            try Self.insertEvent(EventRecord(at: job.createdAt, jobID: job.id, manifest: job.manifest, rowID: job.rowID, take: job.take,
                                             fromState: nil, toState: job.state, message: message), db)
            return job
        }
    }

    /// Moves a job to `state` and applies `change`, with its event, in one transaction.
    @discardableResult
    public func move(_ job: JobRecord, to state: JobState, message: String?, at date: Date = Date(), commit: Commit = .durable,
                     change: (inout JobRecord) -> Void = { _ in }) throws -> JobRecord {
        guard let id = job.id else { throw JournalError.noSuchJob(id: -1, journalPath: path) }
        return try write(commit) { db in
            guard let stored = try committedJob(id: id, db) else {
                throw JournalError.noSuchJob(id: id, journalPath: path)
            }
            var moved = stored
            let from = moved.state
            change(&moved)
            moved.state = state
            moved.stamp(state, at: date)
            moved.updatedAt = date
            try Self.update(moved, from: stored, db)
            try Self.insertEvent(EventRecord(at: date, jobID: id, manifest: moved.manifest, rowID: moved.rowID, take: moved.take,
                                             fromState: from, toState: state, message: message), db)
            committedJobs.stage(moved)
            return moved
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
            // One statement compiled once for every row (`save` compiles an UPDATE and maybe an
            // INSERT per row: a tenth of a 10,000-row run's journal time).
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO rows (manifest, rowID, line, prompt, carriedJSON, takes, active, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 1, ?)
                ON CONFLICT (manifest, rowID) DO UPDATE SET line = excluded.line, prompt = excluded.prompt,
                carriedJSON = excluded.carriedJSON, takes = excluded.takes, active = 1, updatedAt = excluded.updatedAt
                """)
            for row in rows {
                let carried = String(decoding: try encoder.encode(row.carried), as: UTF8.self)
                try upsert.execute(arguments: [manifest, row.id, row.line, row.prompt, carried, takes[row.id] ?? 1, date])
            }
        }
    }

    /// A run-level line in the history (run started, stopped by budget, …).
    public func appendEvent(manifest: String?, message: String, at date: Date = Date()) throws {
        try write { db in
            try Self.insertEvent(EventRecord(at: date, jobID: nil, manifest: manifest, rowID: nil, take: nil, fromState: nil, toState: nil,
                                             message: message), db)
        }
    }

    // MARK: - Statements of the hot path

    // Every state change of every job takes the job as committed (`committedJob`), updates it
    // and appends an event. Through GRDB's record API each of those compiled its SQL again
    // (running the authorizer over it) and worked out the table's columns; here each statement
    // is compiled once per connection, and an update writes only the columns that changed.

    /// The job as committed now: this journal's copy when it holds one (`CommittedJobs`), else
    /// read from the table. Only at the start of a write, before it changes the row: a copy
    /// follows the row at commit, not within the transaction.
    func committedJob(id: Int64, _ db: Database) throws -> JobRecord? {
        if let copy = committedJobs.copy(of: id) { return copy }
        return try Self.storedJob(id: id, db)
    }

    /// The job as stored now.
    static func storedJob(id: Int64, _ db: Database) throws -> JobRecord? {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM jobs WHERE id = ?"), arguments: [id])
        guard let row = try rows.next() else { return nil }
        return try JobRecord(row: row)
    }

    /// Writes the columns of `job` whose values differ from `stored` (the same job as read by
    /// `storedJob`), in one statement; nothing when none changed. A given set of columns always
    /// makes the same SQL, so it hits the statement cache.
    static func update(_ job: JobRecord, from stored: JobRecord, _ db: Database) throws {
        guard let id = job.id else { return }
        let changed = job.changedColumns(since: stored)
        guard !changed.isEmpty else { return }
        let assignments = changed.map { "\($0.column) = ?" }.joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "UPDATE jobs SET \(assignments) WHERE id = ?")
        // Existential values, not `some Sequence<some DatabaseValueConvertible>`: GRDB's generic
        // initializer builds a key path anew on every call, a third of this update's time.
        let values: [(any DatabaseValueConvertible)?] = changed.map(\.value) + [id]
        try statement.execute(arguments: StatementArguments(values))
    }

    /// Appends one line to the history.
    static func insertEvent(_ event: EventRecord, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (at, jobID, manifest, rowID, take, fromState, toState, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [StoredDate.value(event.at), event.jobID, event.manifest, event.rowID, event.take,
                                          event.fromState, event.toState, event.message])
    }
}
