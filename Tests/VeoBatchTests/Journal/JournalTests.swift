import Foundation
import GRDB
import Testing
@testable import VeoBatch

@Suite("Journal: schema, transitions, lock")
struct JournalTests {
    static func job(_ rowID: String, state: JobState = .pending) throws -> JobRecord {
        let spec = TestBatch.job(rowID)
        return try JobFlow.newRecord(spec, manifest: "shots", inputs: [], fingerprint: "fp-\(rowID)", state: state)
    }

    @Test("Opening creates OUT/.veobatch/journal.sqlite in WAL mode with every migration; reopening changes nothing")
    func migrations() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        #expect(journal.path == batch.out + "/.veobatch/journal.sqlite")
        #expect(try journal.appliedMigrations() == ["v1", "v2-ledger", "v2-selection", "v2-clip-probe", "v2-expiry", "v3-indexes"])
        let mode = try journal.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // FULL (2) on the connection that commits: a state change survives a power cut before
        // the submit or rename it guards (GRDB's WAL setup alone leaves NORMAL).
        #expect(try journal.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        let tables = try journal.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%' ORDER BY name") }
        #expect(tables == ["events", "folderFacts", "jobs", "manifestNames", "prices", "rows", "selections", "uploads"])
        try journal.insertJob(try Self.job("a"), superseding: nil, message: "first")

