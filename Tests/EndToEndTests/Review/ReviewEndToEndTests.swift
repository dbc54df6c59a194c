import Foundation
import RunningHubSimulator
import Testing
import TestSupport

/// The review round a studio runs after a batch: look (versions, probes, flags), select, export.
@Suite("Review: versions, select, probes, export")
struct ReviewEndToEndTests {
    @Test("OTIO and EDL exports of the example load in the real OTIO readers: nine rows in order, the right files and probed durations")
    func exportsLoadInRealReaders() async throws {
        try requireFFmpeg()
        let run = try await RenderedExample.run(["--quiet"])
        defer { run.scratch.remove() }
        #expect(run.result.exitCode == 0, "stderr: \(run.result.stderr)")

        let otioFile = run.scratch.path("cut.otio")
        let edlFile = run.scratch.path("cut.edl")
        let otio = try await runVeobatch(["export", "--out", run.out, "--format", "otio", "--output", otioFile])
        #expect(otio.exitCode == 0, "\(otio.stderr)")
        #expect(otio.stdout.contains("9 clips, 0 gaps, 24 fps"), "\(otio.stdout)")
        let edl = try await runVeobatch(["export", "--out", run.out, "--format", "edl", "--output", edlFile])
        #expect(edl.exitCode == 0, "\(edl.stderr)")

        // What each row's current clip is, and how long ffprobe says it is.
        let expected = exampleRows.map { row -> (row: String, path: String, seconds: Double) in
            let path = run.reportFolder + "/\(row)/\(row).mp4"
            return (row, path, ffprobeDuration(path) ?? -1)
        }
        #expect(expected.allSatisfy { $0.seconds > 0 })

        let fromOTIO = try await readTimeline(otioFile)
        #expect(fromOTIO.name == "shots")
        #expect(fromOTIO.videoTracks == 1)
        #expect(fromOTIO.items.map(\.name) == exampleRows)
        #expect(fromOTIO.items.allSatisfy { $0.schema == "Clip" && $0.reference == "ExternalReference" })
        for (item, want) in zip(fromOTIO.items, expected) {
            #expect(item.url.flatMap { URL(string: $0)?.path } == want.path, "\(item.name): \(item.url ?? "nil")")
            #expect(abs(item.seconds - want.seconds) <= 1.0 / 24 + 0.001, "\(item.name): \(item.seconds) s, ffprobe \(want.seconds) s")
            #expect(item.rate == 24)
        }
        // The prompt and the cost ride along as metadata.
        let text = try String(contentsOfFile: otioFile, encoding: .utf8)
        #expect(text.contains("Aerial shot over a quiet fishing harbour"))
        #expect(text.contains("\"cost\""))

        let fromEDL = try await readTimeline(edlFile, rate: 24)
        #expect(fromEDL.items.map(\.name) == exampleRows)
        for (item, want) in zip(fromEDL.items, expected) {
            #expect(item.reference == "ExternalReference")
            #expect(item.url == want.path, "\(item.name): \(item.url ?? "nil")")
            #expect(abs(item.seconds - want.seconds) <= 1.0 / 24 + 0.001, "\(item.name): \(item.seconds) s, ffprobe \(want.seconds) s")
        }
    }

    @Test("A row without a clip is a gap of its requested length with a marker (OTIO) and a black event with a locator (EDL)")
    func rowsWithoutClipAreGaps() async throws {
        try requireFFmpeg()
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        // The first submit fails: one of the three rows has no clip.
        await sim.server.script([ScriptedFault(route: .submit, fault: .failTask(code: "1501"))])
        let manifest = try writeTextManifest(rows: 3, in: scratch)
        let out = scratch.path("out")
        let run = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(run.exitCode == 1, "\(run.stderr)")
        let otioFile = scratch.path("cut.otio")
        let edlFile = scratch.path("cut.edl")
        let otio = try await runVeobatch(["export", "--out", out, "--format", "otio", "--output", otioFile])
        #expect(otio.stdout.contains("2 clips, 1 gap, 24 fps"), "\(otio.stdout) \(otio.stderr)")
        #expect(try await runVeobatch(["export", "--out", out, "--format", "edl", "--output", edlFile]).exitCode == 0)
        let fromOTIO = try await readTimeline(otioFile)
        #expect(fromOTIO.items.map(\.name) == ["shot001", "shot002", "shot003"])
        let gaps = fromOTIO.items.filter { $0.schema == "Gap" }
        #expect(gaps.count == 1)
        // The low-price text-to-video asks 8 s (its only length).
        #expect(gaps.allSatisfy { abs($0.seconds - 8) < 0.001 && $0.markers.count == 1 }, "\(gaps)")
        #expect(gaps.first?.markers.first?.contains("no clip (failed)") == true, "\(gaps.map(\.markers))")
        let fromEDL = try await readTimeline(edlFile)
        #expect(fromEDL.items.map(\.name) == ["shot001", "shot002", "shot003"])
        let black = fromEDL.items.filter { $0.generator == "black" }
        #expect(black.map(\.name) == gaps.map(\.name))
        #expect(zip(black, gaps).allSatisfy { abs($0.seconds - $1.seconds) < 0.001 && $0.markers.count == 1 })
        #expect(fromEDL.items.filter { $0.reference == "ExternalReference" }.count == 2)
    }

