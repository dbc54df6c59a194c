import Foundation
import RunningHubSimulator
import Subprocess
import Testing
import TestSupport

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// `veobatch run` as a user runs it: the built binary against `rh-sim` on loopback.
@Suite("veobatch run end to end")
struct RunEndToEndTests {
    @Test("the example manifest renders every clip, and a rerun sends nothing")
    func exampleManifestCompletesAndRerunIsFree() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try copyExampleFolder(to: scratch)
        let out = scratch.path("out")

        let first = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(first.exitCode == 0, "stdout: \(first.stdout)\nstderr: \(first.stderr)")

        // Ten jobs: nine rows, one of them with two takes.
        let clips = files(in: out + "/shots", endingWith: ".mp4")
        #expect(clips.count == 10, "\(clips)")
        for name in ["opening/opening.mp4", "opening/opening-take2.mp4", "shot040-more/shot040-more.mp4", "shot050/shot050.mp4"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/shots/\(name)"), "missing \(name)")
        }
        do {
            try requireFFprobe()
            for clip in clips { #expect((ffprobeDuration(clip) ?? 0) > 0, "ffprobe rejects \(clip)") }
            // The chained extend is its input plus 7 s twice: 1.5 s clip → 8.5 s → 15.5 s.
            let chained = try #require(ffprobeDuration("\(out)/shots/shot040-more/shot040-more.mp4"))
            #expect(abs(chained - 15.5) < 0.6, "chained extend lasts \(chained) s")
        }
        for report in ["report.csv", "report.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/shots/\(report)"), "missing \(report)")
        }
        #expect(!first.stdout.contains(sim.key) && !first.stderr.contains(sim.key))

        let before = await sim.server.stats()
        #expect(before.tasksCreated == 10)
        #expect(before.submitsByFingerprint.values.allSatisfy { $0 == 1 })
        #expect(before.authHeaderOnFileURLs == 0)

        let second = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(second.exitCode == 0, "stderr: \(second.stderr)")
        let after = await sim.server.stats()
        #expect(after.uploads == before.uploads, "a rerun uploaded again")
        #expect(after.tasksCreated == before.tasksCreated, "a rerun submitted again")
        #expect(after.requestsByRoute["submit", default: 0] == before.requestsByRoute["submit", default: 0])
    }

    @Test("two runs on one output folder: one of them exits 3 at once")
    func secondRunIsLockedOut() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 2)
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 3, in: scratch)
        let out = scratch.path("out")
        let arguments = ["run", manifest, "--out", out] + fastRunOptions

        async let a = runVeobatch(arguments, environment: sim.environment)
        async let b = runVeobatch(arguments, environment: sim.environment)
        let codes = try await [a.exitCode, b.exitCode].sorted()
        #expect(codes == [0, 3], "exit codes \(codes)")
        #expect(await sim.server.stats().tasksCreated == 3)
    }

    @Test("a concurrency limit of 2 with 10 rows never has more than 2 tasks in flight")
    func concurrencyLimitIsHonoured() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        // Tasks long enough that two overlap even when the machine is busy with other suites
        // (at 0.4 s a loaded run once finished each task before the next submit arrived).
        let sim = try await SimulatorHarness.start(concurrentLimit: 2, taskSeconds: 1.5)
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 10, in: scratch)
        let out = scratch.path("out")

        let result = try await runVeobatch(["run", manifest, "--out", out, "--concurrency", "8"] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 10)
        #expect(stats.maxInFlightPerKey.values.max() == 2, "\(stats.maxInFlightPerKey)")
        #expect(stats.rejectedSubmits == 0, "the run pushed past the account's limit")
        #expect(files(in: out + "/batch", endingWith: ".mp4").count == 10)
    }
}
