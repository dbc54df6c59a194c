import Foundation

/// `--max-cost`: the estimated spend of every submitted job (earlier runs included) plus the
/// one about to go must stay within the limit. A submit reserves its estimate before it leaves
/// and gives it back only when RunningHub certainly created nothing.
actor Budget {
    private let limit: Decimal?
    private(set) var committed: Decimal

    init(limit: Decimal?, alreadySubmitted: Decimal) {
        self.limit = limit
        self.committed = alreadySubmitted
    }

    /// Reserves `cost`; false when it would pass the limit. Without a limit every job fits.
    /// Under a limit, a job with no price estimate does not fit: its cost cannot be bounded.
    func reserve(_ cost: Decimal?) -> Bool {
        guard let limit else {
            committed += cost ?? 0
            return true
        }
        guard let cost, committed + cost <= limit else { return false }
        committed += cost
        return true
    }

    func refund(_ cost: Decimal?) {
        committed -= cost ?? 0
    }
}
