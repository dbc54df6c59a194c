import Foundation
import Testing
import TestSupport

/// Drop folders: a frame still being copied in is neither uploaded nor paid for, and a frame
/// that changes after it was checked is never submitted. Modification times are set explicitly:
/// nothing here depends on how fast the machine is.
@Suite("Cron: settling files")
struct CronSettleTests {
    @Test("a frame touched 1 s before the run waits (exit 1) while the others render; the next run renders it")
    func recentFrameWaits() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        try CronFixture.frames(in: scratch)
        let manifest = try CronFixture.frameManifest(in: scratch)
        let fresh = scratch.path("shot020.jpg")
        try CronFixture.setModified(fresh, secondsAgo: 1)
        let out = scratch.path("out")
        let log = scratch.path("run.log")
        // A window far longer than any start-up, so a loaded machine cannot age the frame past it
        // before the run looks (fastRunOptions' "--settle 0" is overridden by the later flag).
        let arguments = ["run", manifest, "--out", out, "--log-file", log] + fastRunOptions + ["--settle", "300"]

        let first = try await runVeobatch(arguments, environment: sim.environment)
        #expect(first.exitCode == 1, "\(first.stdout)\n\(first.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.uploads == 2, "uploads: \(stats.uploads)")
        #expect(stats.uploadBytes == CronFixture.size(scratch.path("shot010_start.png")) + CronFixture.size(scratch.path("shot010_end.png")),
                "something other than the settled pair was uploaded")
        #expect(stats.tasksCreated == 1)
        var states = try await CronFixture.states(out: out)
        #expect(states["pair"] == "done")
        #expect(states["single"] == nil || states["single"] == "pending")
        #expect(first.stdout.contains("Waiting: ") && first.stdout.contains("shot020.jpg changed"), "\(first.stdout)")
        #expect(CronFixture.read(log).contains("--settle 300"), "the log does not say why the row waits")

        // An hour later (as far as the file is concerned), cron runs again.
        try CronFixture.setModified(fresh, secondsAgo: 3600)
        let second = try await runVeobatch(arguments, environment: sim.environment)
        #expect(second.exitCode == 0, "\(second.stdout)\n\(second.stderr)")
        states = try await CronFixture.states(out: out)
        #expect(states["single"] == "done")
        let after = await sim.server.stats()
        #expect(after.tasksCreated == 2)
        #expect(after.uploads == 3)
        #expect(after.submitsByFingerprint.values.allSatisfy { $0 == 1 })
    }

    @Test("scan flags a settling file")
    func scanFlagsSettlingFiles() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let shots = scratch.path("shots")
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let example = repositoryRoot.appendingPathComponent("manifests/example")
        for name in ["shot010_start.png", "shot010_end.png", "shot020.jpg"] {
            try FileManager.default.copyItem(atPath: example.appendingPathComponent(name).path, toPath: shots + "/" + name)
            try CronFixture.setModified(shots + "/" + name, secondsAgo: 3600)
        }
        try CronFixture.setModified(shots + "/shot020.jpg", secondsAgo: 2)
        let result = try await runVeobatch(["scan", shots, "--settle", "300"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let flagged = result.stdout.split(separator: "\n").filter { $0.contains("settling") }
        #expect(flagged.count == 1 && flagged.first?.contains("shot020.jpg") == true, "\(result.stdout)")
    }

    @Test("a frame rewritten between validation and upload is not submitted; the next run renders the new content")
    func changedAfterValidationIsNotSubmitted() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start()
        defer { Task { await sim.stop() } }
        try CronFixture.frames(in: scratch, ["shot020.jpg"])
        let manifest = scratch.path("one.csv")
        try """
            id,model,prompt,aspect_ratio,resolution,first_frame
            single,rhart-video-v3.1-fast-official/image-to-video,"[single] Slow push-in.",16:9,720p,shot020.jpg

            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let out = scratch.path("out")
        // Appending a byte keeps the JPEG readable but changes its hash, right before the upload.
        let change = "printf x >> \"$VEOBATCH_UPLOAD_PATH\""
        let first = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions + ["--test-before-upload", change], environment: sim.environment)
        #expect(first.exitCode == 1, "\(first.stdout)\n\(first.stderr)")
        #expect(await sim.server.stats().tasksCreated == 0, "a changed input was submitted")
        #expect(try await CronFixture.states(out: out)["single"] == "pending")
        #expect(first.stdout.contains("changed after it was checked"), "\(first.stdout)")

        let second = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(second.exitCode == 0, "\(second.stdout)\n\(second.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 1)
        // The upload of the changed content was not cached: the second run uploaded again.
        #expect(stats.uploads == 2)
    }
}
