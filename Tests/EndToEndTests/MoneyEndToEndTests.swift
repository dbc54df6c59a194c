import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RunningHubSimulator
import Testing
import TestSupport

/// Issue 10, as a user meets it: no second payment by any path, and a ledger that matches what
/// the simulator billed, in the simulator's currency.
@Suite("Money end to end")
struct MoneyEndToEndTests {
    /// The sum of every charge the simulator made (`/_sim/tasks`), as exact decimal text.
    static func simulatorCharges(_ sim: SimulatorHarness) async throws -> Decimal {
        let tasks = await sim.server.tasks()
        return try tasks.reduce(Decimal(0)) { total, task in
            let charged = try #require(task.charged, "task \(task.taskID) has not ended")
            return total + (try #require(Decimal(string: charged)))
        }
    }

    static func statusJSON(_ out: String) async throws -> [String: Any] {
        let status = try await runVeobatch(["status", "--out", out, "--json"])
        #expect(status.exitCode == 0, "\(status.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static let header = "id,model,prompt,aspect_ratio,resolution,seed,duration,takes\n"

    @Test("Two manifests named shots.csv from two folders, alternating into one --out for 4 runs: one task per distinct job")
    func sameStemManifests() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let seqA = scratch.path("seqA/shots.csv"), seqB = scratch.path("seqB/shots.csv")
        try Self.write(Self.header + "sh010,rhart-video-v3.1-fast/text-to-video,Sequence A opens on a harbour at dawn,16:9,720p,,,\nsh020,rhart-video-v3.1-fast/text-to-video,Sequence A closes on gulls,16:9,720p,,,\n", to: seqA)
        try Self.write(Self.header + "sh010,rhart-video-v3.1-fast/text-to-video,Sequence B opens in a desert at noon,16:9,720p,,,\n", to: seqB)
        let out = scratch.path("renders")

        // The second manifest cannot take the name the first holds: exit 2, both named, nothing sent.
        let first = try await runVeobatch(["run", seqA, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(first.exitCode == 0, "\(first.stderr)")
        let refused = try await runVeobatch(["run", seqB, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains(seqA) && refused.stderr.contains(seqB) && refused.stderr.contains("--name"), "\(refused.stderr)")
        #expect(await sim.server.stats().tasksCreated == 2)

        // With its own name, each keeps its jobs: alternate for 4 runs.
        for run in 0..<4 {
            let arguments = run % 2 == 0 ? ["run", seqB, "--name", "shotsB"] : ["run", seqA]
            let result = try await runVeobatch(arguments + ["--out", out] + fastRunOptions, environment: sim.environment)
            #expect(result.exitCode == 0, "run \(run): \(result.stderr)")
        }
        let tasks = await sim.server.tasks()
        #expect(tasks.count == 3, "one task per distinct job: \(tasks.map(\.prompt))")
        #expect(Set(tasks.map(\.fingerprint)).count == 3)
        #expect(files(in: out, endingWith: ".mp4").map { String($0.dropFirst(out.count + 1)) }
            == ["shots/sh010/sh010.mp4", "shots/sh020/sh020.mp4", "shotsB/sh010/sh010.mp4"])
    }

    @Test("Raising takes from empty to 3 keeps take 1 as it was: 3 tasks in total")
    func addingTakesKeepsTakeOne() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("takes.csv"), out = scratch.path("out")
        let row = "kite,rhart-video-v3.1-fast-official/text-to-video,A red kite climbs over the dunes,16:9,720p,,4,"
        try Self.write(Self.header + row + "\n", to: manifest)
        let once = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(once.exitCode == 0, "\(once.stderr)")
        let clip = try #require(FileManager.default.contents(atPath: out + "/takes/kite/kite.mp4"))

        try Self.write(Self.header + row + "3\n", to: manifest)
        let three = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(three.exitCode == 0, "\(three.stderr)")
        let tasks = await sim.server.tasks()
        #expect(tasks.count == 3, "take 1 was rendered again: \(tasks.map(\.seed))")
        #expect(tasks.first?.seed == nil, "take 1 sends no seed, as before")
        #expect(Set(tasks.dropFirst().compactMap(\.seed)).count == 2, "takes 2 and 3 have distinct seeds")
        #expect(FileManager.default.contents(atPath: out + "/takes/kite/kite.mp4") == clip)
        #expect(!FileManager.default.fileExists(atPath: out + "/takes/kite/kite.v2.mp4"))
    }

    @Test("Renaming a manifest renders nothing again: the finished takes are copied under the new name")
    func renamedManifestIsNotPaidAgain() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("seq.csv"), renamed = scratch.path("seq-final.csv"), out = scratch.path("out")
        try Self.write(Self.header + "sh010,rhart-video-v3.1-fast/text-to-video,A harbour at dawn,16:9,720p,,,\n", to: manifest)
        let first = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(first.exitCode == 0, "\(first.stderr)")
        try FileManager.default.moveItem(atPath: manifest, toPath: renamed)
        let second = try await runVeobatch(["run", renamed, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(second.exitCode == 0, "\(second.stderr)")
        #expect(await sim.server.tasks().count == 1)
        let original = FileManager.default.contents(atPath: out + "/seq/sh010/sh010.mp4")
        #expect(original != nil && FileManager.default.contents(atPath: out + "/seq-final/sh010/sh010.mp4") == original)
        let status = try await Self.statusJSON(out)
        let spent = try #require(status["spent"] as? [String: Any])
        #expect(Decimal(string: spent["amount"] as? String ?? "") == (try await Self.simulatorCharges(sim)), "one task, counted once")
    }

    @Test("resolve --task-id refuses a task id that belongs to another job (exit 2, naming it)")
    func resolveRefusesForeignTask() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("lost.csv"), out = scratch.path("out")
        try Self.write(Self.header
            + "first,rhart-video-v3.1-fast/text-to-video,The first submit's answer is lost,16:9,720p,,,\n"
            + "second,rhart-video-v3.1-fast/text-to-video,The second one is fine,16:9,720p,,,\n", to: manifest)
        await sim.server.script([ScriptedFault(route: .submit, fault: .createThenDrop)])
        let run = try await runVeobatch(["run", manifest, "--out", out, "--concurrency", "1"] + fastRunOptions, environment: sim.environment)
        #expect(run.exitCode == 1, "\(run.stderr)")
        let tasks = await sim.server.tasks()
        #expect(tasks.count == 2)
        let lost = try #require(tasks.first { $0.prompt == "The first submit's answer is lost" }?.taskID)
        let foreign = try #require(tasks.first { $0.prompt == "The second one is fine" }?.taskID)

        let refused = try await runVeobatch(["resolve", "--out", out, "first", "--task-id", foreign])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("lost/second") && refused.stderr.contains(foreign), "\(refused.stderr)")
        let attached = try await runVeobatch(["resolve", "--out", out, "first", "--task-id", lost])
        #expect(attached.exitCode == 0, "\(attached.stderr)")
        let rerun = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(rerun.exitCode == 0, "\(rerun.stderr)")
        #expect(await sim.server.stats().tasksCreated == 2)
        #expect(FileManager.default.contents(atPath: out + "/lost/first/first.mp4") != FileManager.default.contents(atPath: out + "/lost/second/second.mp4"))
    }

    @Test("After a prompt change and a rerun, spent is every charge the simulator made, in its currency")
    func spentMatchesTheBill() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("bill.csv"), out = scratch.path("out")
        let other = "sh020,rhart-video-v3.1-fast-official/text-to-video,Gulls over the pier,16:9,720p,,4,\n"
        try Self.write(Self.header + "sh010,rhart-video-v3.1-fast-official/text-to-video,A harbour at dawn,16:9,1080p,,8,\n" + other, to: manifest)
        let first = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(first.exitCode == 0, "\(first.stderr)")
        let sidecar = try #require(FileManager.default.contents(atPath: out + "/bill/sh010/sh010.json"))

        try Self.write(Self.header + "sh010,rhart-video-v3.1-fast-official/text-to-video,A harbour at dusk,16:9,1080p,,8,\n" + other, to: manifest)
        let second = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(second.exitCode == 0, "\(second.stderr)")
        #expect(await sim.server.tasks().count == 3)

        let billed = try await Self.simulatorCharges(sim)
        #expect(billed > 0)
        let status = try await Self.statusJSON(out)
        let spent = try #require(status["spent"] as? [String: Any])
        #expect(spent["currency"] as? String == "USD")
        #expect(Decimal(string: spent["amount"] as? String ?? "") == billed, "status says \(spent), the simulator billed \(billed)")
        #expect(spent["standingEstimates"] as? Int == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: out + "/bill/report.json"))) as? [String: Any])
        let reportSpent = try #require(report["spent"] as? [String: Any])
        #expect(reportSpent["amount"] as? String == spent["amount"] as? String && reportSpent["currency"] as? String == "USD")
        #expect((report["ledger"] as? [Any])?.count == 3)
        let csv = try String(contentsOfFile: out + "/bill/report.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 4, "3 takes of which one replaced: header + 2 current + 1 replaced")

        // The text summary and status say the same, with the currency.
        let text = try await runVeobatch(["status", "--out", out])
        #expect(text.stdout.contains("Spent \(spent["amount"] as? String ?? "?") USD"), "\(text.stdout)")
        #expect(second.stdout.contains("Spent \(spent["amount"] as? String ?? "?") USD"), "\(second.stdout)")

        // The new clip went beside the old one, each with its own sidecar; the first is untouched.
        #expect(FileManager.default.fileExists(atPath: out + "/bill/sh010/sh010.v2.mp4"))
        #expect(FileManager.default.fileExists(atPath: out + "/bill/sh010/sh010.v2.json"))
        #expect(FileManager.default.contents(atPath: out + "/bill/sh010/sh010.json") == sidecar)
    }

    @Test("--max-cost 1USD with live prices 3× the table stops at the right job; the bill never passes 1 USD")
    func maxCostByLivePrice() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2, priceScale: 3)
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("budget.csv"), out = scratch.path("out")
        let rows = 16
        var text = "id,model,prompt,aspect_ratio,resolution\n"
        for index in 1...rows {
            text += "sh\(index)0,rhart-video-v3.1-fast/text-to-video,Shot \(index): a lighthouse at night,16:9,720p\n"
        }
        try Self.write(text, to: manifest)
        // The live price, as RunningHub's price-preview answers it (free; creates nothing).
        let body = #"{"prompt":"Shot 1: a lighthouse at night","aspectRatio":"16:9","resolution":"720p"}"#
        var request = URLRequest(url: URL(string: sim.baseURL + "/openapi/v2/price-preview/rhart-video-v3.1-fast/text-to-video")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(sim.key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        let preview = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(preview["currency"] as? String == "USD")
        let number = try #require(preview["estimatedPrice"] as? Double)
        let price = try #require(Decimal(string: "\(number)"))
        let fits = Int(NSDecimalNumber(decimal: 1 / price).doubleValue.rounded(.down))
        #expect(fits >= 1 && fits < rows, "price \(price): the test needs a cap that stops inside the manifest")
        // By the table (CNY list ÷ 6.9, unscaled) three times as many would have looked affordable.
        #expect(price == Decimal(string: "0.09"), "0.20 CNY list → 0.03 USD → × 3")

        let run = try await runVeobatch(["run", manifest, "--out", out, "--max-cost", "1USD", "--concurrency", "2"] + fastRunOptions,
                                        environment: sim.environment)
        #expect(run.exitCode == 4, "\(run.stdout)\n\(run.stderr)")
        #expect(await sim.server.tasks().count == fits)
        #expect(try await Self.simulatorCharges(sim) <= 1)
        let stopped = "sh\(fits + 1)0"
        #expect(run.stdout.contains("Stopped by --max-cost") && run.stdout.contains("\(stopped) is estimated at \(price) USD"), "\(run.stdout)")
        #expect(!run.stdout.contains("budget reached"))

        // A rerun with the same cap sends nothing more: the ledger already counts the charges.
        let again = try await runVeobatch(["run", manifest, "--out", out, "--max-cost", "1"] + fastRunOptions, environment: sim.environment)
        #expect(again.exitCode == 4)
        #expect(await sim.server.tasks().count == fits)
    }

    @Test("--max-cost 5CNY against a USD account exits 2 with nothing sent")
    func currencyMismatch() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = try copyExampleFolder(to: scratch)
        let result = try await runVeobatch(["run", manifest, "--out", scratch.path("out"), "--max-cost", "5CNY"] + fastRunOptions,
                                           environment: sim.environment)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("CNY") && result.stderr.contains("USD"), "\(result.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 0 && stats.uploads == 0 && (stats.requestsByRoute["submit"] ?? 0) == 0)

        // Without a key, plan shows list prices and says so.
        let plan = try await runVeobatch(["plan", manifest])
        #expect(plan.stdout.contains("list price"), "\(plan.stdout)")
    }
}
