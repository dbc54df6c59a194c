import CSV
import Foundation
import Logging
import Testing
@testable import VeoBatch

@Suite("Report: output tree, sidecars, report.csv and report.json")
struct ReportTests {
    @Test("Names from the manifest cannot leave the output folder")
    func confinement() throws {
        let tree = try OutputTree(outputDirectory: "/tmp/out", manifestStem: "shots v2")
        #expect(try tree.clipPath(rowID: "shot010", outputName: "shot010-take2") == "/tmp/out/shots v2/shot010/shot010-take2.mp4")
        #expect(try tree.clipPath(rowID: "a", outputName: "a", version: 3) == "/tmp/out/shots v2/a/a.v3.mp4")
        for bad in ["..", ".", "../evil", "a/b", "", "sp ace", "x\u{0}y"] {
            #expect(throws: OutputTree.UnsafeName.self) { try tree.rowFolder(rowID: bad) }
        }
        #expect(throws: OutputTree.UnsafeName.self) { try tree.clipPath(rowID: "a", outputName: "../../etc/passwd") }
        #expect(throws: OutputTree.UnsafeName.self) { try tree.absolute(fromOutputRelative: "other/../../x.mp4") }
        #expect(throws: OutputTree.UnsafeName.self) { try OutputTree(outputDirectory: "/tmp/out", manifestStem: "..") }
        #expect(throws: OutputTree.UnsafeName.self) { try OutputTree(outputDirectory: "/tmp/out", manifestStem: ".veobatch") }
    }

