import Crypto
import Foundation
import RunningHubSimulator
import Subprocess
import TestSupport

#if canImport(System)
import System
#else
import SystemPackage
#endif

// What the reliability suites share: a simulator shaped per test, the journal and status read
// back, settling unknown submits the way a person would, and the simulator's own bytes.

/// Run options for the reliability suites: the fast timings plus a poll cap high enough that
/// many tasks in flight never wait on the cap.
let reliabilityRunOptions = fastRunOptions + ["--max-polls-per-second", "200"]

/// One job of the journal as the tests need it, read with the `sqlite3` command-line tool so the
/// test reads the file itself, not through veobatch.
struct JournalJob: Decodable {
    var id: Int
    var rowID: String
    var take: Int
    var outputName: String
    var state: String
    var isCurrent: Int
    var taskID: String?
    var errorCode: String?
    var errorMessage: String?
    var resultURL: String?
    var outputPath: String?
    var outputSHA256: String?
    var outputSize: Int64?
}

enum JournalFile {
    static func path(out: String) -> String { out + "/.veobatch/journal.sqlite" }

    /// Runs one statement; the `-json` rows as data (empty output means no rows). Not
    /// `-readonly`: after a SIGKILL inside a transaction of a rollback-journal folder the journal
    /// is hot, and SQLite rolls it back on the next open (as veobatch's next run would); a
    /// read-only connection cannot, and fails with "attempt to write a readonly database".
    static func query(out: String, _ sql: String) async throws -> Data {
        let result = try await Subprocess.run(
            .path(FilePath("/usr/bin/sqlite3")), arguments: ["-json", path(out: out), sql],
            output: .string(limit: 16 << 20), error: .string(limit: 1 << 20))
        guard case .exited(0) = result.terminationStatus else {
            throw ReliabilityFailure("sqlite3 failed on \(path(out: out)): \(result.standardError)")
        }
        return Data(result.standardOutput.utf8)
    }

    static func jobs(out: String, currentOnly: Bool = true) async throws -> [JournalJob] {
        let data = try await query(
            out: out,
            "SELECT id, rowID, take, outputName, state, isCurrent, taskID, errorCode, errorMessage, resultURL, outputPath, outputSHA256, outputSize FROM jobs"
                + (currentOnly ? " WHERE isCurrent = 1" : "") + " ORDER BY id")
        if data.allSatisfy({ $0 == 0x0A || $0 == 0x20 }) { return [] }
        return try JSONDecoder().decode([JournalJob].self, from: data)
    }

