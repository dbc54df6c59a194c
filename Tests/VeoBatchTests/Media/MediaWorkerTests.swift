import Foundation
import MediaWorkerProtocol
import Testing
import TestSupport
@testable import VeoBatch

/// veobatch-media, through the client veobatch uses: what it reads and draws is checked with the
/// ffprobe CLI, and its faults (a damaged file, a killed, crashed or hung worker) with real processes.
@Suite("Media worker: probes, pictures, faults")
struct MediaWorkerTests {
    @Test("A probe says what the ffprobe CLI says of the same file: duration, size, rate, audio, codec",
          arguments: [(rate: "30000/1001", audio: true), (rate: "24", audio: false)])
    func probeMatchesFFprobe(rate: String, audio: Bool) async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let clip = scratch.path("clip.mp4")
        try MediaTestFiles.clip(at: clip, size: "320x180", rate: rate, seconds: 2, audio: audio)
        let worker = try MediaTestFiles.worker()
        let probe = try await worker.probe(path: clip).get()

        let cli = try MediaTestFiles.ffprobe(clip)
        let streams = try #require(cli["streams"] as? [[String: Any]])
        let video = try #require(streams.first { $0["codec_type"] as? String == "video" })
        let format = try #require(cli["format"] as? [String: Any])
        let duration = try #require((format["duration"] as? String).flatMap(Double.init))
        #expect(abs(probe.durationSeconds - duration) < 0.000_001, "worker \(probe.durationSeconds) s, ffprobe \(duration) s")
        #expect(probe.width == video["width"] as? Int && probe.height == video["height"] as? Int)
        let cliRate = [video["r_frame_rate"], video["avg_frame_rate"]].compactMap { $0 as? String }.first { $0 != "0/0" }
        #expect(probe.frameRate == cliRate)
        #expect(probe.frameRate == (rate == "24" ? "24/1" : rate))
        #expect(probe.hasAudio == streams.contains { $0["codec_type"] as? String == "audio" })
        #expect(probe.hasAudio == audio)
        #expect(probe.videoCodec == video["codec_name"] as? String)
        #expect(probe.videoCodec == "h264")
    }

    @Test("A filmstrip is one mjpeg 480 px wide (5 × 96); thumbnails of a clip, a PNG, a JPEG and a WebP are 160 px wide")
    func picturesReadBack() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let clip = scratch.path("clip.mp4")
        try MediaTestFiles.clip(at: clip, size: "640x360", seconds: 3)
        let worker = try MediaTestFiles.worker()

        let strip = scratch.path("strip.jpg")
        try await worker.picture(.filmstrip, of: clip, to: strip).get()
        let stripFigures = try MediaTestFiles.picture(strip)
        #expect(stripFigures.codec == "mjpeg")
        #expect(stripFigures.width == MediaPicture.filmstripFrames * MediaPicture.filmstripFrameWidth)
        #expect(stripFigures.width == 480)
        #expect(stripFigures.height == 54, "96 × 360 / 640")

        let inputs = [
            ("clip.mp4", nil), ("plate.png", ManifestSampleMedia.png), ("plate.jpg", ManifestSampleMedia.jpeg),
            ("plate.webp", ManifestSampleMedia.webp),
        ]
        for (name, bytes) in inputs {
            let input = try bytes.map { try scratch.write(name, $0) } ?? clip
            let output = scratch.path("\(name).thumb.jpg")
            // The blocking path report.html uses.
            try worker.pictureNow(.thumbnail, of: input, to: output).get()
            let figures = try MediaTestFiles.picture(output)
            #expect(figures.codec == "mjpeg", "\(name)")
            #expect(figures.width == 160, "\(name)")
            #expect(figures.height == (name == "clip.mp4" ? 90 : 160), "\(name): aspect kept, height even")
        }
        // Only the finished pictures are left: each was written to a temporary file and renamed.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasSuffix(".jpg") }.sorted()
        #expect(left == ["clip.mp4.thumb.jpg", "plate.jpg", "plate.jpg.thumb.jpg", "plate.png.thumb.jpg", "plate.webp.thumb.jpg", "strip.jpg"])
    }

    @Test("An inspection is a probe and a filmstrip in one exchange; a picture that cannot be written still gives the figures")
    func inspectionProbesAndDraws() async throws {
        let (scratch, clip) = try MediaTestFiles.scratchClip()
        defer { scratch.remove() }
        let worker = try MediaTestFiles.worker()
        let strip = scratch.path("strip.jpg")
        let probe = try await worker.inspect(path: clip, filmstrip: strip).get()
        #expect(probe == (try await worker.probe(path: clip).get()), "the same figures as a probe")
        let figures = try MediaTestFiles.picture(strip)
        #expect(figures.codec == "mjpeg" && figures.width == MediaPicture.filmstripFrames * MediaPicture.filmstripFrameWidth)

        let nowhere = scratch.path("no-such-folder/strip.jpg")
        let answer = try await worker.answer(MediaRequest(operation: .inspect, path: clip, output: nowhere)).get()
        #expect(answer.probe?.width == 320 && answer.error == nil)
        #expect(answer.pictureError?.isEmpty == false, "the picture's failure is said")
        #expect(try await worker.inspect(path: clip, filmstrip: nowhere).get().width == 320)
        #expect(!FileManager.default.fileExists(atPath: nowhere))

        let damaged = try scratch.write("damaged.mp4", Data(repeating: 0x5A, count: 4000))
        guard case .failure = await worker.inspect(path: damaged, filmstrip: scratch.path("damaged.jpg")) else {
            Issue.record("a damaged clip was inspected")
            return
        }
    }

    @Test("A damaged file is an error answer, and the same worker answers the next request")
    func damagedFileIsAnAnswer() async throws {
        let (scratch, clip) = try MediaTestFiles.scratchClip()
        defer { scratch.remove() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: clip))
        let damaged = try scratch.write("damaged.mp4", whole.prefix(1500) + Data(repeating: 0x5A, count: 4000))
        let worker = try MediaTestFiles.worker()

        _ = try await worker.probe(path: clip).get()
        let before = worker.processIDs
        #expect(before.count == 1)
        guard case .failure(let failure) = await worker.probe(path: damaged) else {
            Issue.record("a damaged clip was probed")
            return
        }
        #expect(failure.reason.contains("damaged.mp4"), "\(failure.reason)")
        guard case .failure = await worker.picture(.filmstrip, of: damaged, to: scratch.path("strip.jpg")) else {
            Issue.record("a damaged clip gave a filmstrip")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("strip.jpg")))
        #expect(try await worker.probe(path: clip).get().width == 320)
        #expect(worker.processIDs == before, "the worker that read the damaged file is still the one answering")
    }

    @Test("A worker killed between requests is replaced: the next request succeeds on a fresh one")
    func killedWorkerIsReplaced() async throws {
        let (scratch, clip) = try MediaTestFiles.scratchClip()
        defer { scratch.remove() }
        let worker = try MediaTestFiles.worker()
        _ = try await worker.probe(path: clip).get()
        let first = try #require(worker.processIDs.first)
        #expect(kill(first, SIGKILL) == 0)
        #expect(try await worker.probe(path: clip).get().height == 180)
        let second = try #require(worker.processIDs.first)
        #expect(second != first)
        #expect(worker.processIDs.count == 1)
    }

    /// Pictures and probes yield the CPU to veobatch's submits and polls (a turn of clips that
    /// end together must not delay the next submits).
    @Test("A worker runs at nice 10")
    func workerRunsNiced() async throws {
        let (scratch, clip) = try MediaTestFiles.scratchClip()
        defer { scratch.remove() }
        let worker = try MediaTestFiles.worker()
        _ = try await worker.probe(path: clip).get()
        let pid = try #require(worker.processIDs.first)
        // /proc/PID/stat: the 19th field is the nice value (counted after the command's ")").
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        #expect(fields.count > 16)
        #expect(fields.count > 16 && fields[16] == "10", "nice is \(fields.count > 16 ? String(fields[16]) : "?")")
    }

    @Test("A worker that hangs is killed at its timeout and the request fails with the reason; one that crashes too")
    func hungAndCrashedWorkers() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let hanging = try scratch.write("hanging-worker", text: "#!/bin/sh\nexec sleep 30\n")
        let crashing = try scratch.write("crashing-worker", text: "#!/bin/sh\nread line\nexit 3\n")
        for script in [hanging, crashing] { #expect(chmod(script, 0o755) == 0) }

        let hung = MediaWorker(executable: hanging, timeout: .milliseconds(300))
        guard case .failure(let late) = await hung.probe(path: scratch.path("any.mp4")) else {
            Issue.record("a hung worker answered")
            return
        }
        #expect(late.reason.contains("no answer"), "\(late.reason)")
        #expect(hung.processIDs.isEmpty, "the hung worker was killed")

        let crashed = MediaWorker(executable: crashing)
        guard case .failure(let ended) = await crashed.probe(path: scratch.path("any.mp4")) else {
            Issue.record("a crashed worker answered")
            return
        }
        #expect(ended.reason.contains("exited with status 3"), "\(ended.reason)")
        #expect(crashed.processIDs.isEmpty)
    }

    @Test("Requests beyond the width wait for a free worker: four at once on a width of one use one process")
    func widthLimitsWorkers() async throws {
        let (scratch, clip) = try MediaTestFiles.scratchClip()
        defer { scratch.remove() }
        let worker = try MediaTestFiles.worker(width: 1)
        let pids = try await withThrowingTaskGroup(of: Set<pid_t>.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    _ = try await worker.probe(path: clip).get()
                    return Set(worker.processIDs)
                }
            }
            return try await group.reduce(into: Set<pid_t>()) { $0.formUnion($1) }
        }
        #expect(pids.count == 1)
    }

    @Test("The worker gets no API key: only LD_LIBRARY_PATH is passed on, and its process environment holds nothing else")
    func environmentIsMinimal() async throws {
        let given = ["RUNNINGHUB_API_KEY": "sk-secret", "HOME": "/root", "LD_LIBRARY_PATH": "/opt/lib", "PATH": "/usr/bin"]
        #expect(MediaWorker.environment(given) == ["LD_LIBRARY_PATH": "/opt/lib"])
        let (scratch, clip) = try MediaTestFiles.scratchClip()
        defer { scratch.remove() }
        let worker = try MediaTestFiles.worker()
        _ = try await worker.probe(path: clip).get()
        let pid = try #require(worker.processIDs.first)
        let environ = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        let names = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self).prefix { $0 != "=" } }
        #expect(names.allSatisfy { $0 == "LD_LIBRARY_PATH" }, "\(names)")
    }

    @Test("Without a worker (VEOBATCH_MEDIA_WORKER empty or missing) nothing is located, probes fail with the notice and the report has no pictures")
    func noWorker() async throws {
        #expect(MediaWorker.locate(environment: ["VEOBATCH_MEDIA_WORKER": ""]) == nil)
        #expect(MediaWorker.locate(environment: ["VEOBATCH_MEDIA_WORKER": "/no/such/veobatch-media"]) == nil)
        let built = try Binaries.built("veobatch-media")
        #expect(MediaWorker.locate(environment: ["VEOBATCH_MEDIA_WORKER": built]) == built)
        #expect(MediaWorker.locate(environment: ["PATH": "/nowhere"], executableFolder: (built as NSString).deletingLastPathComponent) == built)
        #expect(MediaWorker.locate(environment: ["PATH": "/nowhere"], executableFolder: "/nowhere") == nil)

        let prober = ClipProber(worker: nil)
        guard case .failure(let failure) = await prober.probe(path: "/any/clip.mp4") else {
            Issue.record("probed without a worker")
            return
        }
        #expect(failure.reason == ClipProber.missingNotice)
        #expect(ClipProber.missingNotice.contains("VEOBATCH_MEDIA_WORKER"))
        let batch = try TestBatch()
        let tree = try OutputTree(outputDirectory: batch.out, manifestStem: TestBatch.manifest)
        let png = batch.root + "/plate.png"
        try ManifestSampleMedia.png.write(to: URL(fileURLWithPath: png))
        #expect(ReportPreviews(tree: tree, worker: nil).thumbnail(of: png, sha256: "abc") == nil)
    }
}
