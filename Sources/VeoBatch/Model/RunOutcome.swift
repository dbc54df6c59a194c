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
    }

    public var manifest: String
    public var jobs: [Job]
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
        if budgetStopped && jobs.contains(where: { $0.state != .done }) { return .budget }
        if plan != nil { return .allDone }
        if skippedRows == 0, jobs.allSatisfy({ $0.state == .done && !$0.outputMissing }) { return .allDone }
        return .someNotDone
    }

    /// Jobs per state, for summaries.
    public var counts: [JobState: Int] {
        jobs.reduce(into: [:]) { $0[$1.state, default: 0] += 1 }
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
