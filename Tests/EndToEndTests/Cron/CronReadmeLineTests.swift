import Foundation
import Subprocess
import Testing
import TestSupport

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The crontab line the README gives, run as cron would (through /bin/sh, a bare PATH, no
/// terminal), against the simulator: it renders, logs and calls its hook.
@Suite("Cron: the README's crontab line")
struct CronReadmeLineTests {
    /// The command part of the README's cron line (after `cd /studio && `).
    static func readmeCommand() throws -> String {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix("*/10 * * * * cd /studio && ") && $0.contains("--on-event") })
        return String(line.dropFirst("*/10 * * * * cd /studio && ".count))
    }

    @Test("runs as cron runs it: exit 0, the log has the story, the hook got every take")
    func readmeLineWorks() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        _ = try writeTextManifest(rows: 2, in: scratch, name: "seq.csv")
        try FileManager.default.createDirectory(atPath: scratch.path("scripts"), withIntermediateDirectories: true)
        let hook = scratch.path("scripts/notify.sh")
        try "#!/bin/sh\ncat >> \"$(dirname \"$0\")/../events.jsonl\"\n".write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let command = try Self.readmeCommand()
            .replacingOccurrences(of: "veobatch run", with: "'\(Binaries.veobatch)' run")
            + " --test-time-scale 0.001 --poll-interval 0.1"
        // cron's environment: a bare PATH, no terminal, the key from the crontab's environment.
        let environment: [Environment.Key: String] = [
            "PATH": "/usr/bin:/bin", "HOME": scratch.path, "RUNNINGHUB_API_KEY": sim.key, "RUNNINGHUB_BASE_URL": sim.baseURL,
        ]
        let result = try await Subprocess.run(
            .path(FilePath("/bin/sh")), arguments: ["-c", command], environment: .custom(environment),
            workingDirectory: FilePath(scratch.path), output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        #expect(result.terminationStatus == .exited(0), "\(command)\n\(result.standardOutput ?? "")\n\(result.standardError ?? "")")
        let log = CronFixture.read(scratch.path("renders/run.log"))
        #expect(log.contains("downloading → done") && log.contains("seq: 2 jobs"), "\(log)")
        let events = CronFixture.read(scratch.path("events.jsonl")).split(separator: "\n")
        #expect(events.count == 3, "two takes and the summary: \(events)")
        #expect(!log.contains(sim.key) && !events.contains { $0.contains(sim.key) })
    }
}
