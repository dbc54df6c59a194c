import Foundation
import Testing
import TestSupport

/// `--skip-invalid`: the good rows render, the invalid ones (and rows whose `@ROW` input is one of
/// them) are listed with their diagnostics, and the run exits 1. Without it nothing is sent.
@Suite("Cron: --skip-invalid")
struct CronSkipInvalidTests {
    func manifest(in scratch: TemporaryFolder) throws -> String {
        let path = scratch.path("mixed.csv")
        try """
            id,model,prompt,aspect_ratio,resolution,video
            good,rhart-video-v3.1-fast/text-to-video,"[good] A harbour at dawn.",16:9,720p,
            bad,rhart-video-v3.1-fast/text-to-video,"[bad] A lighthouse.",5:4,720p,
            after-bad,rhart-video-v3.1-fast-official/video-extend,"[after-bad] Continue.",,720p,@bad
            also-good,rhart-video-v3.1-fast/text-to-video,"[also-good] Boats.",16:9,720p,

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("renders the valid rows, lists the invalid ones and those chained to them, exits 1")
    func skipsInvalidRows() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let path = try manifest(in: scratch)
        let out = scratch.path("out")
        let log = scratch.path("run.log")
        let result = try await runVeobatch(["run", path, "--out", out, "--skip-invalid", "--log-file", log] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 1, "\(result.stdout)\n\(result.stderr)")
        let states = try await CronFixture.states(out: out)
        #expect(states == ["good": "done", "also-good": "done"], "\(states)")
        #expect(await sim.server.stats().tasksCreated == 2)
        #expect(result.stderr.contains("mixed.csv:3:"), "\(result.stderr)")
        #expect(result.stderr.contains(": bad: "), "\(result.stderr)")
        #expect(result.stderr.contains(": after-bad: its video is @bad"), "\(result.stderr)")
        #expect(CronFixture.read(log).contains("after-bad"), "the skipped rows are not in the log")
    }

    @Test("without --skip-invalid the same manifest stops everything (exit 2, nothing sent)")
    func strictByDefault() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let result = try await runVeobatch(["run", try manifest(in: scratch), "--out", scratch.path("out")] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 2)
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 0 && stats.uploads == 0)
    }
}
