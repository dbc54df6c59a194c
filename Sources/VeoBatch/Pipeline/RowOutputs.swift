/// Where each row's first take ended up, for rows that use it as input (`@ROW`).
/// Every job flow publishes exactly once; waiters block until the row they need is settled.
actor RowOutputs {
    enum Availability: Sendable, Hashable {
        /// The clip is on disk.
        case ready(LocalFile)
        /// The row ended without a clip. `blocks` is true when it ended in trouble (failed,
        /// blocked, unknown, timeout, clip lost); false when it simply is not done yet (pending,
        /// stopped by the budget or the account) and a later run may still make it.
        case unavailable(state: JobState, blocks: Bool)
        /// The run was cancelled while waiting.
        case interrupted
    }

    private var settled: [String: Availability] = [:]
    private var waiters: [String: [Int: CheckedContinuation<Availability, Never>]] = [:]
    private var nextWaiter = 0

    func publish(rowID: String, _ availability: Availability) {
        guard settled[rowID] == nil else { return }
        settled[rowID] = availability
        for waiter in (waiters.removeValue(forKey: rowID) ?? [:]).values {
            waiter.resume(returning: availability)
        }
    }

    func wait(for rowID: String) async -> Availability {
        if let known = settled[rowID] { return known }
        let token = nextWaiter
        nextWaiter += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: .interrupted)
                } else {
                    waiters[rowID, default: [:]][token] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWait(rowID: rowID, token: token) }
        }
    }

    private func cancelWait(rowID: String, token: Int) {
        waiters[rowID]?.removeValue(forKey: token)?.resume(returning: .interrupted)
    }
}
