import Foundation
import GRDB
import Testing
@testable import VeoBatch

/// `JobRecord` is mapped to `jobs` by hand (JobRecord+Row.swift): every column is written and
/// read back, and a row that does not decode is an error.
@Suite("Journal: a job row, column by column")
struct JobRecordRowTests {
    /// Every optional filled, dates on whole milliseconds (what the journal stores).
    static func fullRecord() throws -> JobRecord {
        var job = try JournalTests.job("a")
        let at = Date(timeIntervalSince1970: 1_780_000_000.125)
        job.resolution = "task-id"
        job.taskID = "1958347163582312450"
        job.attempts = 3
        job.errorCode = "1501"
        job.errorMessage = "refused"
        job.estimatedCost = "0.40"
        job.actualCost = "0.3812"
        job.usageJSON = #"{"thirdPartyConsumeMoney":"0.3812"}"#
        job.requestBodyJSON = #"{"prompt":"gulls"}"#
        job.resultURL = "https://rh.example/result.mp4"
        job.resultSeenAt = at
        job.outputPath = "shots/a/a.mp4"
        job.outputSHA256 = String(repeating: "ab", count: 32)
        job.outputSize = 7_190
        job.outputMIME = "video/mp4"
        job.createdAt = at
        job.updatedAt = at + 1
        for (offset, state) in JobState.allCases.enumerated() { job.stamp(state, at: at + Double(offset)) }
        job.submittedAt = at + 2.5
        job.estimateCurrency = "USD"
        job.estimateSource = "price-preview"
        job.chargeCurrency = "USD"
        job.probeJSON = #"{"codec":"h264"}"#
        job.probeError = "none"
        job.state = .timeout
        return job
    }

    @Test("Every column is written and read back unchanged")
    func roundTrip() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let stored = try journal.insertJob(try Self.fullRecord(), superseding: nil, message: "new")
        let id = try #require(stored.id)
        let read = try #require(try journal.job(id: id))
        #expect(read == stored)
        // No column of the table is left out of the mapping, and none is made up.
        let columns = try journal.read { db in try db.columns(in: "jobs").map(\.name) }
        #expect(Set(try stored.databaseDictionary.keys) == Set(columns))
    }

    @Test("A move writes exactly the columns that changed, and can name every column")
    func changedColumns() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let columns = try journal.read { db in try db.columns(in: "jobs").map(\.name) }
        var full = try Self.fullRecord()
        full.isCurrent = true
        // A record that differs from `full` in every column but the id.
        var other = try JournalTests.job("zz")
        other.manifest = "other"
        other.take = 9
        other.outputName = "zz_t9"
        other.line = 99
        other.endpoint = "rhart-video-v3.1-pro/text-to-video"
        other.parametersJSON = "{}"
        other.mediaJSON = "[{}]"
        other.inputsJSON = "[{}]"
        other.fingerprint = "fp-other"
        other.state = .pending
        other.isCurrent = false
        other.attempts = 0
        other.createdAt = Date(timeIntervalSince1970: 1)
        other.updatedAt = Date(timeIntervalSince1970: 2)
        #expect(Set(full.changedColumns(since: other).map(\.column)) == Set(columns).subtracting(["id"]))
        #expect(full.changedColumns(since: full).isEmpty)
        var moved = full
        moved.state = .done
        moved.doneAt = Date(timeIntervalSince1970: 1_780_000_100)
        #expect(moved.changedColumns(since: full).map(\.column) == ["state", "doneAt"])
    }

    @Test("A state this veobatch does not know is an error, not a default")
    func unknownStateThrows() throws {
        let batch = try TestBatch()
        let journal = try Journal.open(outputDirectory: batch.out)
        let stored = try journal.insertJob(try Self.fullRecord(), superseding: nil, message: "new")
        let id = try #require(stored.id)
        try journal.write { try $0.execute(sql: "UPDATE jobs SET state = 'teleported' WHERE id = ?", arguments: [id]) }
        #expect(throws: JournalError.self) { try journal.job(id: id) }
    }
}
