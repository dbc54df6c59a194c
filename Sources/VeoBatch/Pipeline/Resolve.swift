import Foundation

/// `veobatch resolve`: a person settles jobs whose submit outcome is `unknown` after looking in
/// the RunningHub console. Only the journal changes; the next `run` acts on it.
public enum Resolve {
    public enum Action: Sendable, Hashable {
        /// Allow exactly one new submit: a new pending job replaces the unknown one.
        case resubmit
        /// The task was found in the console: attach its id; the next run polls it.
        case attachTask(id: String)
        /// Give up on the job: it becomes `failed` (abandoned); `--retry-failed` can render it again.
        case abandon
    }

    public struct Settled: Sendable, Hashable {
        public var manifest: String
        public var rowID: String
        public var take: Int
        public var outputName: String
        public var state: JobState
        public var message: String
    }

    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Settles the unknown jobs named by `targets` (a row id for all its takes, or an output name
    /// such as `shot010-take2` for one take). Takes the run lock, so it refuses while a run works.
    public static func apply(outputDirectory: String, manifest: String?, targets: [String], action: Action) throws -> [Settled] {
        guard !targets.isEmpty else { throw Refusal("Name at least one row to resolve.") }
        if case .attachTask(let id) = action {
            let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
            guard !id.isEmpty, id.count <= 64, id.allSatisfy(allowed.contains) else {
                throw Refusal("The task id \"\(id)\" does not look like a RunningHub task id (digits, as shown in the console).")
            }
        }
        guard FileManager.default.fileExists(atPath: Journal.path(outputDirectory: outputDirectory)) else {
            throw JournalError.missing(journalPath: Journal.path(outputDirectory: outputDirectory))
        }
        let lock = try JournalLock.acquire(outputDirectory: outputDirectory)
        defer { lock.release() }
        let journal = try Journal.open(outputDirectory: outputDirectory)
        let manifests = try manifest.map { [$0] } ?? journal.manifests()

        var chosen: [JobRecord] = []
        for target in targets {
            let matches = try manifests.flatMap { stem in
                try journal.currentJobs(manifest: stem).filter { $0.rowID == target || $0.outputName == target }
            }
            guard !matches.isEmpty else {
                throw Refusal("No row or take named \(target) in the journal\(manifest.map { " of manifest \($0)" } ?? ""); `veobatch status` lists them.")
            }
            if Set(matches.map(\.manifest)).count > 1 {
                throw Refusal("\(target) is in several manifests (\(Set(matches.map(\.manifest)).sorted().joined(separator: ", "))); choose one with --manifest.")
            }
            let unknown = matches.filter { $0.state == .unknown }
            guard !unknown.isEmpty else {
                let states = matches.map { "\($0.outputName) is \($0.state.rawValue)" }.joined(separator: ", ")
                throw Refusal("\(target) has no take with an unknown submit outcome (\(states)); resolve only settles unknown ones.")
            }
            if case .attachTask = action, unknown.count > 1 {
                throw Refusal("\(target) has \(unknown.count) unknown takes (\(unknown.map(\.outputName).joined(separator: ", "))); attach a task id to one take at a time by its name.")
            }
            chosen += unknown.filter { job in !chosen.contains { $0.id == job.id } }
        }
        if case .attachTask(let id) = action {
            // One task is one paid render: attached to a second job it would hand that job a copy
            // of another take's clip and count one charge twice.
            if let owner = try journal.jobs(taskID: id).first(where: { job in !chosen.contains { $0.id == job.id } }) {
                throw Refusal(
                    "Task \(id) already belongs to \(owner.manifest)/\(owner.outputName) (job \(owner.id ?? 0), \(owner.state.rawValue)\(owner.isCurrent ? "" : ", a replaced version")); a task is attached to one job only. Look up the task of \(targets.joined(separator: ", ")) in the RunningHub console, or use --resubmit or --abandon.")
            }
        }
        return try chosen.map { try settle($0, action: action, journal: journal) }
    }

    private static func settle(_ job: JobRecord, action: Action, journal: Journal) throws -> Settled {
        let result: JobRecord
        let message: String
        switch action {
        case .attachTask(let id):
            message = "Task \(id) attached by `veobatch resolve`; the next run polls it."
            result = try journal.move(job, to: .queued, message: message) {
                $0.taskID = id
                $0.resolution = "task-id"
                $0.submittedAt = $0.submittedAt ?? $0.submittingAt
                $0.errorCode = nil
                $0.errorMessage = nil
            }
        case .resubmit:
            message = "One new submit allowed by `veobatch resolve --resubmit`; job \(job.id ?? 0) stays in the history."
            var fresh = job
            fresh.id = nil
            fresh.state = .pending
            fresh.resolution = nil
            fresh.taskID = nil
            fresh.attempts = 0
            fresh.errorCode = nil
            fresh.errorMessage = nil
            fresh.actualCost = nil
            fresh.usageJSON = nil
            fresh.requestBodyJSON = nil
            fresh.resultURL = nil
            fresh.resultSeenAt = nil
            fresh.outputPath = nil
            fresh.outputSHA256 = nil
            fresh.outputSize = nil
            fresh.outputMIME = nil
            let now = Date()
            fresh.createdAt = now
            fresh.updatedAt = now
            for state in JobState.allCases { fresh.clearStamp(state) }
            fresh.submittedAt = nil
            result = try journal.insertJob(fresh, superseding: job, previousResolution: "resubmit", message: message)
        case .abandon:
            message = "Abandoned by `veobatch resolve --abandon`: the submit outcome was never settled."
            result = try journal.move(job, to: .failed, message: message) {
                $0.resolution = "abandoned"
                $0.errorCode = "abandoned"
                $0.errorMessage = message + " If the task did run, its clip is not fetched; --retry-failed renders the row again (and pays again)."
            }
        }
        return Settled(manifest: result.manifest, rowID: result.rowID, take: result.take, outputName: result.outputName,
                       state: result.state, message: message)
    }
}
