import Foundation
import RunningHubSimulator
import Testing
import TestSupport

/// Chains of extends as a user writes them: `@ROW` rows by hand, and the `extend_times` shorthand.
/// Every run goes through the built `veobatch` binary against `rh-sim` on loopback.
@Suite("Chained extends end to end")
struct ChainEndToEndTests {
    static let textToVideo = "rhart-video-v3.1-fast-official/text-to-video"
    static let extend = "rhart-video-v3.1-fast-official/video-extend"

    /// `base` (8 s text-to-video) and `links` extends `link01 …`, each of the row before; each
    /// prompt names its link so the simulator's task list shows the order of submits.
    static func chainManifest(links: Int, in scratch: TemporaryFolder) throws -> String {
        var text = "id,model,prompt,duration,resolution,aspect_ratio,video\n"
        text += "base,\(textToVideo),Link 0: a lighthouse on a cliff at dusk,8,720p,16:9,\n"
        var previous = "base"
        for index in 1...links {
            let id = String(format: "link%02d", index)
            text += "\(id),\(extend),Link \(index): the beam keeps sweeping the bay,,720p,,@\(previous)\n"
            previous = id
        }
        let path = scratch.path("chain.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("an 8 s clip and 20 chained extends render one after another into a 148 s clip")
    func twentyExtendsReach148Seconds() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = try Self.chainManifest(links: 20, in: scratch)
        let out = scratch.path("out")

        let result = try await runVeobatch(
            ["run", manifest, "--out", out, "--concurrency", "8"] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")

        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 21)
        #expect(stats.rejectedSubmits == 0)
        // Each link needs the clip of the one before: never two tasks at once, despite --concurrency 8.
        #expect(stats.maxInFlightPerKey.values.max() == 1, "\(stats.maxInFlightPerKey)")
        let prompts = await sim.server.tasks().sorted { $0.created < $1.created }.map { $0.prompt ?? "" }
        #expect(prompts.map { $0.prefix { $0 != ":" } } == (0...20).map { Substring("Link \($0)") })

        let final = "\(out)/chain/link20/link20.mp4"
        #expect(FileManager.default.fileExists(atPath: final))
        do {
            try requireFFprobe()
            let base = try #require(ffprobeDuration("\(out)/chain/base/base.mp4"))
            #expect(abs(base - 8) < 0.1, "base lasts \(base) s")
            for index in 1...20 {
                let id = String(format: "link%02d", index)
                let seconds = try #require(ffprobeDuration("\(out)/chain/\(id)/\(id).mp4"), "ffprobe rejects \(id)")
                #expect(abs(seconds - Double(8 + 7 * index)) < 0.1, "\(id) lasts \(seconds) s, not \(8 + 7 * index) s")
            }
            #expect(abs((ffprobeDuration(final) ?? 0) - 148) < 0.1)
        }
    }

    @Test("a 21st extend is refused with file:line:column before anything is uploaded or submitted")
    func twentyFirstExtendIsRefusedBeforeSending() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        let manifest = try Self.chainManifest(links: 21, in: scratch)
        let expected =
            "\(manifest):23:7: error: row 'link21' would be extension 21 of the chain that starts at row 'base' (line 2, 8 s); Veo extends a clip at most 20 times (8 s + 20 × 7 s = 148 s)"

        let validate = try await runVeobatch(["validate", manifest])
        #expect(validate.exitCode == 2)
        #expect(validate.stderr.contains(expected), "stderr: \(validate.stderr)")

        let run = try await runVeobatch(["run", manifest, "--out", scratch.path("out")] + fastRunOptions, environment: sim.environment)
        #expect(run.exitCode == 2, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(run.stderr.contains(expected), "stderr: \(run.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.uploads == 0)
        #expect(stats.tasksCreated == 0)
        #expect(stats.requestsByRoute.isEmpty, "requests were sent: \(stats.requestsByRoute)")
    }