    /// `PRAGMA integrity_check` as SQLite answers it: "ok" when the file is sound.
    static func integrity(out: String) async throws -> String {
        let result = try await Subprocess.run(
            .path(FilePath("/usr/bin/sqlite3")), arguments: ["-readonly", path(out: out), "PRAGMA integrity_check;"],
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The parts of `veobatch status --json` the reliability suites check, error and clip included.
struct DetailedStatus: Decodable {
    struct Manifest: Decodable { var manifest: String; var jobs: [Job] }
    struct Failure: Decodable { var code: String?; var message: String? }
    struct Clip: Decodable { var path: String; var sha256: String?; var size: Int64?; var missing: Bool }
    struct Job: Decodable {
        var row: String
        var take: Int
        var outputName: String
        var state: String
        var taskId: String?
        var error: Failure?
        var output: Clip?
    }

    var manifests: [Manifest]
    var jobs: [Job] { manifests.flatMap(\.jobs) }

    static func load(out: String, environment: [String: String] = [:]) async throws -> DetailedStatus {
        let outcome = try await runVeobatch(["status", "--out", out, "--json"], environment: environment)
        guard outcome.exitCode == 0 else { throw ReliabilityFailure("status --json exited \(outcome.exitCode): \(outcome.stderr)") }
        return try JSONDecoder().decode(DetailedStatus.self, from: Data(outcome.stdout.utf8))
    }
}

struct ReliabilityFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a person does with `unknown` rows: find the task in the console (the simulator's task
/// list, matched by the `[TAG]` at the start of every prompt) and attach it, or allow one new
/// submit when RunningHub never created one. Returns (attached, resubmitted).
@discardableResult
func settleUnknownRows(
    out: String, sim: SimulatorHarness, log: inout [CommandOutcome], environment extra: [String: String] = [:]
) async throws -> (attached: Int, resubmitted: Int) {
    let environment = sim.environment.merging(extra) { _, forced in forced }
    // A run killed before it opened its journal left nothing to settle.
    guard FileManager.default.fileExists(atPath: JournalFile.path(out: out)) else { return (0, 0) }
    let unknown = try await DetailedStatus.load(out: out, environment: environment).jobs.filter { $0.state == "unknown" }
    guard !unknown.isEmpty else { return (0, 0) }
    let tasks = await sim.server.tasks()
    var attached = 0, resubmitted = 0
    for job in unknown {
        // Task ids already attached to another job of this folder are not this row's.
        let candidates = tasks.filter { $0.prompt?.hasPrefix("[\(job.outputName)]") == true }
        let arguments: [String]
        if let task = candidates.last {
            arguments = ["resolve", "--out", out, job.outputName, "--task-id", task.taskID]
            attached += 1
        } else {
            arguments = ["resolve", "--out", out, job.outputName, "--resubmit"]
            resubmitted += 1
        }
        let outcome = try await runVeobatch(arguments, environment: environment)
        log.append(outcome)
        guard outcome.exitCode == 0 else { throw ReliabilityFailure("\(arguments.joined(separator: " ")) exited \(outcome.exitCode): \(outcome.stderr)") }
    }
    return (attached, resubmitted)
}

/// SHA-256 of a file's bytes, hex.
func sha256Hex(ofFileAt path: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// The bytes the simulator serves at `url`, fetched with the `curl` tool (no Authorization
/// header), retried while the simulator's own faults cut the answer short: curl fails on a
/// short body or a 5xx, so a success is the whole file.
func servedBytes(at url: String, scratch: TemporaryFolder) async throws -> Data {
    let target = scratch.path("served-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(atPath: target) }
    var last = ""
    for _ in 0..<25 {
        let result = try await Subprocess.run(
            .path(FilePath("/usr/bin/curl")), arguments: ["-sS", "--fail", "--max-time", "30", "-o", target, url],
            output: .discarded, error: .string(limit: 1 << 16))
        if case .exited(0) = result.terminationStatus { return try Data(contentsOf: URL(fileURLWithPath: target)) }
        last = result.standardError
    }
    throw ReliabilityFailure("The simulator never served \(url) whole: \(last)")
}

/// The simulator's own answer for a task (`POST /openapi/v2/query`), retried through faults.
func simulatorTask(_ taskID: String, sim: SimulatorHarness) async throws -> (status: String, code: String, message: String) {
    var last = ""
    for _ in 0..<25 {
        let result = try await Subprocess.run(
            .path(FilePath("/usr/bin/curl")),
            arguments: ["-sS", "--fail", "--max-time", "30", "-X", "POST", "-H", "Authorization: Bearer \(sim.key)",
                        "-H", "Content-Type: application/json", "--data", "{\"taskId\":\"\(taskID)\"}", sim.baseURL + "/openapi/v2/query"],
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 16))
        last = result.standardOutput
        if case .exited(0) = result.terminationStatus,
           let object = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any],
           let status = object["status"] as? String, object["taskId"] as? String == taskID {
            return (status, object["errorCode"] as? String ?? "", object["errorMessage"] as? String ?? "")
        }
    }
    throw ReliabilityFailure("The simulator never answered a query for task \(taskID) whole: \(last)")
}

/// Every regular file under `folder` (hidden ones included, e.g. `.veobatch/journal.sqlite-wal`)
/// whose bytes contain `needle`.
func filesContaining(_ needle: String, under folder: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
    let bytes = Data(needle.utf8)
    var hits: [String] = []
    for case let relative as String in walker {
        let path = folder + "/" + relative
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else { continue }
        if data.range(of: bytes) != nil { hits.append(path) }
    }
    return hits
}

/// The secret parts of a test key: the whole key and its random tail, in case a prefix was cut.
func secretForms(of key: String) -> [String] {
    let tail = String(key.split(separator: "-", maxSplits: 2).last ?? Substring(key))
    return [key, tail]
}

/// Copies of `manifests/example/shot010_start.png` made distinct by bytes after the PNG's end
/// (every copy is a different upload), named `frame-N.png` in `folder`.
func writeDistinctFrames(count: Int, in folder: URL, tag: String) throws -> [String] {
    let source = try Data(contentsOf: repositoryRoot.appendingPathComponent("manifests/example/shot010_start.png"))
    return try (1...count).map { index in
        let name = "frame-\(tag)-\(index).png"
        try (source + Data("veobatch reliability frame \(tag) \(index)".utf8)).write(to: folder.appendingPathComponent(name))
        return name
    }
}

/// Starts `veobatch` and sends SIGKILL once `moment` returns (unless it ended first); collects
/// its output (for the secret search) and how it ended.
func runThenKill(
    _ arguments: [String], environment: [String: String], moment: @escaping @Sendable () async -> Void
) async throws -> CommandOutcome {
    var updates: [Environment.Key: String?] = [:]
    for (name, value) in environment { updates[Environment.Key(stringLiteral: name)] = value }
    let result = try await Subprocess.run(
        .path(FilePath(Binaries.veobatch)), arguments: Arguments(arguments),
        environment: .inherit.updating(updates), input: .none, output: .string(limit: 4 << 20), error: .string(limit: 4 << 20)
    ) { execution in
        await moment()
        try? execution.send(signal: .kill)
    }
    let stdout = result.standardOutput, stderr = result.standardError
    switch result.terminationStatus {
    case .exited(let code): return CommandOutcome(exitCode: Int32(code), stdout: stdout, stderr: stderr, killedBySignal: nil)
    case .signaled(let signal): return CommandOutcome(exitCode: -1, stdout: stdout, stderr: stderr, killedBySignal: Int32(signal))
    }
}
