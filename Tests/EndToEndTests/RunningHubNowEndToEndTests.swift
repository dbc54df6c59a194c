import Foundation
import RunningHubSimulator
import Testing
import TestSupport

/// The amended contract of 2026-12 (runninghub-api.md section A), driven through the built
/// `veobatch` binary against `rh-sim` in the matching mode: submits queued over the limit, 301
/// PARAMS_INVALID, upload code 200, chains by result URL and the 10 MB extend input, results
/// that expire.
@Suite("RunningHub as it is now, end to end")
struct RunningHubNowEndToEndTests {
    static let textToVideo = "rhart-video-v3.1-fast-official/text-to-video"
    static let extend = "rhart-video-v3.1-fast-official/video-extend"

    static func write(_ text: String, to name: String, in scratch: TemporaryFolder) throws -> String {
        let path = scratch.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func statusJobs(_ out: String) async throws -> [StatusDocument.Job] {
        let status = try await runVeobatch(["status", "--out", out, "--json"])
        return try JSONDecoder().decode(StatusDocument.self, from: Data(status.stdout.utf8)).manifests.flatMap(\.jobs)
    }

    @Test("submits over the key's limit wait QUEUED on the server: none resubmitted, none timed out by a short --task-timeout")
    func queuedOverLimitEndsDone() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        // One slot; each task holds it 3 s, so the third waits about 6 s in the server queue,
        // longer than the 4.5 s task timeout (which must count from RUNNING, not from the submit).
        // Tasks this long overlap even when a loaded machine sends the three submits slowly.
        let sim = try await SimulatorHarness.start(concurrentLimit: 1, taskSeconds: 3) { $0.overLimit = .queue }
        defer { Task { await sim.stop() } }
        // Without a queue status the client goes on with --concurrency alone and submits over the limit.
        await sim.server.script([ScriptedFault(route: .queueStatus, fault: .http503, count: 100_000)])
        let manifest = try writeTextManifest(rows: 3, in: scratch)
        let out = scratch.path("out")

        let result = try await runVeobatch(
            ["run", manifest, "--out", out, "--concurrency", "3", "--task-timeout", "4.5"] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 3, "a QUEUED answer is a created task and must never be submitted again")
        #expect(stats.queuedOverLimit >= 1, "the run never went over the limit, so the test proves nothing: \(stats)")
        let states = try await Self.statusJobs(out).map(\.state)
        #expect(states == ["done", "done", "done"], "\(states)")
    }

