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

/// A run killed with SIGKILL at any moment, then run again, loses nothing and pays once.
@Suite("SIGKILL and rerun")
struct KillAndRerunTests {
    /// Starts `veobatch` and kills it with SIGKILL after `delay` (if it is still running).
    func runAndKill(after delay: Double, _ arguments: [String], environment: [String: String]) async throws -> CommandOutcome {
        var updates: [Environment.Key: String?] = [:]
        for (name, value) in environment { updates[Environment.Key(stringLiteral: name)] = value }
        let result = try await Subprocess.run(
            .path(FilePath(Binaries.veobatch)), arguments: Arguments(arguments),
            environment: .inherit.updating(updates), input: .none, output: .discarded, error: .discarded
        ) { execution in
            try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            try? execution.send(signal: .kill)
        }
        switch result.terminationStatus {
        case .exited(let code): return CommandOutcome(exitCode: Int32(code), stdout: "", stderr: "", killedBySignal: nil)
        case .signaled(let signal): return CommandOutcome(exitCode: -1, stdout: "", stderr: "", killedBySignal: Int32(signal))
        }
    }

    @Test("killed at many moments across upload, submit, poll and download, every job is submitted exactly once")
    func killedRunsLoseNothingAndPayOnce() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(concurrentLimit: 4, taskSeconds: 0.6)
        defer { Task { await sim.stop() } }
        let manifest = try writeMixedManifest(in: scratch)
        let out = scratch.path("out")
        let arguments = ["run", manifest, "--out", out] + fastRunOptions

        var kills = 0
        for delay in [0.03, 0.08, 0.15, 0.25, 0.4, 0.55, 0.75, 1.0, 1.3, 1.7] {
            let outcome = try await runAndKill(after: delay, arguments, environment: sim.environment)
            if outcome.killedBySignal == SIGKILL { kills += 1 }
        }
        #expect(kills >= 5, "only \(kills) runs were still going when killed")

        // Run to the end; a kill that landed mid-submit leaves the row `unknown`, which a user
        // settles with the task id from the console (here: the simulator's task list).
        var final = try await runVeobatch(arguments, environment: sim.environment)
        for _ in 0..<3 where final.exitCode == 1 {
            let unknown = try unknownRows(out: out)
            #expect(!unknown.isEmpty, "exit 1 without unknown rows: \(final.stdout) \(final.stderr)")
            let tasks = await sim.server.tasks()
            for row in unknown {
                if let task = tasks.first(where: { $0.prompt?.contains("[\(row)]") == true }) {
                    let resolved = try await runVeobatch(["resolve", "--out", out, row, "--task-id", task.taskID], environment: sim.environment)
                    #expect(resolved.exitCode == 0, "resolve: \(resolved.stderr)")
                } else {
                    let resolved = try await runVeobatch(["resolve", "--out", out, row, "--resubmit"], environment: sim.environment)
                    #expect(resolved.exitCode == 0, "resolve: \(resolved.stderr)")
                }
            }
            final = try await runVeobatch(arguments, environment: sim.environment)
        }
        #expect(final.exitCode == 0, "stdout: \(final.stdout)\nstderr: \(final.stderr)")

        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 8, "tasks created: \(stats.tasksCreated)")
        #expect(stats.submitsByFingerprint.values.allSatisfy { $0 == 1 }, "double submit: \(stats.submitsByFingerprint)")
        #expect(files(in: out, endingWith: ".part").isEmpty, "a .part file was left behind")
        #expect(files(in: out + "/mixed", endingWith: ".mp4").count == 8)
    }

    /// Eight jobs: six text rows and two that upload frames, prompts tagged `[ROW]`.
    func writeMixedManifest(in scratch: TemporaryFolder) throws -> String {
        let example = repositoryRoot.appendingPathComponent("manifests/example")
        for name in ["shot010_start.png", "shot010_end.png", "shot020.jpg"] {
            try FileManager.default.copyItem(at: example.appendingPathComponent(name), to: scratch.url.appendingPathComponent(name))
        }
        var text = "id,model,prompt,aspect_ratio,resolution,first_frame,last_frame\n"
        for index in 1...6 {
            text += "t\(index),rhart-video-v3.1-fast/text-to-video,\"[t\(index)] The harbour at dawn, take \(index).\",16:9,720p,,\n"
        }
        text += "pair,rhart-video-v3.1-fast/start-end-to-video,\"[pair] Night turns to sunrise.\",16:9,720p,shot010_start.png,shot010_end.png\n"
        text += "frame,rhart-video-v3.1-pro/start-end-to-video,\"[frame] The nebula turns slowly.\",16:9,720p,shot020.jpg,\n"
        let path = scratch.path("mixed.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Rows the journal holds as `unknown`, read through `veobatch status --json`.
    func unknownRows(out: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.veobatch)
        process.arguments = ["status", "--out", out, "--json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try StatusDocument.rows(in: data).filter { $0.state == "unknown" }.map(\.id)
    }
}
