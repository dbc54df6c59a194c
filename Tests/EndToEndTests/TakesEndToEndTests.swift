import Foundation
import RunningHubSimulator
import Testing
import TestSupport

/// `takes = N` as a user writes it: N independent renders of one row, each its own task and clip.
@Suite("Takes end to end")
struct TakesEndToEndTests {
    @Test("takes 3 on a seeded endpoint sends seeds 100, 101, 102; takes 2 on a seedless one sends two tasks")
    func takesAreIndependentTasksWithDistinctSeeds() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("takes.csv")
        try """
        id,model,prompt,seed,duration,resolution,aspect_ratio,takes
        seeded,rhart-video-v3.1-fast-official/text-to-video,A red kite climbs over the dunes,100,4,720p,16:9,3
        cheap,rhart-video-v3.1-fast/text-to-video,A paper boat drifts down the gutter,,,720p,16:9,2

        """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let out = scratch.path("out")

        let result = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")

        let clips = files(in: out + "/takes", endingWith: ".mp4").map { String($0.dropFirst(out.count + "/takes/".count)) }
        #expect(
            clips == [
                "cheap/cheap-take2.mp4", "cheap/cheap.mp4",
                "seeded/seeded-take2.mp4", "seeded/seeded-take3.mp4", "seeded/seeded.mp4",
            ])

        let tasks = await sim.server.tasks()
        #expect(tasks.count == 5)
        let seeded = tasks.filter { $0.endpoint == "rhart-video-v3.1-fast-official/text-to-video" }
        #expect(seeded.compactMap(\.seed).sorted() == [100, 101, 102], "\(seeded)")
        #expect(Set(seeded.map(\.fingerprint)).count == 3, "three takes sent the same body")
        let cheap = tasks.filter { $0.endpoint == "rhart-video-v3.1-fast/text-to-video" }
        #expect(cheap.count == 2)
        #expect(cheap.allSatisfy { $0.seed == nil })

        // Every take is its own job in the journal, done, with its own task.
        let status = try await runVeobatch(["status", "--out", out, "--json"])
        let document = try JSONDecoder().decode(StatusDocument.self, from: Data(status.stdout.utf8))
        let jobs = document.manifests.flatMap(\.jobs)
        #expect(jobs.map { "\($0.row)#\($0.take)" }.sorted() == ["cheap#1", "cheap#2", "seeded#1", "seeded#2", "seeded#3"])
        #expect(jobs.allSatisfy { $0.state == "done" })
        #expect(Set(jobs.compactMap(\.taskID)) == Set(tasks.map(\.taskID)))

        // A rerun renders nothing again.
        let again = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(again.exitCode == 0)
        #expect(await sim.server.stats().tasksCreated == 5)
    }
}
