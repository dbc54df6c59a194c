/// How many of this run's tasks may be on RunningHub at once:
/// `min(--concurrency, concurrentLimit − tasks on the account that are not ours)`.
///
/// A job takes a place before it submits and gives it back when its task ends (or the submit
/// created nothing). Places go out in manifest order. No place is given before the account's
/// queue status has been read once, so the first submits already respect the account's limit.
actor SubmitWindow {
    enum Grant: Sendable, Equatable {
        case granted
        /// Submitting has stopped for the whole run (budget or account).
        case stopped
        case cancelled
    }

    enum StopReason: Sendable, Equatable {
        case budget
        case account(String)
    }

    private struct Waiter {
        var ordinal: Int
        var token: Int
        var continuation: CheckedContinuation<Grant, Never>
    }

    private let concurrency: Int
    /// `concurrentLimit − foreign tasks` from the last queue status; nil when never read.
    private var accountRoom: Int?
    private var statusKnown = false
    private var refreshWanted = false
    private var waiting: [Waiter] = []
    private var nextToken = 0
    private(set) var inFlight = 0
    /// The most places ever out at once, for tests and the summary.
    private(set) var maxInFlight = 0
    private(set) var stopReason: StopReason?

    init(concurrency: Int) {
        self.concurrency = max(1, concurrency)
    }

    /// The number of places right now.
    var limit: Int {
        max(0, min(concurrency, accountRoom ?? concurrency))
    }

    func acquire(ordinal: Int) async -> Grant {
        if stopReason != nil { return .stopped }
        let token = nextToken
        nextToken += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: .cancelled)
                    return
                }
                waiting.append(Waiter(ordinal: ordinal, token: token, continuation: continuation))
                if !statusKnown { refreshWanted = true }
                grantWhatFits()
            }
        } onCancel: {
            Task { await self.cancelWaiter(token: token) }
        }
    }

    /// Gives a place back: the task ended, timed out, or the submit created nothing.
    func release() {
        inFlight = max(0, inFlight - 1)
        grantWhatFits()
    }

    /// Counts a task of an earlier run that this run keeps following.
    func adopt() {
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    /// Takes in a queue status answer; nil when reading it failed (then `--concurrency` alone
    /// rules until the next read).
    func update(_ status: QueueStatus?) {
        statusKnown = true
        refreshWanted = false
        if let status, status.concurrentLimit > 0 {
            let foreign = max(0, status.runningCount + status.queuedCount - inFlight)
            accountRoom = status.concurrentLimit - foreign
        }
        grantWhatFits()
    }

    /// Asks for a fresh queue status soon (after a capacity answer).
    func requestRefresh() {
        refreshWanted = true
    }

    /// Whether the queue status should be read: someone waits for a place. `urgent` when the
    /// status was never read or a capacity answer asked for it.
    func refreshDemand() -> (wanted: Bool, urgent: Bool) {
        (!waiting.isEmpty, refreshWanted || !statusKnown)
    }

    /// Stops all submitting; every waiter and every later `acquire` gets `.stopped`.
    func stop(_ reason: StopReason) {
        if stopReason == nil { stopReason = reason }
        let stopped = waiting
        waiting.removeAll()
        for waiter in stopped { waiter.continuation.resume(returning: .stopped) }
    }

    private func grantWhatFits() {
        guard statusKnown, stopReason == nil else { return }
        while inFlight < limit, let next = waiting.indices.min(by: { waiting[$0].ordinal < waiting[$1].ordinal }) {
            let waiter = waiting.remove(at: next)
            inFlight += 1
            maxInFlight = max(maxInFlight, inFlight)
            waiter.continuation.resume(returning: .granted)
        }
    }

    private func cancelWaiter(token: Int) {
        guard let index = waiting.firstIndex(where: { $0.token == token }) else { return }
        waiting.remove(at: index).continuation.resume(returning: .cancelled)
    }
}