    @Test("report.csv has one line per take, carried columns last, and survives commas, quotes and newlines")
    func reportCSV() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "b, \"the\nsecond\"", [.accept(.fails(code: "1501", message: "Content verification failed"))])
        let jobs = [TestBatch.job("a"), TestBatch.job("a", take: 2), TestBatch.job("b", line: 3, prompt: "b, \"the\nsecond\"")]
        let outcome = try await batch.run(jobs, api: fake)
        #expect(outcome.reportFiles == [batch.manifestFolder + "/report.csv", batch.manifestFolder + "/report.json"])

        let reader = try CSVReader(string: try String(contentsOfFile: batch.manifestFolder + "/report.csv", encoding: .utf8), hasHeaderRow: true)
        let header = try #require(reader.headerRow)
        #expect(header == ReportCSV.columns + ["x_shot", "note"])
        var lines: [[String: String]] = []
        while reader.next() != nil {
            lines.append(Dictionary(uniqueKeysWithValues: zip(header, reader.currentRow ?? [])))
        }
        #expect(lines.map { $0["output_name"] } == ["a", "a-take2", "b"])
        #expect(lines.map { $0["state"] } == ["done", "done", "failed"])
        #expect(lines[1]["output"] == "a/a-take2.mp4")
        #expect(lines[0]["estimate"] == "10" && lines[0]["estimate_currency"] == "CNY" && lines[0]["charged"] == "4.7")
        #expect(lines[0]["current"] == "yes")
        #expect(lines[2]["prompt"] == "b, \"the\nsecond\"")
        #expect(lines[2]["error_code"] == "1501")
        #expect(lines[2]["x_shot"] == "S-b")
        #expect(lines[2]["note"] == "take care, \"quoted\"")
        #expect(lines[0]["task_id"]?.isEmpty == false)
        #expect(lines[0]["output_sha256"]?.count == 64)
    }

    @Test("report.json summarises states and money and lists every job")
    func reportJSON() async throws {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "a", [.accept(.succeeds(cost: 18.8))])
        await fake.script(prompt: "b", [.accept(.fails(code: "1015", message: "Generation failed"))])
        _ = try await batch.run([TestBatch.job("a", cost: 18.8), TestBatch.job("b", line: 3, cost: 4.7), TestBatch.job("c", line: 4)],
                                api: fake, configuration: batch.configuration(maxCost: 25))
        let data = try #require(FileManager.default.contents(atPath: batch.manifestFolder + "/report.json"))
        let json = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(json["manifest"]?.stringValue == "shots")
        let summary = try #require(json["summary"])
        #expect(summary["states"] == .object(["done": .int(1), "failed": .int(1), "pending": .int(1)]))
        // a charged 18.8, b failed without a reported charge (its 4.7 estimate stands in); c did not fit.
        #expect(json["spent"]?["amount"] == .string("23.5") && json["spent"]?["currency"] == .string("CNY"))
        #expect(json["spent"]?["standingEstimates"] == .int(1))
        #expect(summary["jobs"] == .int(3))
        let jobs = try #require(json["jobs"]?.arrayValue)
        #expect(jobs.map { $0["row"]?.stringValue } == ["a", "b", "c"])
        #expect(jobs[0]["output"]?["path"]?.stringValue == "a/a.mp4")
        #expect(jobs[1]["error"]?["code"]?.stringValue == "1015")
        #expect(jobs[0]["carried"]?["x_shot"]?.stringValue == "S-a")
    }

    @Test("The sidecar tells how the clip was made: body as sent, task, usage, inputs and output hashes")
    func sidecar() async throws {
        let batch = try TestBatch()
        let frame = try batch.media("a_start.png", "frame bytes")
        let fake = FakeRunningHub()
        _ = try await batch.run([TestBatch.job("a", firstFrame: frame), TestBatch.job("a", take: 2, firstFrame: frame)], api: fake)
        let job = try #require(try batch.current("a"))
        let path = batch.manifestFolder + "/a/a.json"
        let sidecar = try JSONDecoder().decode(JSONValue.self, from: try #require(FileManager.default.contents(atPath: path)))
        #expect(sidecar["endpoint"]?.stringValue == TestBatch.endpoint)
        #expect(sidecar["taskId"]?.stringValue == job.taskID)
        #expect(sidecar["state"]?.stringValue == "done")
        #expect(sidecar["requestBody"]?["firstFrameUrl"]?.stringValue?.hasPrefix("https://fake.storage/") == true)
        #expect(sidecar["requestBody"]?["prompt"]?.stringValue == "a")
        #expect(sidecar["usage"]?["thirdPartyConsumeMoney"] == .double(4.7))
        #expect(sidecar["charged"] == .object(["amount": .string("4.7"), "currency": .string("CNY")]))
        let input = try #require(sidecar["inputs"]?.arrayValue?.first)
        #expect(input["source"]?.stringValue == frame)
        #expect(input["sha256"]?.stringValue == (try FileDigest.sha256(ofFileAt: frame).hex))
        #expect(sidecar["output"]?["path"]?.stringValue == "a.mp4")
        #expect(sidecar["output"]?["sha256"]?.stringValue == job.outputSHA256)
        #expect(sidecar["output"]?["mimeType"]?.stringValue == "video/mp4")
        #expect(sidecar["output"]?["size"] == .int(job.outputSize ?? -1))
        #expect(sidecar["timings"]?["submitting"] != nil && sidecar["timings"]?["done"] != nil)
        #expect(FileManager.default.fileExists(atPath: batch.manifestFolder + "/a/a-take2.json"))
    }

    @Test("Reports and sidecars are rebuilt from the journal alone")
    func rebuildFromJournal() async throws {
        let batch = try TestBatch()
        _ = try await batch.run([TestBatch.job("a"), TestBatch.job("b", line: 3)], api: FakeRunningHub())
        let folder = batch.manifestFolder
        let sidecar = try #require(FileManager.default.contents(atPath: folder + "/a/a.json"))
        for file in ["report.csv", "report.json", "a/a.json", "b/b.json"] {
            try FileManager.default.removeItem(atPath: folder + "/" + file)
        }
        let journal = try Journal.open(outputDirectory: batch.out)
        let written = try ReportStage(journal: journal, tree: OutputTree(outputDirectory: batch.out, manifestStem: TestBatch.manifest)).write()
        #expect(written.count == 2)
        #expect(FileManager.default.contents(atPath: folder + "/a/a.json") == sidecar)
        #expect(FileManager.default.fileExists(atPath: folder + "/report.csv"))
        let listing = try StatusListing.load(outputDirectory: batch.out)
        #expect(listing.reports.map(\.manifest) == ["shots"])
        #expect(listing.reports.first?.entries.map(\.state) == [.done, .done])
        let json = try JSONDecoder().decode(JSONValue.self, from: try StatusListing.json(listing, outputDirectory: batch.out))
        #expect(json["manifests"]?.arrayValue?.first?["jobs"]?.arrayValue?.count == 2)
    }

    @Test("Jobs whose rows were not handed over still appear in the reports")
    func rowsCompletedFromJobs() async throws {
        let batch = try TestBatch()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        _ = try await BatchRun.run(configuration: batch.configuration(), jobs: [TestBatch.job("a"), TestBatch.job("b", line: 3)],
                                   rows: [], api: FakeRunningHub(), detector: FakeDetector(), logger: logger)
        let json = try JSONDecoder().decode(JSONValue.self, from: try #require(FileManager.default.contents(atPath: batch.manifestFolder + "/report.json")))
        #expect(json["jobs"]?.arrayValue?.map { $0["row"]?.stringValue } == ["a", "b"])
        #expect(json["jobs"]?.arrayValue?.first?["prompt"]?.stringValue == "a")
    }

    @Test("Extra report writers (report.html) plug in and get the same model")
    func extraWriter() async throws {
        struct Listing: ReportWriting {
            var fileName: String { "report.txt" }
            func render(_ report: RunReport, tree: OutputTree) throws -> Data {
                Data(report.entries.map { "\($0.outputName) \($0.state.rawValue) \($0.clip ?? "-")" }.joined(separator: "\n").utf8)
            }
        }
        let batch = try TestBatch()
        var configuration = batch.configuration()
        configuration.extraReports = [Listing()]
        let outcome = try await batch.run([TestBatch.job("a")], api: FakeRunningHub(), configuration: configuration)
        #expect(outcome.reportFiles.last == batch.manifestFolder + "/report.txt")
        #expect(try String(contentsOfFile: batch.manifestFolder + "/report.txt", encoding: .utf8) == "a done a/a.mp4")
    }
}
