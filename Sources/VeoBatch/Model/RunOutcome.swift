import Foundation

/// How a run ended, for the command's summary and exit code.
public struct RunOutcome: Sendable {
    /// The final standing of one job of the manifest.
    public struct Job: Sendable, Hashable {
        public var rowID: String
        public var take: Int
        public var outputName: String
        public var state: JobState
        public var taskID: String?
        /// The current job's estimate (live or list price).
        public var estimate: PriceEstimate?
        /// What RunningHub charged for the current job's task.
        public var charge: Money?
        /// Relative to the output folder.
        public var outputPath: String?
        public var errorCode: String?
        public var errorMessage: String?
        /// `done`, but its clip is gone from disk and could not be fetched again.
        public var outputMissing: Bool
        /// How the clip differs from its request (probed after the download); empty when it
        /// matches or could not be probed.
        public var mismatches: [ClipMismatch] = []

        /// Not done (or its clip is gone).
        public var needsAttention: Bool { state != .done || outputMissing }

        /// Charged, and not what was estimated.
        public var chargedOtherThanEstimated: Bool {
            guard let charge else { return false }
            return estimate?.money != charge
        }

        /// What a person should look at: the takes a `--quiet` summary still lists.
        public var isNoteworthy: Bool { needsAttention || chargedOtherThanEstimated || !mismatches.isEmpty }
    }

    /// Which takes `jobs` keeps. A cron run (`--quiet`, no hooks, no log) prints only the
    /// noteworthy ones, and a 10,000-take manifest need not hold 10,000 lines for that.
    public enum Listing: Sendable {
        case everyTake
        case noteworthyTakes

        func keeps(_ job: Job) -> Bool { self == .everyTake || job.isNoteworthy }
    }

    /// Figures over every take of the manifest, whichever takes `jobs` lists.
    public struct Tally: Sendable, Hashable {
        public var total = 0
        public var counts: [JobState: Int] = [:]
        /// `done` takes whose clip is gone from disk.
        public var missingClips = 0
        /// Takes estimated from the list price that nothing has been charged for (yet).
        public var listPriceUncharged = 0

        public init() {}

        public mutating func add(_ job: Job) {
            total += 1
            counts[job.state, default: 0] += 1
            if job.state == .done, job.outputMissing { missingClips += 1 }
            if job.estimate?.source == .listPrice, job.charge == nil { listPriceUncharged += 1 }
        }

        var allDone: Bool { counts[.done, default: 0] == total && missingClips == 0 }
    }

    public var manifest: String
    /// Every take of the manifest in manifest order, or only the noteworthy ones (`Listing`).
    public var jobs: [Job]
    public var tally: Tally
    /// `--max-cost` stopped new submits.
    public var budgetStopped: Bool
    /// Which job `--max-cost` stopped at, and why.
    public var budgetMessage: String? = nil
    /// This manifest's share of the folder's ledger: every task it ever created.
    public var spent: LedgerTotal? = nil
    /// The whole folder's ledger, when other manifests have spent in it too.
    public var folderSpent: LedgerTotal? = nil
    /// The key or the account failed (invalid key, non-enterprise key, no balance): why.
    public var accountProblem: String?
    /// SIGINT/SIGTERM cancelled the run.
    public var interrupted: Bool
    /// Set for `--dry-run`, which changes nothing.
    public var plan: DryRunPlan?
    /// The report files written (absolute paths).
    public var reportFiles: [String]
    /// Rows `--skip-invalid` left out: the manifest is not done while there are any.
    public var skippedRows = 0

    public var exitStatus: RunExitStatus {
        if interrupted { return .interrupted }
        if accountProblem != nil { return .account }
        if budgetStopped && tally.counts[.done, default: 0] < tally.total { return .budget }
        if plan != nil { return .allDone }
        if skippedRows == 0, tally.allDone { return .allDone }
        return .someNotDone
    }

    /// Jobs per state, for summaries.
    public var counts: [JobState: Int] { tally.counts }

    /// An outcome of the takes `produce` hands to `add`, in manifest order: listed as `listing`
    /// says, tallied all. The takes are handed over one at a time, so a caller reading them from
    /// disk never holds the ones the listing leaves out.
    public init(manifest: String, listing: Listing = .everyTake, budgetStopped: Bool = false, accountProblem: String? = nil,
                interrupted: Bool = false, plan: DryRunPlan? = nil, reportFiles: [String] = [],
                takes produce: (_ add: (Job) -> Void) throws -> Void) rethrows {
        var tally = Tally()
        var jobs: [Job] = []
        try produce { job in
            tally.add(job)
            if listing.keeps(job) { jobs.append(job) }
        }
        self.manifest = manifest
        self.jobs = jobs
        self.tally = tally
        self.budgetStopped = budgetStopped
        self.accountProblem = accountProblem
        self.interrupted = interrupted
        self.plan = plan
        self.reportFiles = reportFiles
    }

    /// An outcome listing `takes` as `listing` says, with the tally of them all.
    public init(manifest: String, takes: some Sequence<Job>, listing: Listing = .everyTake, budgetStopped: Bool = false,
                accountProblem: String? = nil, interrupted: Bool = false, plan: DryRunPlan? = nil, reportFiles: [String] = []) {
        self.init(manifest: manifest, listing: listing, budgetStopped: budgetStopped, accountProblem: accountProblem,
                  interrupted: interrupted, plan: plan, reportFiles: reportFiles) { add in takes.forEach(add) }
    }
}

/// The process exit codes of product.md §2 (cron relies on them).
public enum RunExitStatus: Int32, Sendable {
    /// Every row of the manifest is done.
    case allDone = 0
    /// The run finished, but some rows failed, are blocked, timed out, have an unknown submit
    /// outcome, or are still pending.
    case someNotDone = 1
    /// Usage error or invalid manifest/media: nothing was uploaded or submitted.
    case invalid = 2
    /// Another run holds the lock on this output folder.
    case locked = 3
    /// `--max-cost` stopped new submits before the manifest was done.
    case budget = 4
    /// Authentication or account problem.
    case account = 5
    /// Interrupted (SIGINT/SIGTERM); state is saved and a rerun continues.
    case interrupted = 130
}

/// Problems with the jobs handed to a run that validation should have caught; the run refuses
/// them before touching anything (exit 2).
public struct BatchRunError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
