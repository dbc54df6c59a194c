/// How many of this run's tasks may be on RunningHub at once:
/// `min(--concurrency, concurrentLimit − tasks on the account that are not ours)`.
///
/// A job takes a place before it submits and gives it back when its task ends (or the submit
/// created nothing). Places go out in manifest order: a job's first place waits until every
/// job before it has had one or has `pass`ed (it will not submit now, or waits for its `@ROW`
/// input), so how fast each job reaches the window (a price preview, a hash) never reorders the
/// submits, and `--max-cost` and an account stop always cut the manifest at one point (the
/// budget is reserved as the place is given, in the same step, so a later job can never take the
/// money first). A job that waits again after a capacity answer keeps its turn. No place is
/// given before the account's queue status has been read once, so the first submits already
/// respect the account's limit.
actor SubmitWindow {
    enum Grant: Sendable, Equatable {
        /// A place, and the job's estimate reserved in the budget.
        case granted
        /// The job's turn came and its estimate does not fit `--max-cost`: no place, and
        /// submitting has stopped here for the whole run.
        case overBudget(Budget.Verdict)
        /// Submitting has stopped for the whole run (budget or account).
        case stopped
        case cancelled
    }

    /// Why the queue status is read (logged, so a run's waits can be explained).
    enum RefreshReason: String, Sendable {
        case start = "first read"
        case capacity = "after a capacity answer"
        case taskEnded = "a task of this run ended"
        case periodic
    }

    enum StopReason: Sendable, Equatable {
        case budget
        case account(String)
    }

    /// What the window knew when a queue status request left, to judge the answer by.
    struct StatusTicket: Sendable {
        fileprivate var onServer: Int
        fileprivate var released: Int
    }

    private struct Waiter {
        var ordinal: Int
        var token: Int
        /// Reserved in `budget` when the place is given.
        var cost: PriceEstimate?
        var continuation: CheckedContinuation<Grant, Never>
    }

    private let concurrency: Int
    private let budget: Budget
    /// The lowest ordinal that has neither had a place nor passed: its job's turn comes first.
    private var turn = 0
    /// Ordinals above `turn` already served (granted or passed), waiting for `turn` to reach them.
    private var servedAhead = Set<Int>()
    /// The last queue status answer and what the window knew when it was asked for.
    private var lastStatus: (status: QueueStatus, ticket: StatusTicket)?
    private var statusKnown = false
    /// Why the queue status should be read before the next periodic read, if it should.
    private var refreshReason: RefreshReason?
    /// Jobs counted by `adoptLiveTasks` whose flow has not called `adopt` yet.
    private var preAdopted: Set<Int64> = []
    private var waiting: [Waiter] = []
    /// The capacity watch, while it waits for a reason to read the queue status.
    private var watch: CheckedContinuation<Void, Never>?
    private var watchWoken = false
    private var nextToken = 0
    private(set) var inFlight = 0
    /// The places whose task RunningHub has confirmed (a task id came back): the tasks of ours the
    /// queue status counts. A place granted but not yet submitted is not on the server yet.
    private var onServer = 0
    /// Confirmed tasks given back so far (only ever grows).
    private var releasedConfirmed = 0
    /// The most places ever out at once, for tests and the summary.
    private(set) var maxInFlight = 0
    private(set) var stopReason: StopReason?

    init(concurrency: Int, budget: Budget = Budget(limit: nil, alreadyCounted: nil)) {
        self.concurrency = max(1, concurrency)
        self.budget = budget
    }

    /// Jobs waiting for a place.
    var waitingCount: Int { waiting.count }

    /// The number of places right now: `min(--concurrency, concurrentLimit − foreign)`.
    ///
    /// `foreign = running + queued − ours`, where "ours" must never be overestimated (that would
    /// give away room that is not there). Of our tasks, the server surely counted those confirmed
    /// when the request left and not given back since; a task given back after the request may
    /// have ended on the server before it answered, so every give-back lowers the estimate. It is
    /// computed afresh each time, so the figure only gets more careful until the next read.
    var limit: Int {
        guard let (status, ticket) = lastStatus else { return concurrency }
        let ours = max(0, ticket.onServer - (releasedConfirmed - ticket.released))
        let foreign = max(0, status.runningCount + status.queuedCount - ours)
        return max(0, min(concurrency, status.concurrentLimit - foreign))
    }

    /// A place for the job at `ordinal`, once its turn comes, with `cost` reserved in the budget.
    func acquire(ordinal: Int, cost: PriceEstimate? = nil) async -> Grant {
        if stopReason != nil { return .stopped }
        let token = nextToken
        nextToken += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: .cancelled)
                    return
                }
                waiting.append(Waiter(ordinal: ordinal, token: token, cost: cost, continuation: continuation))
                if !statusKnown, refreshReason == nil { refreshReason = .start }
                // A read wanted before anyone waited (a capacity answer) is due now.
                if refreshReason != nil { wakeWatch() }
                grantWhatFits()
            }
        } onCancel: {
            Task { await self.cancelWaiter(token: token) }
        }
    }

    /// The job with this ordinal will not ask for its first place now (nothing to submit, a task
    /// to follow, or an `@ROW` input to wait for): later jobs need not wait for it.
    func pass(ordinal: Int) {
        serve(ordinal)
        grantWhatFits()
    }

    private func serve(_ ordinal: Int) {
        guard ordinal >= turn else { return }
        servedAhead.insert(ordinal)
        while servedAhead.remove(turn) != nil { turn += 1 }
    }

    /// Gives a place back: the task ended or timed out (`confirmed`), or the submit created
    /// nothing or has an unknown outcome.
    func release(confirmed: Bool) {
        inFlight = max(0, inFlight - 1)
        if confirmed {
            onServer = max(0, onServer - 1)
            releasedConfirmed += 1
            // The last queue status still counts the task that just ended (it is ours, but the
            // estimate above must now treat it as possibly foreign): read the status again at
            // once rather than idle until the next periodic read.
            if !waiting.isEmpty, refreshReason == nil { wantRefresh(.taskEnded) }
        }
        grantWhatFits()
    }

    /// The submit holding a place came back with a task id.
    func confirm() {
        onServer += 1
    }

    /// Counts a task of an earlier run that this run keeps following. A job counted up front by
    /// `adoptLiveTasks` is not counted twice.
    func adopt(jobID: Int64?) {
        if let jobID, preAdopted.remove(jobID) != nil { return }
        inFlight += 1
        onServer += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    /// Counts, before the first queue status read, the tasks an earlier run left that this run
    /// will follow: they are this folder's own load, never "tasks on the account that are not
    /// ours" (which made a rerun after an interruption idle until the next read).
    func adoptLiveTasks(_ jobIDs: [Int64]) {
        for id in jobIDs where preAdopted.insert(id).inserted {
            inFlight += 1
            onServer += 1
        }
        maxInFlight = max(maxInFlight, inFlight)
    }

    /// Call just before reading the queue status; hand the ticket to `update`.
    func statusRequestStarted() -> StatusTicket {
        StatusTicket(onServer: onServer, released: releasedConfirmed)
    }

    /// Takes in a queue status answer; nil when reading it failed (then the last answer, or
    /// `--concurrency` alone, rules until the next read).
    func update(_ status: QueueStatus?, ticket: StatusTicket) {
        statusKnown = true
        refreshReason = nil
        if let status, status.concurrentLimit > 0 {
            lastStatus = (status, ticket)
        }
        grantWhatFits()
    }

    /// Asks for a fresh queue status soon (after a capacity answer).
    func requestRefresh() {
        wantRefresh(.capacity)
    }

    /// Asks for a queue status read and wakes the watch waiting in `waitForUrgentDemand`: a
    /// place freed by a task that ended goes to the next job one status read later, not one
    /// watch tick later (a tick was a quarter second; with tasks ending in turns of fifty that was
    /// most of the gap between a run and its ideal schedule).
    private func wantRefresh(_ reason: RefreshReason) {
        refreshReason = reason
        wakeWatch()
    }

    /// Wakes the watch now, or makes its next wait return at once when it is not waiting.
    func wakeWatch() {
        if let watch {
            self.watch = nil
            watch.resume()
        } else {
            watchWoken = true
        }
    }

    /// Returns when a read became urgent, `wakeWatch` was called (the watch's own timer, the
    /// run's cancellation) or had been called since the last wait.
    func waitForUrgentDemand() async {
        await withCheckedContinuation { continuation in
            if watchWoken || (refreshReason != nil || !statusKnown) && !waiting.isEmpty {
                watchWoken = false
                continuation.resume()
            } else {
                watch = continuation
            }
        }
        watchWoken = false
    }

    /// Whether the queue status should be read: someone waits for a place. `urgent` (with its
    /// reason) when the status was never read, a capacity answer asked for it, or a task ended.
    func refreshDemand() -> (wanted: Bool, urgent: RefreshReason?) {
        (!waiting.isEmpty, refreshReason ?? (statusKnown ? nil : .start))
    }

    /// Tasks on the account counted as not this run's in the last estimate (for the log).
    var foreignEstimate: Int {
        guard let (status, ticket) = lastStatus else { return 0 }
        let ours = max(0, ticket.onServer - (releasedConfirmed - ticket.released))
        return max(0, status.runningCount + status.queuedCount - ours)
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
        while inFlight < limit,
              let next = waiting.indices.filter({ hasTurn(waiting[$0].ordinal) }).min(by: { waiting[$0].ordinal < waiting[$1].ordinal }) {
            let waiter = waiting.remove(at: next)
            let verdict = budget.reserve(waiter.cost)
            guard verdict == .fits else {
                // The first job in manifest order that does not fit ends submitting: every job
                // after it is stopped too, whatever it would cost.
                waiter.continuation.resume(returning: .overBudget(verdict))
                stop(.budget)
                return
            }
            serve(waiter.ordinal)
            inFlight += 1
            maxInFlight = max(maxInFlight, inFlight)
            waiter.continuation.resume(returning: .granted)
        }
    }

    /// Whether a waiter may have a place: it is the next in manifest order, or it was served once
    /// already and asks again after a capacity answer (it keeps its turn).
    private func hasTurn(_ ordinal: Int) -> Bool {
        ordinal <= turn || servedAhead.contains(ordinal)
    }

    private func cancelWaiter(token: Int) {
        guard let index = waiting.firstIndex(where: { $0.token == token }) else { return }
        waiting.remove(at: index).continuation.resume(returning: .cancelled)
    }
}