        let again = try Journal.open(outputDirectory: batch.out)
        #expect(try again.appliedMigrations() == ["v1", "v2-ledger", "v2-selection", "v2-clip-probe", "v2-expiry", "v3-indexes"])
        #expect(try again.currentJob(manifest: "shots", rowID: "a", take: 1)?.state == .pending)
        let readOnly = try #require(try Journal.openReadOnly(outputDirectory: batch.out))
        #expect(throws: JournalError.self) { try readOnly.insertJob(try Self.job("b"), superseding: nil, message: "refused") }
    }

    @Test("A journal written by a newer veobatch is refused with a sentence saying to upgrade")
    func newerSchemaRefused() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        try journal.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        #expect {
            try Journal.open(outputDirectory: batch.out)
        } throws: { error in
            (error as? JournalError)?.description.contains("newer veobatch") == true
        }
    }

    @Test("Every move is one transaction that updates the job, stamps the time and appends one event")
    func moveWritesEvent() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        var job = try journal.insertJob(try Self.job("a"), superseding: nil, message: "new")
        job = try journal.move(job, to: .submitting, message: "sending") { $0.attempts += 1 }
        job = try journal.move(job, to: .queued, message: "task 1") { $0.taskID = "1" }
        #expect(job.state == .queued && job.attempts == 1 && job.taskID == "1")
        #expect(job.submittingAt != nil && job.queuedAt != nil)
        let events = try journal.events(jobID: try #require(job.id))
        #expect(events.map(\.toState) == [.pending, .submitting, .queued])
        #expect(events.map(\.fromState) == [nil, .pending, .submitting])
        #expect(events.last?.message == "task 1")
    }

    @Test("A new job supersedes the current one; both stay; at most one is current")
    func supersede() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let first = try journal.insertJob(try Self.job("a"), superseding: nil, message: "first")
        let second = try journal.insertJob(try Self.job("a"), superseding: first, previousResolution: "resubmit", message: "second")
        let history = try journal.history(manifest: "shots", rowID: "a")
        #expect(history.map(\.id) == [first.id, second.id])
        #expect(history.map(\.isCurrent) == [false, true])
        #expect(history.first?.resolution == "resubmit")
        // The database itself refuses two current jobs for one take.
        #expect(throws: JournalError.self) {
            try journal.write { db in
                var duplicate = try Self.job("a")
                duplicate.isCurrent = true
                try duplicate.insert(db)
            }
        }
    }

    @Test("After a killed run, `submitting` becomes unknown and `uploading` goes back to pending")
    func recovery() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let a = try journal.insertJob(try Self.job("a"), superseding: nil, message: "a")
        let b = try journal.insertJob(try Self.job("b"), superseding: nil, message: "b")
        let c = try journal.insertJob(try Self.job("c"), superseding: nil, message: "c")
        try journal.move(a, to: .submitting, message: "sending")
        try journal.move(b, to: .uploading, message: "uploading")
        try journal.move(c, to: .running, message: "running") { $0.taskID = "7" }
        let recovered = try journal.recoverAfterInterruptedRun()
        #expect(recovered.count == 2)
        #expect(try journal.job(id: try #require(a.id))?.state == .unknown)
        #expect(try journal.job(id: try #require(b.id))?.state == .pending)
        #expect(try journal.job(id: try #require(c.id))?.state == .running)
    }

    @Test("The ledger counts every job that may have been billed, across runs and versions, as exact decimals")
    func spend() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let usd = { (amount: String) in PriceEstimate(money: Money(Decimal(string: amount)!, .usd), source: .pricePreview) }
        var a = try Self.job("a"); a.setEstimate(usd("18.8"))
        var b = try Self.job("b"); b.setEstimate(usd("4.7"))
        var c = try Self.job("c"); c.setEstimate(usd("100"))
        let ja = try journal.insertJob(a, superseding: nil, message: "a")
        let jb = try journal.insertJob(b, superseding: nil, message: "b")
        try journal.insertJob(c, superseding: nil, message: "c never sent")
        let sent = try journal.move(ja, to: .queued, message: "sent") { $0.taskID = "1" }
        try journal.move(jb, to: .unknown, message: "lost answer")
        try journal.recordAccountCurrency(.usd)
        var total = try journal.spent()
        #expect(total.spent == Money(Decimal(string: "23.5")!, .usd))
        #expect(total.standingEstimates == 2 && total.charged == 0)
        // A charge replaces the estimate; a replaced version stays in the ledger.
        try journal.move(sent, to: .done, message: "charged") { $0.setCharge(Decimal(string: "0.1")!, currency: .usd) }
        var again = try Self.job("a"); again.setEstimate(usd("0.2"))
        let next = try journal.insertJob(again, superseding: try journal.job(id: try #require(sent.id)), message: "changed")
        try journal.move(next, to: .done, message: "charged") { $0.taskID = "2"; $0.setCharge(Decimal(string: "0.2")!, currency: .usd) }
        total = try journal.spent()
        #expect(total.spent == Money(Decimal(string: "5")!, .usd), "0.1 + 0.2 charged, 4.7 standing in")
        #expect(total.charged == 2 && total.standingEstimates == 1)
        #expect(try journal.ledger().count == 3)
    }

    @Test("A manifest's spend is counted in the folder's currency (the account's, else the one most of the whole ledger is in), a row at a time")
    func spendOfOneManifest() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        func sent(_ row: String, manifest: String, _ amount: Decimal, _ currency: Currency) throws {
            var record = try Self.job(row)
            record.manifest = manifest
            record.setEstimate(PriceEstimate(money: Money(amount, currency), source: .pricePreview))
            let job = try journal.insertJob(record, superseding: nil, message: "new")
            try journal.move(job, to: .queued, message: "sent") { $0.taskID = "task-\(manifest)-\(row)" }
        }
        // Two CNY tasks in another manifest outvote this one's USD task: the folder counts in CNY.
        try sent("a", manifest: "shots", 2, .usd)
        try sent("b", manifest: "shots", 3, .cny)
        try sent("c", manifest: "other", 4, .cny)
        try sent("d", manifest: "other", 5, .cny)
        var total = try journal.spent(manifest: "shots")
        #expect(total.spent == Money(3, .cny) && total.standingEstimates == 1)
        #expect(total.uncounted.map(\.rowID) == ["a"], "a USD estimate is never converted")
        #expect(try journal.spent().spent == Money(12, .cny))
        #expect(total == LedgerTotal(try journal.ledger(manifest: "shots"), currency: .cny))
        // Once the account's currency is known, it is the one counted in.
        try journal.recordAccountCurrency(.usd)
        total = try journal.spent(manifest: "shots")
        #expect(total.spent == Money(2, .usd) && total.uncounted.map(\.rowID) == ["b"])
    }

    @Test("The run lock is exclusive while held and free once released")
    func lock() throws {
        let batch = try TestBatch()
        let first = try JournalLock.acquire(outputDirectory: batch.out)
        #expect {
            try JournalLock.acquire(outputDirectory: batch.out)
        } throws: { error in
            guard case .locked(let path) = error as? JournalError else { return false }
            return path == batch.out + "/.veobatch/lock"
        }
        first.release()
        let second = try JournalLock.acquire(outputDirectory: batch.out)
        second.release()
    }

    @Test("The upload cache answers only for uploads made after the cut-off")
    func uploadCache() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let made = Date().addingTimeInterval(-3600)
        try journal.recordUpload(UploadRecord(sha256: "abc", downloadURL: "https://x/1", uploadedAt: made, size: 1, path: "/p"))
        #expect(try journal.upload(sha256: "abc", notBefore: made.addingTimeInterval(-1))?.downloadURL == "https://x/1")
        #expect(try journal.upload(sha256: "abc", notBefore: made.addingTimeInterval(1)) == nil)
        #expect(try journal.upload(sha256: "other", notBefore: .distantPast) == nil)
    }

    @Test("Recording a manifest's rows again updates changed rows, adds new ones and marks dropped ones inactive")
    func rowsRecordedAgain() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let first = Date(timeIntervalSince1970: 1_800_000_000.25)
        try journal.recordRows(manifest: "shots", rows: [
            BatchRow(id: "a", line: 2, prompt: "gulls", carried: []),
            BatchRow(id: "b", line: 3, prompt: "waves", carried: [CarriedColumn(name: "scene", value: "12")]),
        ], takes: ["b": 2], at: first)
        try journal.recordRows(manifest: "other", rows: [BatchRow(id: "a", line: 2, prompt: "elsewhere", carried: [])], takes: [:], at: first)
        let second = first.addingTimeInterval(60)
        try journal.recordRows(manifest: "shots", rows: [
            BatchRow(id: "b", line: 2, prompt: "waves at dusk", carried: [CarriedColumn(name: "scene", value: "13")]),
            BatchRow(id: "c", line: 3, prompt: nil, carried: []),
        ], takes: [:], at: second)

        let rows = Dictionary(uniqueKeysWithValues: try journal.rows(manifest: "shots").map { ($0.rowID, $0) })
        #expect(rows.count == 3)
        #expect(rows["a"]?.active == false)
        #expect(rows["a"]?.prompt == "gulls")
        #expect(rows["a"]?.updatedAt == first)
        #expect(rows["b"]?.active == true)
        #expect(rows["b"]?.line == 2)
        #expect(rows["b"]?.prompt == "waves at dusk")
        #expect(rows["b"]?.carried == [CarriedColumn(name: "scene", value: "13")])
        #expect(rows["b"]?.takes == 1)
        #expect(rows["b"]?.updatedAt == second)
        #expect(rows["c"]?.active == true)
        #expect(rows["c"]?.prompt == nil)
        // Another manifest's row of the same id is its own.
        #expect(try journal.rows(manifest: "other").map(\.prompt) == ["elsewhere"])
        #expect(try journal.rows(manifest: "other").map(\.active) == [true])
    }
}
