import Foundation
import Testing
import TestSupport

/// `--on-event CMD`: one JSON object per take that ends and a summary, never the key; a hook
/// that hangs is killed after --hook-timeout and the run goes on.
@Suite("Cron: --on-event hooks")
struct CronHookTests {
    @Test("a hook receives one event per take and a summary, without the API key in payload or environment")
    func hookReceivesEvents() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 3, in: scratch)
        let events = scratch.path("events")
        try FileManager.default.createDirectory(atPath: events, withIntermediateDirectories: true)
        // Each event in its own file, with the environment the hook saw beside it.
        let hook = "f=\"\(events)/$(date +%s%N)-$$\"; cat > \"$f.json\"; env > \"$f.env\""
        let out = scratch.path("out")
        let result = try await runVeobatch(["run", manifest, "--out", out, "--on-event", hook] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")

        let names = try FileManager.default.contentsOfDirectory(atPath: events).sorted()
        var takes: [[String: Any]] = []
        var summaries: [[String: Any]] = []
        for name in names {
            let text = CronFixture.read(events + "/" + name)
            #expect(!text.contains(sim.key), "\(name) carries the API key")
            if name.hasSuffix(".env") {
                #expect(!text.contains("RUNNINGHUB_API_KEY"), "the hook's environment has RUNNINGHUB_API_KEY")
                continue
            }
            let lines = text.split(separator: "\n")
            #expect(lines.count == 1, "one JSON object per hook run: \(text)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            if object["type"] as? String == "summary" { summaries.append(object) } else { takes.append(object) }
        }
        #expect(summaries.count == 1)
        #expect(summaries.first?["exitCode"] as? Int == 0)
        #expect(takes.count == 3, "\(takes)")
        #expect(Set(takes.compactMap { $0["row"] as? String }) == ["shot001", "shot002", "shot003"])
        for take in takes {
            #expect(take["state"] as? String == "done")
            #expect(take["taskId"] is String)
            let clip = try #require(take["clip"] as? String)
            #expect(FileManager.default.fileExists(atPath: clip), "the clip \(clip) is not on disk when the hook runs")
            let sidecar = try #require(take["sidecar"] as? String)
            #expect(FileManager.default.fileExists(atPath: sidecar))
            let cost = try #require(take["cost"] as? [String: Any])
            let estimate = try #require(cost["estimate"] as? [String: Any], "\(cost)")
            // The account's currency (the simulator's is USD); an ISO code, never a bare number.
            #expect(estimate["amount"] is String && (estimate["currency"] as? String)?.count == 3, "\(cost)")
            let charged = try #require(cost["charged"] as? [String: Any], "\(cost)")
            #expect(charged["amount"] is String && charged["currency"] is String, "\(cost)")
            #expect(take["error"] is NSNull)
        }
    }

    @Test("a hook that sleeps forever is killed after --hook-timeout; the run finishes and says so")
    func hangingHookDoesNotStallTheRun() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 2, in: scratch)
        let out = scratch.path("out")
        let log = scratch.path("run.log")
        let marker = scratch.path("hook-started")
        let result = try await runVeobatch(
            ["run", manifest, "--out", out, "--log-file", log, "--on-event", "touch '\(marker)'; sleep 100000", "--hook-timeout", "0.5"] + fastRunOptions,
            environment: sim.environment)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: marker), "the hook never ran")
        let states = try await CronFixture.states(out: out)
        #expect(states.values.allSatisfy { $0 == "done" } && states.count == 2)
        let text = CronFixture.read(log)
        // Two takes and the summary: three hooks, each killed.
        #expect(text.components(separatedBy: "was killed (--hook-timeout)").count - 1 == 3, "\(text)")
    }

    @Test("a failing hook is logged with its exit status and the run still ends 0")
    func failingHookIsLogged() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 1, in: scratch)
        let log = scratch.path("run.log")
        let result = try await runVeobatch(
            ["run", manifest, "--out", scratch.path("out"), "--quiet", "--log-file", log, "--on-event", "echo broken >&2; exit 3"] + fastRunOptions,
            environment: sim.environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let text = CronFixture.read(log)
        #expect(text.contains("hook failed (exit 3)") && text.contains("broken"), "\(text)")
    }
}
