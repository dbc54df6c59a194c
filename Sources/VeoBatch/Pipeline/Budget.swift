import Foundation
import Synchronization

/// `--max-cost`: what the folder's ledger already counts (charges, and estimates standing in
/// for charges not reported yet) plus the job about to go must stay within the limit, in the
/// limit's currency. A submit reserves its estimate before it leaves and gives it back only when
/// RunningHub certainly created nothing. No task can be cancelled once submitted (§A.4), so the
/// budget only ever acts before a submit.
final class Budget: Sendable {
    enum Verdict: Sendable, Equatable {
        case fits
        /// The job would take the total past the limit.
        case over(counted: Money, estimate: Money, limit: Money)
        /// The job has no estimate in the limit's currency, so its cost cannot be bounded.
        case unpriced(reason: String)
    }

    private struct State {
        /// Spend counted so far in the limit's currency (nil: no limit, nothing to count against).
        var committed: Money?
        /// Why submitting stopped: the first job that did not fit, named, with the reason.
        var stopMessage: String?
    }

    private let limit: Money?
    /// Synchronous (a lock, not an actor): the submit window reserves while it hands out places
    /// in manifest order, in the same step (`SubmitWindow.acquire`).
    private let state: Mutex<State>

    init(limit: Money?, alreadyCounted: Money?) {
        self.limit = limit
        let committed = limit.map { limit in alreadyCounted.flatMap { $0.adding(Money.zero(limit.currency)) } ?? Money.zero(limit.currency) }
        state = Mutex(State(committed: committed))
    }

    /// Spend counted so far in the limit's currency (nil without a limit).
    var committed: Money? { state.withLock { $0.committed } }

    /// Reserves `estimate`. Without a limit every job fits.
    func reserve(_ estimate: PriceEstimate?) -> Verdict {
        state.withLock { state in
            guard let limit, let committed = state.committed else { return .fits }
            guard let estimate else { return .unpriced(reason: "it has no price estimate") }
            guard let total = committed.adding(estimate.money) else {
                return .unpriced(reason: "its estimate is in \(estimate.money.currency.code) (\(estimate.text)) and --max-cost is in \(limit.currency.code)")
            }
            guard total.amount <= limit.amount else { return .over(counted: committed, estimate: estimate.money, limit: limit) }
            state.committed = total
            return .fits
        }
    }

    func refund(_ estimate: PriceEstimate?) {
        state.withLock { state in
            guard let estimate, let committed = state.committed,
                  let back = committed.adding(Money(-estimate.money.amount, estimate.money.currency)) else { return }
            state.committed = back
        }
    }

    /// Why submitting stopped: the first job that did not fit, named, with the reason.
    var stopMessage: String? { state.withLock { $0.stopMessage } }

    func recordStop(_ message: String) {
        state.withLock { state in
            if state.stopMessage == nil { state.stopMessage = message }
        }
    }

    /// A charge came in for a task reserved at `estimate`: count the charge instead.
    func settle(estimate: PriceEstimate?, charge: Money?) {
        state.withLock { state in
            guard let charge, let committed = state.committed else { return }
            let reserved = estimate?.money.currency == charge.currency ? estimate?.money.amount ?? 0 : 0
            if let updated = committed.adding(Money(charge.amount - reserved, charge.currency)) { state.committed = updated }
        }
    }
}
