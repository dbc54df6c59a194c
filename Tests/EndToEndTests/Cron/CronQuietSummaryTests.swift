import Foundation
import RunningHubSimulator
import Testing
import TestSupport

/// What `veobatch run` keeps for its summary, seen from outside: a cron run (`--quiet`, no hook,
/// no log) lists only the takes that need a look, with counts over every take; the plan it keeps
/// on disk needs a writable `TMPDIR`, and without one nothing is sent.
@Suite("Cron: the quiet summary and the plan on disk")
struct CronQuietSummaryTests {
    @Test("--quiet without hook or log: the failed take is listed, the done ones only counted")
    func quietListsWhatNeedsALook() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        // The first submit's task fails (1505: not retried without --retry-failed).
        await sim.server.script([ScriptedFault(route: .submit, fault: .failTask(code: "1505"))])
        let manifest = try writeTextManifest(rows: 3, in: scratch)
        let result = try await runVeobatch(["run", manifest, "--out", scratch.path("out"), "--quiet"] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("batch: 3 jobs — 2 done, 1 failed.") == true, "\(lines)")
        let takes = lines.filter { $0.hasPrefix("  shot") }
        #expect(takes.count == 1, "\(lines)")
        #expect(takes.first?.contains(" failed ") == true, "\(lines)")
    }

    @Test("an unwritable TMPDIR stops the run before anything is sent, naming the folder")
    func planNeedsTemporaryFolder() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 2, in: scratch)
        let missing = scratch.path("no-such-folder")
        var environment = sim.environment
        environment["TMPDIR"] = missing
        let result = try await runVeobatch(["run", manifest, "--out", scratch.path("out"), "--quiet"] + fastRunOptions, environment: environment)
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains(missing), "\(result.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 0)
        #expect(stats.uploads == 0)
    }
}
