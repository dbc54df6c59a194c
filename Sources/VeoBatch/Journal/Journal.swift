import Foundation
import GRDB

/// The run journal of one output folder: `OUT/.veobatch/journal.sqlite` (SQLite in WAL mode on a
/// local disk, the rollback journal on a network filesystem: `JournalStorage`).
///
/// Every method is synchronous on purpose: a state change must reach the disk even while the
/// run is being cancelled, and GRDB's async accesses throw `CancellationError` once the task is
/// cancelled. Each write is one transaction, committed with `synchronous = FULL` before the
/// method returns, so the caller can act on it (send the submit, rename the file) afterwards.
/// A write that guards no action may be `Commit.deferred`: see there.
public final class Journal: Sendable {
    /// When a write's commit must be on the disk.
    public enum Commit: Sendable {
        /// Synced before the method returns: the caller acts on it next (sends a submit, tells a
        /// hook a take ended).
        case durable
        /// In the WAL file when the method returns, synced by the next durable commit (which
        /// syncs every frame before its own) or by `sync()` at the end of a run. A crash of the
        /// process loses nothing; a power cut may take the job back to its state before, which
        /// a rerun settles as it settles a killed run (a new job is made again, a success is
        /// seen again by polling its task). For writes no action waits on: a new job's
        /// `pending`, RUNNING seen, a success seen before its download. Without WAL (a network
        /// filesystem) every commit is durable.
        case deferred
    }

    /// The folder holding the journal and the lock, inside the output folder.
    public static let folderName = ".veobatch"
    public static let fileName = "journal.sqlite"

    public let path: String
    let reader: any DatabaseReader
    let writer: (any DatabaseWriter)?
    /// WAL mode: a deferred commit can wait for the next synced one.
    private let defersCommits: Bool
    /// The jobs in flight as this journal committed them (`move` reads them here, not back from
    /// SQLite); watched on the writing connection, so any other change to a job row drops its copy.
    let committedJobs = CommittedJobs()

    private init(path: String, reader: any DatabaseReader, writer: (any DatabaseWriter)?, defersCommits: Bool = false) {
        self.path = path
        self.reader = reader
        self.writer = writer
        self.defersCommits = defersCommits
        writer?.add(transactionObserver: committedJobs, extent: .databaseLifetime)
    }

    /// `OUT/.veobatch`, or the folder `--state-dir` gives this output folder.
    public static func folder(outputDirectory: String) -> String {
        JournalStorage.journalFolder(outputDirectory: outputDirectory)
    }

    public static func path(outputDirectory: String) -> String {
        (folder(outputDirectory: outputDirectory) as NSString).appendingPathComponent(fileName)
    }

    /// Opens the journal for writing, creating it (and `OUT/.veobatch`) when missing and applying
    /// pending migrations. Callers that change it hold the run lock first (`JournalLock`).
    public static func open(outputDirectory: String) throws -> Journal {
        let folder = folder(outputDirectory: outputDirectory)
        let path = path(outputDirectory: outputDirectory)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // Reads are short and few at a time; each connection's page cache is capped, so a
            // 10,000-job journal does not grow the run's memory (recent pages stay in the OS cache).
            configuration.maximumReaderCount = 2
            configuration.prepareDatabase { db in
                // FULL: a commit survives power loss, not only a crash; the submit waits on it.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA cache_size = -512")
            }
            let database: any DatabaseWriter
            let wal = JournalStorage.usesWAL(outputDirectory: outputDirectory)
            if wal {
                let pool = try DatabasePool(path: path, configuration: configuration)
                // GRDB turns WAL on after `prepareDatabase` ran and sets `synchronous = NORMAL`
                // with it (a commit then survives a crash but not a power cut): FULL again on the
                // one connection that commits.
                try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
                database = pool
            } else {
                // WAL's shared-memory index does not work on a network filesystem: one connection,
                // SQLite's rollback journal, every commit still synchronous = FULL.
                configuration.prepareDatabase { db in
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                }
                database = try DatabaseQueue(path: path, configuration: configuration)
            }
            let migrator = JournalSchema.migrator
            if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                throw JournalError.newerSchema(journalPath: path)
            }
            try migrator.migrate(database)
            return Journal(path: path, reader: database, writer: database, defersCommits: wal)
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError.database(journalPath: path, reason: "\(error)")
        }
    }

    /// Opens an existing journal without changing it (`status`, `run --dry-run`); nil when the
    /// folder has none.
    public static func openReadOnly(outputDirectory: String) throws -> Journal? {
        let path = path(outputDirectory: outputDirectory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = JournalSchema.migrator
            let (superseded, complete) = try queue.read {
                (try migrator.hasBeenSuperseded($0), try migrator.hasCompletedMigrations($0))
            }
            if superseded { throw JournalError.newerSchema(journalPath: path) }
            guard complete else {
                throw JournalError.database(journalPath: path, reason: "its schema is older than this veobatch; run `veobatch run` on the folder once to upgrade it")
            }
            return Journal(path: path, reader: queue, writer: nil)
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError.database(journalPath: path, reason: "\(error)")
        }
    }

    /// The migrations applied to this journal, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { try JournalSchema.migrator.appliedMigrations($0) }
    }

    // MARK: - Access

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mapped { try reader.read(body) }
    }

    /// A small read that every job makes (its current job, a finished twin), on the connection
    /// that writes: that connection's page cache already holds what this run wrote, so the pages
    /// a pool reader would read again from the WAL after every commit are not, and no transaction
    /// is begun around it. Its few SELECTs still see one state: they run on the writer's queue, so
    /// no write of this journal comes between them, and only the run-lock holder writes. A
    /// read-only journal reads as `read` does. Never called from inside a `write`.
    func readOne<T>(_ body: (Database) throws -> T) throws -> T {
        guard let writer else { return try read(body) }
        return try mapped { try writer.writeWithoutTransaction(body) }
    }

    /// One transaction, committed as `commit` says.
    func write<T>(_ commit: Commit = .durable, _ body: (Database) throws -> T) throws -> T {
        guard let writer else { throw JournalError.readOnly(journalPath: path) }
        let deferred = commit == .deferred && defersCommits
        return try mapped {
            try writer.writeWithoutTransaction { db in
                guard deferred else { return try Self.transaction(db, body) }
                // `synchronous` is the connection's: NORMAL for this one commit, FULL again
                // before any other write can run on the connection (even when this one failed).
                try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
                let committed = Result { try Self.transaction(db, body) }
                try db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute()
                return try committed.get()
            }
        }
    }

    /// Any error of a journal access as a `JournalError` naming the journal.
    private func mapped<T>(_ access: () throws -> T) throws -> T {
        do {
            return try access()
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError.database(journalPath: path, reason: "\(error)")
        }
    }

    /// `body` in `BEGIN IMMEDIATE` … `COMMIT`, rolled back when it or the commit throws. The two
    /// statements are compiled once per connection: GRDB's own transaction compiles both again
    /// for every write, and a run makes several writes a job.
    private static func transaction<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        do {
            let value = try body(db)
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return value
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
            throw error
        }
    }

    /// Syncs every commit so far (the deferred ones included) to the disk: an `fsync` of the
    /// WAL file, where they all are until a checkpoint copies them into the database. The end of
    /// a run calls it, so a run that ends leaves nothing only in the OS's cache.
    public func sync() throws {
        guard writer != nil, defersCommits else { return }
        let wal = path + "-wal"
        guard FileManager.default.fileExists(atPath: wal) else { return }
        do {
            try FileDurability.flush(file: wal)
        } catch {
            throw JournalError.database(journalPath: path, reason: error.description)
        }
    }
}
