import Foundation
import RunningHubSimulator
import Subprocess
import Testing
import TestSupport

/// The whole corpus through the built `veobatch run` against a live simulator: every case exits 2
/// and not one request reaches the simulator — bad input costs nothing and sends nothing.
@Suite("Hostile manifests through veobatch run")
struct HostileRunCommandTests {
    private static let width = 3

    @Test func everyCaseExitsTwoAndSendsNothing() async throws {
        let veobatch = try Binaries.built("veobatch")
        let scratch = try TemporaryFolder()
        let cases = try HostileCorpus.writeAll(into: scratch.path)
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let environment = Dictionary(uniqueKeysWithValues: sim.environment.map { (Environment.Key(stringLiteral: $0.key), Optional($0.value)) })

        let outcomes = try await HostileRun.each(cases, width: Self.width) { hostile in
            let out = hostile.manifestPath + ".out"
            return try await HostileRun.command(veobatch, ["run", hostile.manifestPath, "--out", out, "--no-progress"], environment: environment)
        }

        #expect(outcomes.count == cases.count)
        for (hostile, run) in outcomes {
            #expect(run.exitCode == 2, "\(hostile.name): exit \(run.exitCode); stderr: \(run.stderr)")
            #expect(run.stderr.contains(hostile.expectedPrefix), "\(hostile.name): no '\(hostile.expectedPrefix)' in: \(run.stderr)")
        }
        let stats = await sim.server.stats()
        #expect(stats.requestsByRoute.values.reduce(0, +) == 0, "requests reached the simulator: \(stats.requestsByRoute)")
        #expect(stats.uploads == 0 && stats.tasksCreated == 0)
    }
}