    @Test("301 PARAMS_INVALID fails the row once, never retried; upload code 200 works in run and transfer")
    func paramsInvalidAndUploadCode200() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2) {
            $0.paramErrorCode = "301"
            $0.uploadSuccessCode = 200
        }
        defer { Task { await sim.stop() } }
        let example = try copyExampleFolder(to: scratch)
        let folder = (example as NSString).deletingLastPathComponent

        // `transfer upload` against the simulator, which answers {"code":200,"message":"success"}.
        let upload = try await runVeobatch(
            ["transfer", "upload", "--url", "\(sim.baseURL)/openapi/v2/media/upload/binary", "--send-api-key", "\(folder)/shot010_start.png"],
            environment: sim.environment)
        #expect(upload.exitCode == 0, "stdout: \(upload.stdout)\nstderr: \(upload.stderr)")
        let link = try #require(upload.stdout.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http") }.map(String.init), "no URL in \(upload.stdout)")

        // `good` uploads a local image (code 200 again); `bad` hands a PNG to `video`, which the
        // client cannot see through a URL and the server refuses with 301.
        let manifest = try Self.write(
            """
            id,model,prompt,first_frame,video,resolution,duration
            good,rhart-video-v3.1-fast-official/image-to-video,The harbour wakes up at dawn,\(folder)/shot020.jpg,,720p,8
            bad,\(Self.extend),The beam keeps sweeping the bay,,\(link),720p,

            """, to: "mixed.csv", in: scratch)
        let out = scratch.path("out")
        let first = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(first.exitCode == 1, "stdout: \(first.stdout)\nstderr: \(first.stderr)")
        var stats = await sim.server.stats()
        #expect(stats.tasksCreated == 1)
        #expect(stats.rejectedSubmits == 1, "the 301 was retried: \(stats)")
        #expect(stats.uploads == 2)
        let jobs = try await Self.statusJobs(out)
        #expect(jobs.first { $0.row == "good" }?.state == "done")
        #expect(jobs.first { $0.row == "bad" }?.state == "failed")
        let status = try await runVeobatch(["status", "--out", out])
        #expect(status.stdout.contains("301"), "status: \(status.stdout)")

        let second = try await runVeobatch(["run", manifest, "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(second.exitCode == 1)
        stats = await sim.server.stats()
        #expect(stats.rejectedSubmits == 1, "a rerun sent the refused row again")
        #expect(stats.tasksCreated == 1)
    }

    static func chain(in scratch: TemporaryFolder) throws -> String {
        try write(
            """
            id,model,prompt,duration,resolution,aspect_ratio,video
            base,\(textToVideo),Link 0: a lighthouse on a cliff at dusk,8,720p,16:9,
            link01,\(extend),Link 1: the beam keeps sweeping the bay,,720p,,@base

            """, to: "chain.csv", in: scratch)
    }

    @Test("an extend of a row passes the parent's result URL as video, uploading nothing")
    func chainSendsParentResultURL() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2)
        defer { Task { await sim.stop() } }
        let out = scratch.path("out")
        let result = try await runVeobatch(["run", try Self.chain(in: scratch), "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.uploads == 0, "the parent clip was uploaded instead of passed by URL")
        let tasks = await sim.server.tasks().sorted { $0.created < $1.created }
        #expect(tasks.count == 2)
        let body = try #require(tasks.last?.body)
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let video = try #require(fields["video"] as? String)
        #expect(video.hasPrefix("\(sim.baseURL)/files/"), "video: \(video)")
        #expect(video.contains(".mp4"), "video: \(video)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/chain/link01/link01.mp4"))
    }

    @Test("an extend whose parent clip is over 10 MB is blocked before any submit, naming the size and the limit")
    func chainOverTenMegabytesIsBlocked() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2) { $0.resultPaddingBytes = 11 * 1024 * 1024 }
        defer { Task { await sim.stop() } }
        let out = scratch.path("out")
        let result = try await runVeobatch(["run", try Self.chain(in: scratch), "--out", out] + fastRunOptions, environment: sim.environment)
        #expect(result.exitCode == 1, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 1, "only the base may be submitted")
        #expect(stats.requestsByRoute["submit"] == 1, "\(stats.requestsByRoute)")
        #expect(stats.uploads == 0)
        let jobs = try await Self.statusJobs(out)
        #expect(jobs.first { $0.row == "link01" }?.state == "blocked")
        let status = try await runVeobatch(["status", "--out", out])
        #expect(status.stdout.contains("11.0 MB") && status.stdout.contains("10 MB"), "status: \(status.stdout)")
    }

    @Test("a result not downloaded within its lifetime ends expired (paid, terminal) and the run ends")
    func resultPastLifetimeIsExpired() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        // Result URLs that stop working as soon as the task ends, and a client lifetime of 1 ms.
        let sim = try await SimulatorHarness.start(taskSeconds: 0.2) { $0.resultURLLifetime = 0 }
        defer { Task { await sim.stop() } }
        let manifest = try writeTextManifest(rows: 1, in: scratch)
        let out = scratch.path("out")
        let options = ["run", manifest, "--out", out, "--test-result-lifetime", "0.001"] + fastRunOptions
        let first = try await runVeobatch(options, environment: sim.environment)
        #expect(first.exitCode == 1, "stdout: \(first.stdout)\nstderr: \(first.stderr)")
        #expect(try await Self.statusJobs(out).map(\.state) == ["expired"])

        let second = try await runVeobatch(options, environment: sim.environment)
        #expect(second.exitCode == 1)
        let stats = await sim.server.stats()
        #expect(stats.tasksCreated == 1, "an expired (paid) result was rendered again")
        #expect(try await Self.statusJobs(out).map(\.state) == ["expired"])
    }

    @Test("account shows the key's quota and expiry, and says so when the key list does not answer")
    func accountShowsKeyQuota() async throws {
        let sim = try await SimulatorHarness.start(taskSeconds: 3, seed: 0) { $0.keyQuotaLimit = 1000 }
        defer { Task { await sim.stop() } }
        let shown = try await runVeobatch(["account"], environment: sim.environment)
        #expect(shown.exitCode == 0, "stderr: \(shown.stderr)")
        let line = try #require(shown.stdout.split(separator: "\n").first { $0.hasPrefix("Key quota:") }, "stdout: \(shown.stdout)")
        #expect(line.contains("0 of 1000 used") && line.contains("expires"), "\(line)")
        #expect(!shown.stdout.contains(sim.key))

        let bare = try await SimulatorHarness.start(taskSeconds: 3, seed: 0) { $0.keyQuotaLimit = nil }
        defer { Task { await bare.stop() } }
        let missing = try await runVeobatch(["account"], environment: bare.environment)
        #expect(missing.exitCode == 0, "stderr: \(missing.stderr)")
        #expect(missing.stdout.contains("Key quota:") && missing.stdout.contains("not available"), "stdout: \(missing.stdout)")
    }

    @Test("run warns when the plan's estimate passes the key's remaining quota")
    func runWarnsOverQuota() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        // An account in CNY (runninghub.cn), the currency of the list prices: the two can be compared.
        let sim = try await SimulatorHarness.start(taskSeconds: 0.1, currency: "CNY") { $0.keyQuotaLimit = 1 }
        defer { Task { await sim.stop() } }
        // Ten low-price jobs at 0.20 CNY: 2.00 CNY planned against 1 CNY of quota.
        let result = try await runVeobatch(["run", try writeTextManifest(rows: 10, in: scratch), "--out", scratch.path("out")] + fastRunOptions,
                                           environment: sim.environment)
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("remaining quota of 1"), "stderr: \(result.stderr)")
    }
}
