import Foundation
import RunningHubSimulator
import Testing
import TestSupport

/// The API key stays secret (issue 5, item 4): never in output, logs, journal, reports or
/// sidecars, never sent to file URLs, and never read from a file others can read.
@Suite("Reliability: secrets")
struct ReliabilitySecretTests {
    @Test("a verbose, logged run through faults never shows the key or the Authorization header")
    func verboseLoggedRunKeepsTheKeySecret() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2, seed: 0x5EC2_E7) { configuration in
            configuration.slowBodyChunkDelay = 0.01
        }
        defer { Task { await sim.stop() } }
        // Faults that make curl and the client write errors into the log.
        await sim.server.script([
            ScriptedFault(route: .upload, fault: .dropConnection),
            ScriptedFault(route: .upload, fault: .http503),
            ScriptedFault(route: .queueStatus, fault: .http500),
            ScriptedFault(route: .submit, fault: .capacity(code: "421")),
            ScriptedFault(route: .submit, fault: .failTask(code: "1501")),
            ScriptedFault(route: .query, fault: .dropConnection),
            ScriptedFault(route: .query, fault: .truncatedBody),
            ScriptedFault(route: .download, fault: .truncatedBody),
            ScriptedFault(route: .download, fault: .http503),
            ScriptedFault(route: .download, fault: .dropConnection),
        ])
        let keyFile = scratch.path("runninghub.key")
        try (sim.key + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        let manifest = try writeManifest(in: scratch)
        let out = scratch.path("out")
        let log = scratch.path("veobatch.log")
        let fromFile = ["RUNNINGHUB_BASE_URL": sim.baseURL]

        var commands: [CommandOutcome] = []
        let first = try await runVeobatch(
            ["run", manifest, "--out", out, "--verbose", "--log-file", log, "--api-key-file", keyFile] + reliabilityRunOptions,
            environment: fromFile)
        commands.append(first)
        #expect(first.exitCode == 1, "one row fails by design: \(first.stderr)")
        // Again with the key from the environment, then the read-only commands.
        commands.append(try await runVeobatch(
            ["run", manifest, "--out", out, "--verbose", "--log-file", log, "--log-format", "json"] + reliabilityRunOptions,
            environment: sim.environment))
        commands.append(try await runVeobatch(["status", "--out", out, "--verbose"], environment: sim.environment))
        commands.append(try await runVeobatch(["status", "--out", out, "--json"], environment: sim.environment))
        commands.append(try await runVeobatch(["account", "--verbose", "--log-file", log], environment: sim.environment))
        let stats = await sim.server.stats()

        let logText = try String(contentsOfFile: log, encoding: .utf8)
        // The log is really verbose and really saw the faults: otherwise this test proves nothing.
        #expect(logText.contains("debug") || logText.contains("DEBUG"), "no debug lines in the log")
        #expect(logText.lowercased().contains("fail"), "no failure was logged")
        let status = try await DetailedStatus.load(out: out)
        #expect(status.jobs.filter { $0.state == "done" }.count == 5)

        for secret in secretForms(of: sim.key) {
            #expect(!logText.contains(secret), "the log file contains the key")
            for command in commands {
                #expect(!command.stdout.contains(secret), "stdout contains the key")
                #expect(!command.stderr.contains(secret), "stderr contains the key")
            }
        }
        // Nor the header that carries it, in any spelling.
        for header in ["bearer", "authorization"] {
            #expect(!logText.lowercased().contains(header), "the log file shows the \(header) header")
            for command in commands {
                #expect(!(command.stdout + command.stderr).lowercased().contains(header), "output shows the \(header) header")
            }
        }
        for secret in secretForms(of: sim.key) {
            let hits = filesContaining(secret, under: out)
            #expect(hits.isEmpty, "the key is in \(hits)")
        }
        // The journal files themselves were searched, WAL included.
        let journalFiles = try FileManager.default.contentsOfDirectory(atPath: out + "/.veobatch")
        #expect(journalFiles.contains("journal.sqlite"), "\(journalFiles)")
        #expect(stats.authHeaderOnFileURLs == 0, "an upload or result URL received the Authorization header")
        #expect(stats.downloads > 0 && stats.uploads > 0)
    }

    @Test("a key file others can read is refused with exit 2, naming the file, and nothing is sent")
    func readableKeyFileIsRefused() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 3, seed: 0)
        defer { Task { await sim.stop() } }
        let keyFile = scratch.path("shared.key")
        try (sim.key + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        let manifest = try writeTextManifest(rows: 2, in: scratch)
        let environment = ["RUNNINGHUB_BASE_URL": sim.baseURL]

        for mode in [0o644, 0o640, 0o604] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: keyFile)
            for arguments in [
                ["run", manifest, "--out", scratch.path("out"), "--api-key-file", keyFile] + reliabilityRunOptions,
                ["account", "--api-key-file", keyFile],
                ["plan", manifest, "--api-key-file", keyFile],
            ] {
                let outcome = try await runVeobatch(arguments, environment: environment)
                #expect(outcome.exitCode == 2, "\(arguments[0]) with mode \(String(mode, radix: 8)) exited \(outcome.exitCode)")
                #expect(outcome.stderr.contains(keyFile), "the message does not name the key file: \(outcome.stderr)")
                #expect(outcome.stderr.contains("chmod 600"), "the message does not say how to fix it: \(outcome.stderr)")
                for secret in secretForms(of: sim.key) {
                    #expect(!outcome.stdout.contains(secret) && !outcome.stderr.contains(secret))
                }
            }
        }
        let stats = await sim.server.stats()
        #expect(stats.requestsByRoute.values.reduce(0, +) == 0, "requests reached the simulator: \(stats.requestsByRoute)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out") + "/.veobatch/journal.sqlite"), "a refused run made a journal")
    }

    /// Six rows, one with frames to upload; `[ROW]` prompts.
    func writeManifest(in scratch: TemporaryFolder) throws -> String {
        let frames = try writeDistinctFrames(count: 2, in: scratch.url, tag: "secret")
        var text = "id,model,prompt,aspect_ratio,resolution,first_frame,last_frame\n"
        for index in 1...5 {
            text += "s\(index),rhart-video-v3.1-fast/text-to-video,\"[s\(index)] Rain on the quay, take \(index).\",16:9,720p,,\n"
        }
        text += "pair,rhart-video-v3.1-fast/start-end-to-video,\"[pair] The tide goes out.\",16:9,720p,\(frames[0]),\(frames[1])\n"
        let path = scratch.path("secrets.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