    @Test("select moves ROW.current.mp4 and the export to the chosen take; bad row, take or version exit 2 naming what exists")
    func selectChangesCurrentClipAndExport() async throws {
        try requireFFmpeg()
        let run = try await RenderedExample.run(["--quiet"])
        defer { run.scratch.remove() }
        #expect(run.result.exitCode == 0, "stderr: \(run.result.stderr)")
        let link = run.reportFolder + "/opening/opening.current.mp4"
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "opening.mp4")
        #expect(try Data(contentsOf: URL(fileURLWithPath: link)) == Data(contentsOf: URL(fileURLWithPath: run.reportFolder + "/opening/opening.mp4")))

        let chosen = try await runVeobatch(["select", "--out", run.out, "opening", "--take", "2"])
        #expect(chosen.exitCode == 0, "\(chosen.stderr)")
        #expect(chosen.stdout.contains("shots/opening/opening.current.mp4"), "\(chosen.stdout)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "opening-take2.mp4")
        #expect(try Data(contentsOf: URL(fileURLWithPath: link)) == Data(contentsOf: URL(fileURLWithPath: run.reportFolder + "/opening/opening-take2.mp4")))

        let otioFile = run.scratch.path("cut.otio")
        #expect(try await runVeobatch(["export", "--out", run.out, "--format", "otio", "--output", otioFile]).exitCode == 0)
        let timeline = try await readTimeline(otioFile)
        #expect(timeline.items.first?.url.flatMap { URL(string: $0)?.path } == run.reportFolder + "/opening/opening-take2.mp4")

        // status and report.json say which clip stands for the row, and that it was chosen.
        let status = try await runVeobatch(["status", "--out", run.out])
        #expect(status.stdout.contains("* chosen"), "\(status.stdout)")
        let manifest = try await statusManifest(run.out)
        let current = (manifest["currentClips"] as? [[String: Any]] ?? []).first { $0["row"] as? String == "opening" }
        #expect(current?["take"] as? Int == 2)
        #expect(current?["chosen"] as? Bool == true)
        let report = try String(contentsOfFile: run.reportFolder + "/report.json", encoding: .utf8)
        #expect(report.contains("\"chosen\" : true"))

        // The journal gained the selection migration after v1; the manifest is untouched.
        let manifestText = try String(contentsOfFile: run.manifest, encoding: .utf8)
        #expect(!manifestText.contains("take2"))

