import Foundation

/// `--max-cost`: what the folder's ledger already counts (charges, and estimates standing in
/// for charges not reported yet) plus the job about to go must stay within the limit, in the
/// limit's currency. A submit reserves its estimate before it leaves and gives it back only when
/// RunningHub certainly created nothing. No task can be cancelled once submitted (§A.4), so the
/// budget only ever acts before a submit.
actor Budget {
    enum Verdict: Sendable, Equatable {
        case fits
        /// The job would take the total past the limit.
        case over(counted: Money, estimate: Money, limit: Money)
        /// The job has no estimate in the limit's currency, so its cost cannot be bounded.
        case unpriced(reason: String)
    }

    private let limit: Money?
    /// Spend counted so far in the limit's currency (nil: no limit, nothing to count against).
    private(set) var committed: Money?

    init(limit: Money?, alreadyCounted: Money?) {
        self.limit = limit
        committed = limit.map { limit in alreadyCounted.flatMap { $0.adding(Money.zero(limit.currency)) } ?? Money.zero(limit.currency) }
    }

    /// Reserves `estimate`. Without a limit every job fits.
    func reserve(_ estimate: PriceEstimate?) -> Verdict {
        guard let limit, let committed else { return .fits }
        guard let estimate else { return .unpriced(reason: "it has no price estimate") }
        guard let total = committed.adding(estimate.money) else {
            return .unpriced(reason: "its estimate is in \(estimate.money.currency.code) (\(estimate.text)) and --max-cost is in \(limit.currency.code)")
        }
        guard total.amount <= limit.amount else { return .over(counted: committed, estimate: estimate.money, limit: limit) }
        self.committed = total
        return .fits
    }

    func refund(_ estimate: PriceEstimate?) {
        guard let estimate, let committed, let back = committed.adding(Money(-estimate.money.amount, estimate.money.currency)) else { return }
        self.committed = back
    }

    /// Why submitting stopped: the first job that did not fit, named, with the reason.
    private(set) var stopMessage: String?

    func recordStop(_ message: String) {
        if stopMessage == nil { stopMessage = message }
    }

    /// A charge came in for a task reserved at `estimate`: count the charge instead.
    func settle(estimate: PriceEstimate?, charge: Money?) {
        guard let charge, let committed else { return }
        let reserved = estimate?.money.currency == charge.currency ? estimate?.money.amount ?? 0 : 0
        if let updated = committed.adding(Money(charge.amount - reserved, charge.currency)) { self.committed = updated }
    }
}
