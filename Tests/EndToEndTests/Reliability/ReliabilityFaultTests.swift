import Foundation
import RunningHubSimulator
import Testing
import TestSupport

/// A 50-row batch against a simulator that misbehaves on every route (issue 5, item 1): the run,
/// plus the reruns cron would make, ends with every row `done` or `failed` for its task's own
/// reason, nothing submitted twice, and every clip exactly the bytes the simulator served.
@Suite("Reliability: faults")
struct ReliabilityFaultTests {
    /// Faults aimed at the first requests of each route, on top of the random 10 %.
    static let scriptedFaults: [ScriptedFault] = [
        // Submits: capacity and rate limits (not failures), and tasks that end FAILED.
        ScriptedFault(route: .submit, fault: .failTask(code: "1501")),
        ScriptedFault(route: .submit, fault: .capacity(code: "421"), count: 2),
        ScriptedFault(route: .submit, fault: .failTask(code: "1505")),
        ScriptedFault(route: .submit, fault: .capacity(code: "1520"), count: 2),
        ScriptedFault(route: .submit, fault: .http429),
        ScriptedFault(route: .submit, fault: .failTask(code: "1015")),
        ScriptedFault(route: .submit, fault: .http429),
        // Uploads: gateway errors, a dropped connection, and one stored whose answer is lost.
        ScriptedFault(route: .upload, fault: .http503),
        ScriptedFault(route: .upload, fault: .dropConnection),
        ScriptedFault(route: .upload, fault: .http500),
        ScriptedFault(route: .upload, fault: .createThenDrop),
        ScriptedFault(route: .upload, fault: .dropConnection),
        // Queries.
        ScriptedFault(route: .query, fault: .http500),
        ScriptedFault(route: .query, fault: .dropConnection, count: 2),
        ScriptedFault(route: .query, fault: .http502),
        ScriptedFault(route: .query, fault: .truncatedBody, count: 2),
        ScriptedFault(route: .query, fault: .http429),
        ScriptedFault(route: .query, fault: .dropConnection),
        ScriptedFault(route: .query, fault: .http503),
        // Downloads: bodies cut short (resumed with Range), drops and gateway errors.
        ScriptedFault(route: .download, fault: .truncatedBody, count: 2),
        ScriptedFault(route: .download, fault: .http503),
        ScriptedFault(route: .download, fault: .dropConnection),
        ScriptedFault(route: .download, fault: .truncatedBody),
        ScriptedFault(route: .download, fault: .http500),
        ScriptedFault(route: .download, fault: .dropConnection),
        ScriptedFault(route: .download, fault: .truncatedBody, count: 2),
    ]

    static let rowCount = 50
    static let imageRows = 10

    /// The random part of the faults: the issue's 10 %, and a harsher mix with another seed.
    struct FaultMix: Sendable, CustomTestStringConvertible {
        var rate: Double
        var seed: UInt64
        var testDescription: String { "\(Int(rate * 100)) % random faults, seed \(seed)" }
    }

