import Foundation
import Subprocess
import Testing
import TestSupport

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A rerun right after an interrupted run counts the tasks it resumes as its own: it does not
/// idle until the next periodic queue-status read (30 s) before its next submit.
@Suite("Cron: resume without idling")
struct CronResumeTests {
    @Test("after SIGTERM, the rerun's waits end on prompt queue-status reads, never a periodic one")
    func rerunAfterSigtermDoesNotIdle() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        // Tasks last long enough that the interrupted run leaves them live on the account.
        let sim = try await SimulatorHarness.start(concurrentLimit: 2, taskSeconds: 1.5)
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 5, in: scratch)
        let out = scratch.path("out")
        let firstLog = scratch.path("first.log")
        var updates: [Environment.Key: String?] = [:]
        for (name, value) in sim.environment { updates[Environment.Key(stringLiteral: name)] = value }
        let first = try await Subprocess.run(
            .path(FilePath(Binaries.veobatch)),
            arguments: Arguments(["run", manifest, "--out", out, "--quiet", "--log-file", firstLog, "--concurrency", "2"] + fastRunOptions),
            environment: .inherit.updating(updates), input: .none, output: .discarded, error: .discarded
        ) { execution in
            // SIGTERM once two tasks are on RunningHub (their ids are in the journal by then).
            for _ in 0..<600 {
                if CronFixture.read(firstLog).components(separatedBy: "Submitted as task").count - 1 >= 2 { break }
                try? await Task.sleep(for: .milliseconds(50))
            }
            try? execution.send(signal: .terminate)
        }
        #expect(first.terminationStatus == .exited(130), "\(first.terminationStatus)")
        let live = try await CronFixture.states(out: out).values.filter { $0 == "queued" || $0 == "running" }
        // Two places, so two live tasks; a third when the signal lands after a task's place was
        // given back (its end seen on RunningHub) and the next job submitted, but before the
        // finished one was written down as downloading: it then still reads `running` here.
        #expect((2...3).contains(live.count), "the interrupted run should leave its live tasks: \(live.count)")

        // The rerun with the real queue-status interval (30 s): a periodic read would mean it idled.
        let log = scratch.path("rerun.log")
        let rerun = try await runVeobatch(
            ["run", manifest, "--out", out, "--verbose", "--no-progress", "--log-file", log, "--concurrency", "2", "--poll-interval", "0.1", "--settle", "0"],
            environment: sim.environment)
        #expect(rerun.exitCode == 0, "\(rerun.stdout)\n\(rerun.stderr)")
        let reads = CronFixture.read(log).split(separator: "\n").filter { $0.contains("Queue status read") }
        #expect(!reads.isEmpty)
        #expect(!reads.contains { $0.contains("(periodic)") }, "the rerun idled until a periodic read:\n\(reads.joined(separator: "\n"))")
        // The first read already counts the resumed tasks as ours.
        #expect(reads.first?.contains("foreign=0") == true, "\(reads.first ?? "")")
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 5)
        #expect(stats.submitsByFingerprint.values.allSatisfy { $0 == 1 })
    }
}