        let badTake = try await runVeobatch(["select", "--out", run.out, "opening", "--take", "3"])
        #expect(badTake.exitCode == 2)
        #expect(badTake.stderr.contains("takes with a clip: 1, 2"), "\(badTake.stderr)")
        let badVersion = try await runVeobatch(["select", "--out", run.out, "opening", "--take", "2", "--version", "2"])
        #expect(badVersion.exitCode == 2)
        #expect(badVersion.stderr.contains("versions: 1 (opening-take2.mp4)"), "\(badVersion.stderr)")
        let badRow = try await runVeobatch(["select", "--out", run.out, "closing", "--take", "1"])
        #expect(badRow.exitCode == 2)
        #expect(badRow.stderr.contains("No row closing") && badRow.stderr.contains("opening, title-card"), "\(badRow.stderr)")
        // A refused choice changed nothing.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "opening-take2.mp4")
    }

    @Test("A clip shorter than asked is probed, kept and flagged in status, the run summary and the report")
    func shortClipIsFlagged() async throws {
        try requireFFmpeg()
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        // The first submit's clip lasts 3 s although 8 s are asked (the low-price channel's only length).
        await sim.server.script([ScriptedFault(route: .submit, fault: .clipSeconds(3))])
        let manifest = try writeTextManifest(rows: 2, in: scratch)
        let out = scratch.path("out")
        let run = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(run.exitCode == 0, "the clip is kept: \(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains("Flagged: 1 clip does not match the request"), "\(run.stdout)")
        #expect(run.stdout.contains("duration 3 s, asked 8 s"), "\(run.stdout)")
        #expect(await sim.server.stats().tasksCreated == 2, "a flagged clip is not rendered again")

        let manifestStatus = try await statusManifest(out)
        let jobs = manifestStatus["jobs"] as? [[String: Any]] ?? []
        let flagged = jobs.filter { !(($0["flags"] as? [[String: Any]]) ?? []).isEmpty }
        #expect(flagged.count == 1)
        let flags = flagged.first?["flags"] as? [[String: Any]] ?? []
        #expect(flags.first?["field"] as? String == "duration")
        for job in jobs {
            let probe = try #require(job["probe"] as? [String: Any], "every clip is probed")
            #expect(probe["width"] as? Int == 1280 && probe["height"] as? Int == 720)
            // One picture held for the clip's length: ffprobe's rate is 1/length, but it is read.
            #expect((probe["frameRate"] as? String)?.isEmpty == false)
            #expect(probe["hasAudio"] as? Bool == true)
        }
        let table = try await runVeobatch(["status", "--out", out])
        #expect(table.stdout.contains("FLAGGED duration 3 s, asked 8 s"), "\(table.stdout)")
        let html = try String(contentsOfFile: out + "/batch/report.html", encoding: .utf8)
        #expect(html.contains("Does not match the request"))
        // Flagged rows come first in the report.
        let flaggedRow = try #require(flagged.first?["row"] as? String)
        let firstRow = html.range(of: "<section class=\"row\" id=\"row-")
        #expect(firstRow.map { html[$0.upperBound...].hasPrefix(flaggedRow) } == true)
        // The sidecar keeps the figures.
        let sidecar = try String(contentsOfFile: out + "/batch/\(flaggedRow)/\(flaggedRow).json", encoding: .utf8)
        #expect(sidecar.contains("\"durationSeconds\""))
        #expect(sidecar.contains("\"field\" : \"duration\""))
    }

    @Test("Without the media worker a run says so once and carries on; clips are kept unprobed")
    func missingWorkerIsSaidOnce() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 3, in: scratch)
        let out = scratch.path("out")
        var environment = sim.environment
        environment["VEOBATCH_MEDIA_WORKER"] = scratch.path("no-such-veobatch-media")
        let run = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: environment)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "veobatch-media was not found").count - 1 == 1, "\(run.stderr)")
        let table = try await runVeobatch(["status", "--out", out])
        #expect(table.stdout.contains("unprobed"))
    }

    @Test("A re-render goes beside the first clip: v1 and its sidecar stay byte for byte, status lists both versions, the link follows")
    func reRenderKeepsFirstVersion() async throws {
        try requireFFmpeg()
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let manifest = scratch.path("reel.csv")
        func write(prompt: String) throws {
            try "id,model,prompt,seed,duration,resolution,aspect_ratio\nshot,rhart-video-v3.1-fast-official/text-to-video,\(prompt),7,4,720p,16:9\n"
                .write(toFile: manifest, atomically: true, encoding: .utf8)
        }
        try write(prompt: "A heron lifts off the reeds at dawn")
        let out = scratch.path("out")
        #expect(try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment).exitCode == 0)
        let folder = out + "/reel/shot"
        let firstClip = try Data(contentsOf: URL(fileURLWithPath: folder + "/shot.mp4"))
        let firstSidecar = try Data(contentsOf: URL(fileURLWithPath: folder + "/shot.json"))

        try write(prompt: "A heron lands in the reeds at dusk")
        let again = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/shot.mp4")) == firstClip)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/shot.json")) == firstSidecar, "the first version's sidecar was rewritten")
        #expect(FileManager.default.fileExists(atPath: folder + "/shot.v2.mp4"))
        #expect(FileManager.default.fileExists(atPath: folder + "/shot.v2.json"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/shot.current.mp4") == "shot.v2.mp4")

        let status = try await runVeobatch(["status", "--out", out])
        #expect(status.stdout.contains("reel/shot/shot.mp4") || status.stdout.contains("shot/shot.mp4"), "\(status.stdout)")
        #expect(status.stdout.contains("shot/shot.v2.mp4"), "\(status.stdout)")
        let versions = try await statusManifest(out)["jobs"] as? [[String: Any]]
        let listed = versions?.first?["versions"] as? [[String: Any]] ?? []
        #expect(listed.map { $0["version"] as? Int } == [1, 2])
        #expect(listed.allSatisfy { $0["seed"] as? Int == 7 && $0["date"] != nil })

        // Going back to the first version is a choice, and the link follows it.
        let back = try await runVeobatch(["select", "--out", out, "shot", "--take", "1", "--version", "1"])
        #expect(back.exitCode == 0, "\(back.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/shot.current.mp4") == "shot.mp4")
    }
}
