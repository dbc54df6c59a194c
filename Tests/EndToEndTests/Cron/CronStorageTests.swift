import Foundation
import Subprocess
import Testing
import TestSupport

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Studio storage: on a network filesystem (stubbed through VEOBATCH_TEST_FS_TYPE, which
/// replaces what statfs says) the journal uses SQLite's rollback journal, never WAL, the run
/// lock is a POSIX record lock that still keeps a second run out, and `status` says which.
@Suite("Cron: studio storage")
struct CronStorageTests {
    @Test("on a (stubbed) NFS folder: rollback journal, no -wal file, a second run exits 3, status says so")
    func networkFolderUsesRollbackJournal() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 1.0)
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 3, in: scratch)
        let out = scratch.path("out")
        let nfs = sim.environment.merging(["VEOBATCH_TEST_FS_TYPE": "nfs"]) { _, new in new }
        var updates: [Environment.Key: String?] = [:]
        for (name, value) in nfs { updates[Environment.Key(stringLiteral: name)] = value }
        let log = scratch.path("first.log")
        // While the first run works (its lock held), a second run on the folder must stop at once.
        let first = try await Subprocess.run(
            .path(FilePath(Binaries.veobatch)),
            arguments: Arguments(["run", manifest, "--out", out, "--quiet", "--log-file", log] + fastRunOptions),
            environment: .inherit.updating(updates), input: .none, output: .discarded, error: .discarded
        ) { _ in
            for _ in 0..<600 {
                if CronFixture.read(log).contains("Submitted as task") { break }
                try? await Task.sleep(for: .milliseconds(20))
            }
            let second = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: nfs)
            #expect(second.exitCode == 3, "a second run on a locked network folder: \(second.exitCode) \(second.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/.veobatch/journal.sqlite-wal"), "WAL on a network filesystem")
        }
        #expect(first.terminationStatus == .exited(0))
        #expect(CronFixture.read(log).contains("rollback journal"), "the run does not say it left WAL off")
        let mode = String(decoding: try await JournalFile.query(out: out, "PRAGMA journal_mode"), as: UTF8.self)
        #expect(mode.contains("delete"), "\(mode)")
        let lockText = CronFixture.read(out + "/.veobatch/lock")
        #expect(lockText.contains(ProcessInfo.processInfo.hostName), "the lock file does not name the host: \(lockText)")

        let status = try await runVeobatch(["status", "--out", out], environment: nfs)
        #expect(status.exitCode == 0)
        #expect(status.stdout.contains("rollback journal (no WAL on a network filesystem (nfs))"), "\(status.stdout)")
        #expect(status.stdout.contains("POSIX record lock"), "\(status.stdout)")
        let local = try await runVeobatch(["status", "--out", scratch.path("out")])
        #expect(local.stdout.contains("WAL on local disk"), "\(local.stdout)")
    }

    @Test("--state-dir keeps the journal on a local disk; the lock stays in the output folder")
    func stateDirectoryHoldsTheJournal() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 2, in: scratch)
        let out = scratch.path("out")
        let state = scratch.path("state")
        let nfs = sim.environment.merging(["VEOBATCH_TEST_FS_TYPE": "nfs"]) { _, new in new }
        let result = try await runVeobatch(["run", manifest, "--out", out, "--state-dir", state] + fastRunOptions, environment: nfs)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/.veobatch/journal.sqlite"))
        #expect(FileManager.default.fileExists(atPath: out + "/.veobatch/lock"))
        let journals = files(in: state, endingWith: "journal.sqlite")
        #expect(journals.count == 1, "\(journals)")
        let status = try await runVeobatch(["status", "--out", out, "--state-dir", state])
        #expect(status.exitCode == 0 && status.stdout.contains("done"), "\(status.stdout)")
        #expect(status.stdout.contains("Journal: \(state)"), "\(status.stdout)")
        // A rerun with the same --state-dir finds the work done and sends nothing new.
        let again = try await runVeobatch(["run", manifest, "--out", out, "--state-dir", state] + fastRunOptions, environment: nfs)
        #expect(again.exitCode == 0)
        #expect(await sim.server.stats().tasksCreated == 2)
    }
}
