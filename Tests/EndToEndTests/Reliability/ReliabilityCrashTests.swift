import Foundation
import RunningHubSimulator
import Testing
import TestSupport

/// SIGKILL at seeded random moments (issue 5, item 2): every answer of the simulator comes slowly
/// so kills land inside uploads, submits, polls and downloads; after every kill the batch is run
/// again. At the end each job was submitted once (a kill mid-submit leaves `unknown`, settled by
/// `resolve`), no `.part` is left, the journal is sound and every clip is what was served.
@Suite("Reliability: crashes")
struct ReliabilityCrashTests {
    /// Kills wanted in all; a round (a fresh folder and manifest) takes up to `killsPerRound`
    /// of them, fewer when its batch finishes first, and rounds go on until the total is reached.
    static let killsWanted = 24
    static let killsPerRound = 6
    static let maxRounds = 7
    static let textRows = 6
    static let frameRows = 2
    static var jobsPerRound: Int { textRows + frameRows }

    /// The journal modes under test: WAL on a local disk, and the rollback journal (and POSIX
    /// record lock) veobatch uses on a network filesystem, forced with a stubbed filesystem type.
    /// The rollback round is shorter (12 kills) to keep the suite's time in check.
    enum StorageMode: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case wal, rollback
        var testDescription: String { rawValue }
        var environment: [String: String] { self == .rollback ? ["VEOBATCH_TEST_FS_TYPE": "nfs"] : [:] }
        var killsWanted: Int { self == .rollback ? 12 : ReliabilityCrashTests.killsWanted }
    }

    /// Where a kill landed, judged from the journal and the disk right after it.
    enum Phase: String, CaseIterable {
        case upload, submit, poll, download
    }

    @Test("SIGKILLs across upload, submit, poll and download: each job submitted once, no .part left, journal sound",
          arguments: StorageMode.allCases)
    func killedRunsLoseNothingAndPayOnce(mode: StorageMode) async throws {
        let killsWanted = mode.killsWanted
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 2.0, seed: 0) { configuration in
            configuration.slowBodyChunkDelay = 0.05
            configuration.resultPaddingBytes = 2 << 20
        }
        defer { Task { await sim.stop() } }
        let environment = sim.environment.merging(mode.environment) { _, forced in forced }
        // Every answer arrives in ten pieces: uploads, submits, polls and downloads each take a
        // few tenths of a second, long enough for a kill to land inside them.
        await sim.server.script(SimRoute.allCases.filter { $0 != .any }.map { ScriptedFault(route: $0, fault: .slowBody, count: 100_000) })

        var random = KillSchedule(seed: 0xC0FF_EE15)
        var commands: [CommandOutcome] = []
        var landed: [Phase: Int] = [:]
        var kills = 0, idleKills = 0, exitedBeforeKill = 0
        var attached = 0, resubmitted = 0, partsSeen = 0, walsSearched = 0
        var outs: [String] = []

        var rounds = 0
        // Kill until enough kills landed and every phase was hit at least once: on a loaded
        // machine a slow start-up can make a kill aimed at one phase land in another.
        while (kills < killsWanted || Phase.allCases.contains { landed[$0, default: 0] == 0 }) && rounds < Self.maxRounds {
            rounds += 1
            let round = rounds
            let manifest = try writeManifest(round: round, in: scratch)
            let out = scratch.path("out-\(round)")
            outs.append(out)
            let arguments = ["run", manifest, "--out", out, "--concurrency", "3"] + reliabilityRunOptions
            // Past the kills wanted (a phase still missing), a whole round of triggers again.
            let killsThisRound = kills < killsWanted ? min(Self.killsPerRound, killsWanted - kills) : Self.killsPerRound
            for trigger in Self.triggers.prefix(killsThisRound) {
                let moment = await killMoment(trigger, sim: sim, random: &random)
                let outcome = try await runThenKill(arguments, environment: environment, moment: moment)
                commands.append(outcome)
                guard outcome.killedBySignal == SIGKILL else {
                    // The batch ended before the kill: this round has nothing left to kill.
                    exitedBeforeKill += 1
                    break
                }
                kills += 1
                let phases = try await phasesInFlight(out: out)
                partsSeen += files(in: out, endingWith: ".part").count
                if phases.isEmpty { idleKills += 1 }
                for phase in phases { landed[phase, default: 0] += 1 }
                // The journal as a kill leaves it, WAL included, holds no key.
                let journalFolder = out + "/.veobatch"
                if FileManager.default.fileExists(atPath: JournalFile.path(out: out) + "-wal") {
                    walsSearched += 1
                    #expect(mode == .wal, "a WAL file on a (stubbed) network filesystem")
                }
                for secret in secretForms(of: sim.key) {
                    #expect(filesContaining(secret, under: journalFolder).isEmpty, "the key is in the journal after a kill")
                }
                // As a person would before cron's next run: settle what the kill left unknown.
                let settled = try await settleUnknownRows(out: out, sim: sim, log: &commands, environment: mode.environment)
                attached += settled.attached
                resubmitted += settled.resubmitted
            }
            // Cron's next run, then a person settles what a kill left unknown, until all is done.
            var finished = false
            for _ in 1...4 {
                let outcome = try await runVeobatch(arguments, environment: environment)
                commands.append(outcome)
                if outcome.exitCode == 0 {
                    finished = true
                    break
                }
                let settled = try await settleUnknownRows(out: out, sim: sim, log: &commands, environment: mode.environment)
                attached += settled.attached
                resubmitted += settled.resubmitted
                #expect(settled.attached + settled.resubmitted > 0, "round \(round) exited \(outcome.exitCode) with nothing to settle: \(outcome.stdout)")
            }
            #expect(finished, "round \(round) never finished")
        }
        let stats = await sim.server.stats()

        #expect(kills >= killsWanted, "only \(kills) runs were still going when killed (\(exitedBeforeKill) ended first)")
        for phase in Phase.allCases {
            #expect(landed[phase, default: 0] >= 1, "no kill landed during \(phase.rawValue): \(landed)")
        }
        #expect(stats.tasksCreated == rounds * Self.jobsPerRound, "tasks created: \(stats.tasksCreated)")
        #expect(stats.submitsByFingerprint.count == rounds * Self.jobsPerRound)
        #expect(stats.submitsByFingerprint.values.allSatisfy { $0 == 1 }, "double submit: \(stats.submitsByFingerprint.filter { $0.value > 1 })")
        #expect(stats.authHeaderOnFileURLs == 0)

        var verified = 0
        for out in outs {
            #expect(files(in: out, endingWith: ".part").isEmpty, "a .part file was left in \(out)")
            #expect(try await JournalFile.integrity(out: out) == "ok")
            let journalMode = String(decoding: try await JournalFile.query(out: out, "PRAGMA journal_mode"), as: UTF8.self)
            #expect(journalMode.contains(mode == .wal ? "wal" : "delete"), "journal mode: \(journalMode)")
            let jobs = try await JournalFile.jobs(out: out)
            #expect(jobs.count == Self.jobsPerRound)
            for job in jobs {
                #expect(job.state == "done", "\(job.outputName) is \(job.state): \(job.errorMessage ?? "")")
                guard let relative = job.outputPath, let recorded = job.outputSHA256, let url = job.resultURL else {
                    Issue.record("\(job.outputName) has no clip in the journal")
                    continue
                }
                let onDisk = try sha256Hex(ofFileAt: out + "/" + relative)
                #expect(onDisk == recorded, "\(job.outputName): the clip's SHA-256 is not the journal's")
                let size = (try FileManager.default.attributesOfItem(atPath: out + "/" + relative)[.size] as? NSNumber)?.int64Value
                #expect(size == job.outputSize)
                let served = try await servedBytes(at: url, scratch: scratch)
                #expect(sha256Hex(served) == onDisk, "\(job.outputName): the clip differs from what the simulator serves")
                verified += 1
            }
            // Every job that ever existed with a task kept a task of its own.
            let all = try await JournalFile.jobs(out: out, currentOnly: false).compactMap(\.taskID)
            #expect(Set(all).count == all.count, "one task id on two jobs in \(out)")
        }

        for secret in secretForms(of: sim.key) {
            for out in outs { #expect(filesContaining(secret, under: out).isEmpty, "the key is in \(filesContaining(secret, under: out))") }
            #expect(commands.allSatisfy { !$0.stdout.contains(secret) && !$0.stderr.contains(secret) }, "the key was printed")
        }

        print("""
            RELIABILITY crashes (\(mode.rawValue)): kills=\(kills) exitedBeforeKill=\(exitedBeforeKill) landed=\(Phase.allCases.map { "\($0.rawValue)=\(landed[$0, default: 0])" }) \
            idle=\(idleKills) partFilesSeenAfterKills=\(partsSeen) walFilesSearchedAfterKills=\(walsSearched) unknownAttached=\(attached) unknownResubmitted=\(resubmitted) \
            tasksCreated=\(stats.tasksCreated) duplicateSubmits=\(stats.submitsByFingerprint.values.filter { $0 > 1 }.count) \
            rounds=\(rounds) clipsVerified=\(verified) resultsLost=\(rounds * Self.jobsPerRound - verified) uploads=\(stats.uploads)
            """)
    }

    /// When a kill comes. Half are at a seeded random time; the others wait until the simulator
    /// sees a request of one route, then a seeded random part of its slow answer, so every phase
    /// gets kills however fast or loaded the machine is.
    enum Trigger {
        case anyTime
        case during(SimRoute)
    }

    /// One round's kills, in the order the phases come in a fresh batch.
    static let triggers: [Trigger] = [.during(.upload), .during(.submit), .anyTime, .during(.query), .during(.download), .anyTime]

    /// Waits for the moment of a kill: a random time, or a random part of the next request of a
    /// route (given up after 5 s: the run may have nothing of that kind left to do).
    func killMoment(_ trigger: Trigger, sim: SimulatorHarness, random: inout KillSchedule) async -> @Sendable () async -> Void {
        switch trigger {
        case .anyTime:
            let delay = random.delay(in: 0.3...1.5)
            return { try? await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
        case .during(let route):
            let before = await sim.server.stats().requestsByRoute[route.rawValue, default: 0]
            // Slow answers last about half a second: land somewhere in their first 0.3 s.
            let into = random.delay(in: 0.0...0.3)
            return {
                let deadline = ContinuousClock.now + .seconds(5)
                while ContinuousClock.now < deadline {
                    if await sim.server.stats().requestsByRoute[route.rawValue, default: 0] > before { break }
                    try? await Task.sleep(for: .milliseconds(10))
                }
                try? await Task.sleep(for: .milliseconds(Int(into * 1000)))
            }
        }
    }

    /// What was under way when the process died: the states of current jobs, and `.part` files
    /// (a download in progress).
    func phasesInFlight(out: String) async throws -> Set<Phase> {
        guard FileManager.default.fileExists(atPath: JournalFile.path(out: out)) else { return [] }
        var phases = Set<Phase>()
        for job in try await JournalFile.jobs(out: out) {
            switch job.state {
            case "uploading": phases.insert(.upload)
            case "submitting": phases.insert(.submit)
            case "queued", "running": phases.insert(.poll)
            case "downloading": phases.insert(.download)
            default: break
            }
        }
        if !files(in: out, endingWith: ".part").isEmpty { phases.insert(.download) }
        return phases
    }

    /// Start/end rows with frames of their own (two uploads each), then text rows.
    func writeManifest(round: Int, in scratch: TemporaryFolder) throws -> String {
        let frames = try writeDistinctFrames(count: Self.frameRows * 2, in: scratch.url, tag: "crash\(round)")
        var text = "id,model,prompt,aspect_ratio,resolution,first_frame,last_frame\n"
        for pair in 0..<Self.frameRows {
            let id = "r\(round)f\(pair + 1)"
            text += "\(id),rhart-video-v3.1-fast/start-end-to-video,\"[\(id)] Night turns to day, round \(round).\",16:9,720p,\(frames[pair * 2]),\(frames[pair * 2 + 1])\n"
        }
        for index in 1...Self.textRows {
            let id = "r\(round)t\(index)"
            text += "\(id),rhart-video-v3.1-fast/text-to-video,\"[\(id)] Waves roll in at dawn, round \(round) take \(index).\",16:9,720p,,\n"
        }
        let path = scratch.path("crash\(round).csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Seeded kill moments (SplitMix64), so a failing schedule can be replayed.
struct KillSchedule {
    private var random: SeededRandom
    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func delay(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + random.nextDouble() * (range.upperBound - range.lowerBound)
    }
}