    @Test("50 rows through 5xx, drops, truncations, capacity, 429 and failing tasks: nothing lost, nothing paid twice",
          arguments: [FaultMix(rate: 0.10, seed: 0x5EED_FA17), FaultMix(rate: 0.30, seed: 7)])
    func faultyBatchEndsSettled(mix: FaultMix) async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 0.3, faultRate: mix.rate, seed: mix.seed) { configuration in
            configuration.slowBodyChunkDelay = 0.01
        }
        defer { Task { await sim.stop() } }
        await sim.server.script(Self.scriptedFaults)
        let manifest = try writeManifest(in: scratch)
        let out = scratch.path("out")
        let arguments = ["run", manifest, "--out", out, "--concurrency", "12"] + reliabilityRunOptions

        var commands: [CommandOutcome] = []
        var runs = 0
        var attached = 0, resubmitted = 0
        var status = DetailedStatus(manifests: [])
        for _ in 1...5 {
            let outcome = try await runVeobatch(arguments, environment: sim.environment)
            commands.append(outcome)
            runs += 1
            #expect([0, 1].contains(outcome.exitCode), "run \(runs) exited \(outcome.exitCode): \(outcome.stderr)")
            status = try await DetailedStatus.load(out: out)
            if status.jobs.allSatisfy({ $0.state == "done" || $0.state == "failed" }) { break }
            let settled = try await settleUnknownRows(out: out, sim: sim, log: &commands)
            attached += settled.attached
            resubmitted += settled.resubmitted
        }
        // Figures before the checks below add requests of their own.
        let stats = await sim.server.stats()

        #expect(status.jobs.count == Self.rowCount)
        let unsettled = status.jobs.filter { $0.state != "done" && $0.state != "failed" }
        #expect(unsettled.isEmpty, "after \(runs) runs: \(unsettled.map { "\($0.outputName) \($0.state) \($0.error?.message ?? "")" })")

        // Nothing paid twice: one task per fingerprint, and one per job that has a task.
        #expect(stats.submitsByFingerprint.values.allSatisfy { $0 == 1 }, "double submit: \(stats.submitsByFingerprint.filter { $0.value > 1 })")
        let taskIDs = status.jobs.compactMap(\.taskId)
        #expect(Set(taskIDs).count == taskIDs.count, "two jobs share a task id")
        #expect(stats.tasksCreated == stats.submitsByFingerprint.count)
        #expect(stats.tasksCreated == taskIDs.count, "tasks created \(stats.tasksCreated), jobs with a task \(taskIDs.count)")
        #expect(stats.authHeaderOnFileURLs == 0, "the key went to a file URL")

        // Every failure is the task's own, with its code and words.
        let failed = status.jobs.filter { $0.state == "failed" }
        var failureCodes: [String: Int] = [:]
        for job in failed {
            guard let taskID = job.taskId else {
                Issue.record("\(job.outputName) failed without a task: \(job.error?.message ?? "no message")")
                continue
            }
            let task = try await simulatorTask(taskID, sim: sim)
            #expect(task.status == "FAILED", "\(job.outputName) is failed but task \(taskID) is \(task.status)")
            #expect(job.error?.code == task.code, "\(job.outputName): code \(job.error?.code ?? "none"), the task's \(task.code)")
            let words = String(task.message.split(separator: "|").first ?? "")
            #expect(!words.isEmpty && job.error?.message?.contains(words) == true, "\(job.outputName): \(job.error?.message ?? "none") lacks \(words)")
            failureCodes[task.code, default: 0] += 1
        }
        for code in ["1501", "1505", "1015"] {
            #expect(failureCodes[code, default: 0] >= 1, "no row failed with the scripted \(code): \(failureCodes)")
        }

        // Every clip: on disk with the journal's, the report's and the sidecar's SHA-256, and the
        // very bytes the simulator serves at the task's result URL.
        let journal = Dictionary(try await JournalFile.jobs(out: out).map { ($0.outputName, $0) }, uniquingKeysWith: { $1 })
        let done = status.jobs.filter { $0.state == "done" }
        #expect(done.count + failed.count == Self.rowCount)
        var verified = 0
        for job in done {
            guard let record = journal[job.outputName], let relative = record.outputPath, let url = record.resultURL else {
                Issue.record("\(job.outputName) is done without a clip or result URL in the journal")
                continue
            }
            let path = out + "/" + relative
            let onDisk = try sha256Hex(ofFileAt: path)
            #expect(onDisk == record.outputSHA256, "\(job.outputName): file \(onDisk), journal \(record.outputSHA256 ?? "none")")
            #expect(onDisk == job.output?.sha256, "\(job.outputName): report says \(job.output?.sha256 ?? "none")")
            #expect(try sidecarSHA256(out: out, job: job) == onDisk, "\(job.outputName): the sidecar disagrees")
            let served = try await servedBytes(at: url, scratch: scratch)
            #expect(sha256Hex(served) == onDisk, "\(job.outputName): the clip differs from what the simulator serves")
            verified += 1
        }
        #expect(files(in: out, endingWith: ".part").isEmpty, "a .part file was left behind")

        // The key appears nowhere the runs wrote.
        for secret in secretForms(of: sim.key) {
            #expect(filesContaining(secret, under: out).isEmpty, "the key is in \(filesContaining(secret, under: out))")
            for command in commands {
                #expect(!command.stdout.contains(secret) && !command.stderr.contains(secret), "the key was printed")
            }
        }

        let faults = stats.faultsInjected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("""
            RELIABILITY faults (\(mix.testDescription)): runs=\(runs) rows=\(Self.rowCount) done=\(done.count) failed=\(failed.count) \
            failureCodes=\(failureCodes.sorted { $0.key < $1.key }) unknownAttached=\(attached) unknownResubmitted=\(resubmitted) \
            tasksCreated=\(stats.tasksCreated) duplicateSubmits=\(stats.submitsByFingerprint.values.filter { $0 > 1 }.count) \
            clipsVerified=\(verified) resultsLost=\(Self.rowCount - done.count - failed.count) \
            requests=\(stats.requestsByRoute.sorted { $0.key < $1.key }) faultsInjected=\(stats.faultsInjected.values.reduce(0, +)) [\(faults)]
            """)
    }

    /// 40 text rows and 10 start/end rows, each pair of frames distinct (20 uploads); every
    /// prompt starts with `[ROW]` so a task can be matched to its row.
    func writeManifest(in scratch: TemporaryFolder) throws -> String {
        let frames = try writeDistinctFrames(count: Self.imageRows * 2, in: scratch.url, tag: "fault")
        var text = "id,model,prompt,aspect_ratio,resolution,first_frame,last_frame\n"
        for index in 1...Self.rowCount {
            let id = String(format: "f%02d", index)
            if index % 5 == 0 {
                let pair = index / 5 - 1
                text += "\(id),rhart-video-v3.1-fast/start-end-to-video,\"[\(id)] Dusk falls on the harbour, shot \(index).\",16:9,720p,\(frames[pair * 2]),\(frames[pair * 2 + 1])\n"
            } else {
                text += "\(id),rhart-video-v3.1-fast/text-to-video,\"[\(id)] A lighthouse beam sweeps the bay, shot \(index).\",16:9,720p,,\n"
            }
        }
        let path = scratch.path("faults.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// The `output.sha256` of a job's sidecar, `OUT/MANIFEST/ROW/NAME.json`.
func sidecarSHA256(out: String, manifest: String = "", job: DetailedStatus.Job) throws -> String? {
    let stem = manifest.isEmpty ? nil : manifest
    let folders = try stem.map { [$0] } ?? FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }
    for folder in folders {
        let path = "\(out)/\(folder)/\(job.row)/\(job.outputName).json"
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        struct Sidecar: Decodable { struct Clip: Decodable { var sha256: String? }; var output: Clip? }
        return try JSONDecoder().decode(Sidecar.self, from: data).output?.sha256
    }
    return nil
}
