import Foundation
import Testing
@testable import VeoBatch

/// The fake RunningHub charges 4.7 per task whatever was estimated, so the estimate and the
/// charge differ and both must show.
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
        #expect(lines[0] == "shots: 3 jobs — 2 done, 1 failed. Estimated 17.7, charged 9.4 (the 2 charged tasks were estimated at 14.7).")
        #expect(Self.cells(lines[1]) == ["TAKE", "STATE", "TASK", "EST", "CHARGED", "NOTE"])
        let a = try #require(outcome.jobs.first { $0.rowID == "a" }?.taskID)
        #expect(Self.cells(lines[2]) == ["a", "done", a, "10", "4.7"])
        #expect(Self.cells(lines[3]).prefix(5) == ["b", "done"] + [outcome.jobs[1].taskID ?? ""] + ["4.7", "4.7"])
        #expect(Array(Self.cells(lines[4]).dropFirst(3).prefix(2)) == ["3", "-"], "\(lines[4])")
        #expect(lines[4].hasSuffix("error 1015: Generation failed"), "\(lines[4])")
        #expect(lines.last?.hasPrefix("Reports: ") == true)
    }

    @Test("--quiet lists only takes that need a person or were charged something else than estimated")
    func quietSummary() async throws {
        let (batch, outcome) = try await Self.run()
        let lines = RunSummaryText.lines(outcome, outputDirectory: batch.out, quiet: true)
        #expect(lines.dropFirst().prefix(3).map { Self.cells($0).first } == ["TAKE", "a", "c"])
        #expect(lines.count == 5)
    }

    @Test("The JSON summary carries both figures per take and in total")
    func jsonSummary() async throws {
        let (_, outcome) = try await Self.run()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(RunSummaryText.json(outcome).utf8)) as? [String: Any])
        #expect(object["type"] as? String == "summary")
        #expect(object["exitCode"] as? Int == 1)
        #expect(object["estimatedCostSubmitted"] as? Double == 17.7)
        #expect(object["actualCost"] as? Double == 9.4)
        #expect(object["estimatedCostCharged"] as? Double == 14.7)
        let jobs = try #require(object["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["estimatedCost"] as? Double } == [10, 4.7, 3])
        #expect(jobs.map { $0["actualCost"] as? Double } == [4.7, 4.7, nil])
        #expect(jobs[2]["errorCode"] as? String == "1015")
    }

    @Test("status shows estimate and charge per take, in the table and in JSON")
    func status() async throws {
        let (batch, _) = try await Self.run()
        let reports = try StatusListing.load(outputDirectory: batch.out)
        let lines = StatusText.lines(try #require(reports.first))
        #expect(lines[0] == "shots: 3 jobs — 2 done, 1 failed. Estimated 17.7, charged 9.4 (the 2 charged tasks were estimated at 14.7).")
        #expect(Self.cells(lines[1]) == ["TAKE", "STATE", "TASK", "EST", "CHARGED", "OUTPUT", "ERROR"])
        #expect(Array(Self.cells(lines[2])[3...5]) == ["10", "4.7", "a/a.mp4"])
        #expect(Array(Self.cells(lines[4])[3...5]) == ["3", "-", "-"])

        let json = try JSONDecoder().decode(JSONValue.self, from: try StatusListing.json(reports, outputDirectory: batch.out))
        let manifest = try #require(json["manifests"]?.arrayValue?.first)
        #expect(manifest["summary"]?["actualCost"] == .double(9.4))
        #expect(manifest["summary"]?["estimatedCostCharged"] == .double(14.7))
        #expect(manifest["summary"]?["chargedJobs"] == .int(2))
        #expect(manifest["jobs"]?.arrayValue?.first?["estimatedCost"] == .int(10))
        #expect(manifest["jobs"]?.arrayValue?.first?["actualCost"] == .double(4.7))
    }

    @Test("report.csv has both columns and the task time")
    func csv() async throws {
        let (batch, _) = try await Self.run()
        let text = try String(contentsOfFile: batch.manifestFolder + "/report.csv", encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first).split(separator: ",").map(String.init)
        let first = try #require(text.split(separator: "\n").dropFirst().first).split(separator: ",", omittingEmptySubsequences: false).map(
            String.init)
        let row = Dictionary(uniqueKeysWithValues: zip(header, first))
        #expect(row["estimated_cost"] == "10")
        #expect(row["actual_cost"] == "4.7")
        #expect(row["task_seconds"] == "83.0")
    }
}
