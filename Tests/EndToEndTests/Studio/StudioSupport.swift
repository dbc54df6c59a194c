import Foundation
import RunningHubSimulator
import Subprocess
import TestSupport
#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// The example manifest rendered once on a fresh simulator into a scratch folder.
struct RenderedExample {
    let scratch: TemporaryFolder
    let manifest: String
    let out: String
    let result: CommandOutcome

    /// Runs `veobatch run` on a copy of `manifests/example` with `extra` arguments, the simulator
    /// playing `faults` first.
    static func run(_ extra: [String], progress: [String] = ["--no-progress"], faults: [ScriptedFault] = []) async throws -> RenderedExample {
        let scratch = try TemporaryFolder()
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        if !faults.isEmpty { await sim.server.script(faults) }
        let manifest = try copyExampleFolder(to: scratch)
        let out = scratch.path("out")
        let options = ["--poll-interval", "0.1", "--test-time-scale", "0.001", "--settle", "0"] + progress
        let result = try await runVeobatch(["run", manifest, "--out", out] + options + extra, environment: sim.environment)
        return RenderedExample(scratch: scratch, manifest: manifest, out: out, result: result)
    }

    var reportFolder: String { out + "/shots" }

    /// `veobatch status --json` of the output folder, as plain JSON objects.
    func statusJobs() async throws -> [[String: Any]] {
        let status = try await runVeobatch(["status", "--out", out, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let manifests = object?["manifests"] as? [[String: Any]] ?? []
        return manifests.flatMap { $0["jobs"] as? [[String: Any]] ?? [] }
    }
}

/// The take names of the example manifest (ten jobs: nine rows, one with two takes).
let exampleTakes: Set<String> = [
    "opening", "opening-take2", "title-card", "shot010", "shot020", "shot020-lowprice", "shot030", "shot040", "shot040-more", "shot050",
]

/// Where tests keep what a person may want to look at afterwards (screenshots); under `.build`,
/// so never in git. `VEOBATCH_TEST_ARTIFACTS` moves it.
func artifactFolder(_ name: String) throws -> String {
    let base =
        ProcessInfo.processInfo.environment["VEOBATCH_TEST_ARTIFACTS"]
        ?? repositoryRoot.appendingPathComponent(".build/test-artifacts").path
    let folder = (base as NSString).appendingPathComponent(name)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// Runs an executable with a time limit (`timeout(1)`), collecting its output.
func runTool(_ path: String, _ arguments: [String], seconds: Int = 120, environment: [String: String] = [:]) async throws -> CommandOutcome
{
    var updates: [Environment.Key: String?] = [:]
    for (name, value) in environment { updates[Environment.Key(stringLiteral: name)] = value }
    let result = try await Subprocess.run(
        .path(FilePath("/usr/bin/timeout")),
        arguments: Arguments(["-k", "5", String(seconds), path] + arguments),
        environment: .inherit.updating(updates),
        output: .string(limit: 16 << 20),
        error: .string(limit: 16 << 20))
    return CommandOutcome(result)
}