    @Test("extend_times 3: plan lists the chain with prices, run renders 8, 15, 22 and 29 s clips")
    func shorthandPlansAndRuns() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("harbour.csv")
        try """
        id,model,prompt,duration,resolution,aspect_ratio,extend_times,x_shot
        hero,\(Self.textToVideo),"The harbour at dawn, boats rocking gently",8,720p,16:9,3,SG-7

        """.write(toFile: manifest, atomically: true, encoding: .utf8)

        let plan = try await runVeobatch(["plan", manifest])
        #expect(plan.exitCode == 0, "stderr: \(plan.stderr)")
        let lines = plan.stdout.split(separator: "\n").map(String.init)
        let heads = lines.filter { !$0.hasPrefix(" ") && !$0.hasPrefix("Total") }
        #expect(
            heads == [
                "hero  line 2  take 1  google/veo3.1-fast/text-to-video-official-stable  7.04 CNY list price (unverified)",
                "hero-ext1  line 2  take 1  google/veo3.1-fast/video-extend-official-stable  6.56 CNY list price (unverified)",
                "hero-ext2  line 2  take 1  google/veo3.1-fast/video-extend-official-stable  6.56 CNY list price (unverified)",
                "hero-ext3  line 2  take 1  google/veo3.1-fast/video-extend-official-stable  6.56 CNY list price (unverified)",
            ], "\(plan.stdout)")
        #expect(
            lines.filter { $0.hasPrefix("  input video") } == [
                "  input video ← @hero", "  input video ← @hero-ext1", "  input video ← @hero-ext2",
            ])
        #expect(lines.last == "Total: 4 jobs, 26.72 CNY at list prices (the embedded 2026-04 table, unverified)")

        let run = try await runVeobatch(["run", manifest, "--out", scratch.path("out")] + fastRunOptions, environment: sim.environment)
        #expect(run.exitCode == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(await sim.server.stats().tasksCreated == 4)
        let expectedSeconds = ["hero": 8.0, "hero-ext1": 15, "hero-ext2": 22, "hero-ext3": 29]
        for (id, seconds) in expectedSeconds {
            let clip = scratch.path("out/harbour/\(id)/\(id).mp4")
            #expect(FileManager.default.fileExists(atPath: clip), "missing \(clip)")
            do {
                try requireFFprobe()
                let length = ffprobeDuration(clip) ?? 0
                #expect(abs(length - seconds) < 0.1, "\(id) lasts \(length) s, not \(seconds) s")
            }
        }

        let status = try await runVeobatch(["status", "--out", scratch.path("out"), "--json"])
        #expect(status.exitCode == 0)
        let jobs = try StatusDocument.rows(in: Data(status.stdout.utf8))
        #expect(jobs.map(\.id).sorted() == ["hero", "hero-ext1", "hero-ext2", "hero-ext3"])
        #expect(jobs.allSatisfy { $0.state == "done" }, "\(jobs)")
        // The generated rows carry the row's own columns into the report.
        let report = try String(contentsOfFile: scratch.path("out/harbour/report.csv"), encoding: .utf8)
        #expect(report.split(separator: "\n").filter { $0.contains("hero-ext") && $0.contains("SG-7") }.count == 3, "\(report)")

        // Raising extend_times to 5 keeps the three extensions done and renders two more.
        let longer = try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: ",16:9,3,SG-7", with: ",16:9,5,SG-7")
        try longer.write(toFile: manifest, atomically: true, encoding: .utf8)
        let again = try await runVeobatch(["run", manifest, "--out", scratch.path("out")] + fastRunOptions, environment: sim.environment)
        #expect(again.exitCode == 0, "stdout: \(again.stdout)\nstderr: \(again.stderr)")
        #expect(await sim.server.stats().tasksCreated == 6)
        do {
            try requireFFprobe()
            let last = ffprobeDuration(scratch.path("out/harbour/hero-ext5/hero-ext5.mp4")) ?? 0
            #expect(abs(last - 43) < 0.1, "hero-ext5 lasts \(last) s, not 43 s")
        }
    }
}
