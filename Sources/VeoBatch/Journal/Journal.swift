import Foundation
import GRDB

/// The run journal of one output folder: `OUT/.veobatch/journal.sqlite` (SQLite in WAL mode on a
/// local disk, the rollback journal on a network filesystem: `JournalStorage`).
///
/// Every method is synchronous on purpose: a state change must reach the disk even while the
/// run is being cancelled, and GRDB's async accesses throw `CancellationError` once the task is
/// cancelled. Each write is one transaction, committed with `synchronous = FULL` before the
/// method returns, so the caller can act on it (send the submit, rename the file) afterwards.
public final class Journal: Sendable {
    /// The folder holding the journal and the lock, inside the output folder.
    public static let folderName = ".veobatch"
    public static let fileName = "journal.sqlite"

    public let path: String
    let reader: any DatabaseReader
    let writer: (any DatabaseWriter)?

    private init(path: String, reader: any DatabaseReader, writer: (any DatabaseWriter)?) {
        self.path = path
        self.reader = reader
        self.writer = writer
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
            if JournalStorage.usesWAL(outputDirectory: outputDirectory) {
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
            return Journal(path: path, reader: database, writer: database)
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
        do {
            return try reader.read(body)
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError.database(journalPath: path, reason: "\(error)")
        }
    }

    /// One transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard let writer else { throw JournalError.readOnly(journalPath: path) }
        do {
            return try writer.write(body)
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError.database(journalPath: path, reason: "\(error)")
        }
    }
}
