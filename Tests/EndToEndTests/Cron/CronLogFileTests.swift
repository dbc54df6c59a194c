import Foundation
import Testing
import TestSupport

/// `--log-file` is where a cron run tells its story: every state change, the summary, and every
/// error that stops a run, whatever `--quiet` keeps off the terminal.
@Suite("Cron: --log-file")
struct CronLogFileTests {
    @Test("--quiet --log-file: a line per state change and the summary; stdout keeps only the summary")
    func quietRunLogsEveryStateChange() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 3, in: scratch)
        let out = scratch.path("out")
        let log = scratch.path("run.log")
        let result = try await runVeobatch(["run", manifest, "--out", out, "--quiet", "--log-file", log] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(!result.stdout.contains("→"), "--quiet printed state changes: \(result.stdout)")

        let text = CronFixture.read(log)
        let lines = text.split(separator: "\n").map(String.init)
        for row in ["shot001", "shot002", "shot003"] {
            let changes = lines.filter { $0.contains(" \(row) ") && $0.contains("→") }
            // new → pending, pending → submitting, submitting → queued|running, … → downloading, downloading → done
            #expect(changes.count >= 4, "\(row): \(changes)")
            #expect(changes.contains { $0.contains("submitting → ") }, "\(row): \(changes)")
            #expect(changes.contains { $0.contains("downloading → done") }, "\(row): \(changes)")
        }
        #expect(text.contains("batch: 3 jobs"), "no summary in the log:\n\(text)")
        #expect(text.contains("exit 0"), "no exit status in the log:\n\(text)")
        #expect(!text.contains(sim.key), "the API key reached the log")

        // A second run appends (rotate-friendly: the file is opened per run, never truncated).
        let again = try await runVeobatch(["run", manifest, "--out", out, "--quiet", "--log-file", log] + fastRunOptions, environment: sim.environment)
        #expect(again.exitCode == 0)
        let after = CronFixture.read(log)
        #expect(after.hasPrefix(text), "the second run did not append")
        #expect(after.components(separatedBy: "started (pid").count == 3, "one start line per run expected")
    }

    @Test("the same lines without --quiet, and with --log-format json as JSON objects")
    func everyModeLogs() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 2, in: scratch)
        let log = scratch.path("json.log")
        let result = try await runVeobatch(
            ["run", manifest, "--out", scratch.path("out"), "--log-format", "json", "--log-file", log] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = CronFixture.read(log).split(separator: "\n")
        #expect(lines.count >= 10)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] is String, "not a JSON log line: \(line)")
        }
        #expect(lines.contains { $0.contains("downloading → done") })
    }

    @Test("a refused manifest writes each diagnostic to the log file (exit 2, nothing sent)")
    func refusedManifestIsLogged() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("bad.csv")
        try """
            id,model,prompt,aspect_ratio
            a,rhart-video-v3.1-fast/text-to-video,"A harbour.",16:9
            b,rhart-video-v3.1-fast/text-to-video,"A lighthouse.",5:4
            c,no-such/model,"A boat.",16:9

            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let log = scratch.path("run.log")
        let result = try await runVeobatch(["run", manifest, "--out", scratch.path("out"), "--quiet", "--log-file", log] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 2)
        let text = CronFixture.read(log)
        #expect(text.contains("bad.csv:3:"), "line 3's diagnostic is missing:\n\(text)")
        #expect(text.contains("bad.csv:4:"), "line 4's diagnostic is missing:\n\(text)")
        #expect(text.contains(" error "), "diagnostics are not logged as errors:\n\(text)")
        #expect(await sim.server.stats().tasksCreated == 0)
    }

    @Test("a log file that cannot be opened is a usage error on every command")
    func unopenableLogFile() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        // A regular file where the log's folder should be: no folder can be made there.
        try Data().write(to: URL(fileURLWithPath: scratch.path("blocker")))
        for command in [["models"], ["status", "--out", scratch.path("out")], ["validate", scratch.path("none.csv")]] {
            let result = try await runVeobatch(command + ["--log-file", scratch.path("blocker/x.log")])
            #expect(result.exitCode == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("--log-file"), "\(command): \(result.stderr)")
        }
    }
}
