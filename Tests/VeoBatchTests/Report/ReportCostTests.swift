import Foundation
import Testing
@testable import VeoBatch

/// The fake RunningHub charges 4.7 CNY per task whatever was estimated, so the estimate and the
/// charge differ and both must show. The fake's price-preview has no price (1501), so the
/// estimates are list prices (CNY, marked `*`). The failed task reports no charge: its estimate
/// stands in, marked so.
@Suite("Report: cost after the fact, estimate beside charge")
struct ReportCostTests {
    /// a: estimated 10, charged 4.7. b: estimated 4.7, charged 4.7. c: estimated 3, failed, not charged.
    static func run() async throws -> (TestBatch, RunOutcome) {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "c", [.accept(.fails(code: "1015", message: "Generation failed"))])
        let outcome = try await batch.run(
            [TestBatch.job("a", cost: 10), TestBatch.job("b", line: 3, cost: 4.7), TestBatch.job("c", line: 4, cost: 3)],
            api: fake)
        return (batch, outcome)
    }

    static func cells(_ line: String) -> [String] {
        line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }

    @Test("The run summary lists estimate and charge per take and in total")
    func summary() async throws {
        let (batch, outcome) = try await Self.run()
        let lines = RunSummaryText.lines(outcome, outputDirectory: batch.out, quiet: false)
        #expect(lines[0] == "shots: 3 jobs — 2 done, 1 failed. Spent 12.4 CNY (2 charged, 1 estimate standing in) on 3 tasks.")
        #expect(Self.cells(lines[1]) == ["TAKE", "STATE", "TASK", "EST", "CHARGED", "NOTE"])
        let a = try #require(outcome.jobs.first { $0.rowID == "a" }?.taskID)
        #expect(Self.cells(lines[2]) == ["a", "done", a, "10", "CNY*", "4.7", "CNY"])
        #expect(Self.cells(lines[3]).prefix(7) == ["b", "done"] + [outcome.jobs[1].taskID ?? ""] + ["4.7", "CNY*", "4.7", "CNY"])
        #expect(Array(Self.cells(lines[4]).dropFirst(3).prefix(3)) == ["3", "CNY*", "pending"], "\(lines[4])")
        #expect(lines[4].hasSuffix("error 1015: Generation failed"), "\(lines[4])")
        #expect(lines.last?.hasPrefix("Reports: ") == true)
    }

    @Test("--quiet lists only takes that need a person or were charged something else than estimated")
    func quietSummary() async throws {
        let (batch, outcome) = try await Self.run()
        let lines = RunSummaryText.lines(outcome, outputDirectory: batch.out, quiet: true)
        #expect(lines.dropFirst().prefix(3).map { Self.cells($0).first } == ["TAKE", "a", "c"])
        #expect(lines.count == 6)
        #expect(lines[4].hasPrefix("* list price"))
    }

    @Test("The JSON summary carries both figures per take and in total")
    func jsonSummary() async throws {
        let (_, outcome) = try await Self.run()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(RunSummaryText.json(outcome).utf8)) as? [String: Any])
        #expect(object["type"] as? String == "summary")
        #expect(object["exitCode"] as? Int == 1)
        let spent = try #require(object["spent"] as? [String: Any])
        #expect(spent["amount"] as? String == "12.4" && spent["currency"] as? String == "CNY")
        #expect(spent["charged"] as? Int == 2 && spent["standingEstimates"] as? Int == 1)
        let jobs = try #require(object["jobs"] as? [[String: Any]])
        #expect(jobs.map { ($0["estimate"] as? [String: Any])?["amount"] as? String } == ["10", "4.7", "3"])
        #expect(jobs.map { ($0["estimate"] as? [String: Any])?["currency"] as? String } == ["CNY", "CNY", "CNY"])
        #expect(jobs.map { $0["estimateSource"] as? String } == ["list-price", "list-price", "list-price"])
        #expect(jobs.map { ($0["charged"] as? [String: Any])?["amount"] as? String } == ["4.7", "4.7", nil])
        #expect(jobs[2]["errorCode"] as? String == "1015")
    }

    @Test("status shows estimate and charge per take, in the table and in JSON")
    func status() async throws {
        let (batch, _) = try await Self.run()
        let listing = try StatusListing.load(outputDirectory: batch.out)
        let lines = StatusText.lines(try #require(listing.reports.first))
        #expect(lines[0] == "shots: 3 jobs — 2 done, 1 failed. Spent 12.4 CNY (2 charged, 1 estimate standing in) on 3 tasks.")
        #expect(Self.cells(lines[1]) == ["TAKE", "STATE", "TASK", "EST", "CHARGED", "OUTPUT", "CHECK", "ERROR"])
        #expect(Array(Self.cells(lines[2])[3...7]) == ["10", "CNY*", "4.7", "CNY", "a/a.mp4"])
        #expect(Array(Self.cells(lines[4])[3...6]) == ["3", "CNY*", "pending", "-"])

        let json = try JSONDecoder().decode(JSONValue.self, from: try StatusListing.json(listing, outputDirectory: batch.out))
        #expect(json["spent"] == .object(["amount": .string("12.4"), "currency": .string("CNY"), "charged": .int(2), "standingEstimates": .int(1), "uncounted": .int(0)]))
        let manifest = try #require(json["manifests"]?.arrayValue?.first)
        #expect(manifest["spent"]?["amount"] == .string("12.4"))
        #expect(manifest["jobs"]?.arrayValue?.first?["estimate"] == .object(["amount": .string("10"), "currency": .string("CNY")]))
        #expect(manifest["jobs"]?.arrayValue?.first?["charged"] == .object(["amount": .string("4.7"), "currency": .string("CNY")]))
        #expect(manifest["jobs"]?.arrayValue?.last?["estimateStandsIn"] == .bool(true))
        #expect(manifest["ledger"]?.arrayValue?.count == 3)
    }

    @Test("report.csv has both columns and the task time")
    func csv() async throws {
        let (batch, _) = try await Self.run()
        let text = try String(contentsOfFile: batch.manifestFolder + "/report.csv", encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first).split(separator: ",").map(String.init)
        let first = try #require(text.split(separator: "\n").dropFirst().first).split(separator: ",", omittingEmptySubsequences: false).map(
            String.init)
        let row = Dictionary(uniqueKeysWithValues: zip(header, first))
        #expect(row["estimate"] == "10" && row["estimate_currency"] == "CNY" && row["estimate_source"] == "list-price")
        #expect(row["charged"] == "4.7" && row["charged_currency"] == "CNY")
        #expect(row["task_seconds"] == "83.0")
    }
}
