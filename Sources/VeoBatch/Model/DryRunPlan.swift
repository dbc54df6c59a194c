import Foundation

/// What `run --dry-run` would do: per job, the action the journal leads to and the estimate;
/// the total of what would be submitted; where `--max-cost` would stop. No network, and the
/// journal is only read (it is not even created).
public struct DryRunPlan: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// A new job would be submitted (first time, the row changed, or a blocked row).
        case submit
        /// A failed job would get a new submit (`--retry-failed`).
        case retry
        /// Submitted once the `@ROW` input row is done.
        case submitAfter(rowID: String)
        /// Already done; skipped.
        case skipDone
        /// A task exists; the run would keep polling or downloading it.
        case resume(JobState)
        /// Failed; skipped without `--retry-failed`.
        case skipFailed
        /// Its submit outcome is unknown; needs `veobatch resolve`.
        case needsResolve
        /// Would not be submitted: the estimate would pass `--max-cost`.
        case overBudget
    }

    public struct Entry: Sendable, Hashable {
        public var rowID: String
        public var take: Int
        public var outputName: String
        public var endpoint: String
        public var estimatedCost: Decimal?
        public var action: Action
    }

    public var entries: [Entry]
    /// What the folder's ledger already counts, in the limit's currency (CNY) when there is a
    /// limit, else in the folder's own.
    public var alreadySpent: Money
    /// Estimated cost of what this run would submit (jobs without an estimate count 0; see `unpriced`).
    public var toSubmit: Decimal
    /// Jobs that would be submitted but have no price estimate.
    public var unpriced: Int
    public var maxCost: Decimal?
    /// A dry run is offline: every amount is a CNY list price (unverified).
    public var currency: Currency = .listPrices
}
