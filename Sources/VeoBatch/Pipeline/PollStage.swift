import Foundation
import Logging

/// The one poller of a run: every task's `query` goes through it, about every `pollInterval`
/// with jitter, under a shared request-rate cap (token bucket), at most `pollParallelism` at once.
///
/// A job asks for `updates(taskID:)` and reads the stream until a verdict arrives. The stream
/// ends without a verdict only when the run is cancelled.
actor PollStage {
    enum Update: Sendable {
        /// The task is still going and its status changed (e.g. QUEUED → RUNNING).
        case progressed(TaskSnapshot)
        /// The task ended: SUCCESS, FAILED or CANCEL (an error code on the answer counts as FAILED).
        case finished(TaskSnapshot)
        /// RunningHub refused the query for good (task not found, task failed).
        case failed(RunningHubError)
        /// `taskTimeout` passed in this run without a verdict, counted from the first RUNNING seen:
        /// a task waiting in RunningHub's queue is paid for and will run, so it never times out.
        case timedOut
        /// `pollFailureTolerance` queries in a row failed.
        case gaveUp(RunningHubError)
        /// The key or account stopped working.
        case accountProblem(RunningHubError)
    }

    private struct Tracked {
        var taskID: String
        var nextPoll: ContinuousClock.Instant
        /// Nil while the task is queued on the server; set when it is first seen RUNNING.
        var deadline: ContinuousClock.Instant?
        var failures = 0
        var lastStatus: TaskStatus?
        var querying = false
        /// The endpoint of a task this run submitted (it teaches and follows the endpoint's
        /// pace); nil for a task an earlier run left, whose submit time is not known here.
        var endpoint: String?
        /// When its submit was answered (for a task of an earlier run: when it was handed over).
        var submittedAt: ContinuousClock.Instant
        var continuation: AsyncStream<Update>.Continuation
    }

    private let api: any RunningHubAPI
    private let timing: RunTiming
    private let logger: Logger
    private let bucket: TokenBucket
    private var tracked: [Int: Tracked] = [:]
    private var pace = TaskPace()
    private var nextToken = 0
    private var ended = false
    /// Queries sent by this run.
    private(set) var queries = 0

    init(api: any RunningHubAPI, timing: RunTiming, logger: Logger) {
        self.api = api
        self.timing = timing
        self.logger = logger
        self.bucket = TokenBucket(rate: timing.pollRequestsPerSecond, capacity: max(1, timing.pollRequestsPerSecond))
    }

    /// Follows a task until it ends or this run's timeout passes. `firstPollAfter` is short for a
    /// task an earlier run left behind and one poll interval for a task just submitted.
    /// `submitted` gives the endpoint of a task this run just submitted and when its submit was
    /// answered: its success teaches the endpoint's pace, and it gets one query aimed at the pace
    /// learned so far (`TaskPace`).
    func updates(taskID: String, lastKnown: TaskStatus?, firstPollAfter: Duration,
                 submitted: (endpoint: String, at: ContinuousClock.Instant)? = nil) -> AsyncStream<Update> {
        let (stream, continuation) = AsyncStream.makeStream(of: Update.self)
        guard !ended else {
            continuation.finish()
            return stream
        }
        let token = nextToken
        nextToken += 1
        let now = ContinuousClock.now
        let submittedAt = submitted?.at ?? now
        tracked[token] = Tracked(taskID: taskID,
                                 nextPoll: pace.nextQuery(regular: now + firstPollAfter, now: now, endpoint: submitted?.endpoint,
                                                          submittedAt: submittedAt, interval: timing.pollInterval),
                                 deadline: lastKnown == .running ? now + timing.taskTimeout : nil,
                                 lastStatus: lastKnown, endpoint: submitted?.endpoint, submittedAt: submittedAt, continuation: continuation)
        continuation.onTermination = { _ in
            Task { await self.forget(token) }
        }
        return stream
    }

    /// The loop; runs until the run cancels it, then ends every open stream.
    func run() async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = ContinuousClock.now
                expire(now: now)
                let due = tracked.filter { !$0.value.querying && $0.value.nextPoll <= now }
                    .sorted { $0.value.nextPoll < $1.value.nextPoll }
                    .map(\.key)
                var busy = tracked.values.filter(\.querying).count
                for token in due where busy < timing.pollParallelism {
                    guard await bucket.take() else { break }
                    guard var entry = tracked[token], !entry.querying else { continue }
                    entry.querying = true
                    tracked[token] = entry
                    busy += 1
                    group.addTask { await self.poll(token: token, taskID: entry.taskID) }
                }
                guard await pause(sleepTime()) else { break }
            }
        }
        ended = true
        for entry in tracked.values { entry.continuation.finish() }
        tracked.removeAll()
    }

    private func sleepTime() -> Duration {
        let tick = min(max(timing.pollInterval / 10, .milliseconds(2)), .milliseconds(500))
        let now = ContinuousClock.now
        let next = tracked.values.filter { !$0.querying }.map { entry in entry.deadline.map { min(entry.nextPoll, $0) } ?? entry.nextPoll }.min()
        guard let next else { return tick }
        return min(max(next - now, .milliseconds(1)), tick)
    }

    private func expire(now: ContinuousClock.Instant) {
        for (token, entry) in tracked where !entry.querying {
            guard let deadline = entry.deadline, deadline <= now else { continue }
            finish(token, with: .timedOut)
        }
    }

    private func poll(token: Int, taskID: String) async {
        queries += 1
        let answer: Result<TaskSnapshot, RunningHubError>
        do {
            answer = .success(try await api.query(taskID: taskID))
        } catch let error as RunningHubError {
            answer = .failure(error)
        } catch {
            answer = .failure(RunningHubError(category: .transient, message: "The query failed: \(error).", route: "query"))
        }
        if Task.isCancelled { return }
        handle(token: token, answer: answer)
    }

    private func handle(token: Int, answer: Result<TaskSnapshot, RunningHubError>) {
        guard var entry = tracked[token] else { return }
        entry.querying = false
        let now = ContinuousClock.now
        switch answer {
        case .success(let snapshot):
            entry.failures = 0
            if snapshot.status.isTerminal || Self.hasErrorCode(snapshot) {
                // Counted to the answer, not to the send: the task may have ended only while the
                // query waited its turn, and an aim too early costs a whole interval.
                if snapshot.status == .success, let endpoint = entry.endpoint {
                    pace.learn(endpoint: endpoint, succeededWithin: now - entry.submittedAt)
                }
                finish(token, with: .finished(snapshot))
                return
            }
            if snapshot.status == .running, entry.deadline == nil {
                entry.deadline = now + timing.taskTimeout
            }
            if snapshot.status != entry.lastStatus {
                entry.lastStatus = snapshot.status
                entry.continuation.yield(.progressed(snapshot))
            }
            entry.nextPoll = pace.nextQuery(regular: now + timing.jittered(timing.pollInterval), now: now, endpoint: entry.endpoint,
                                            submittedAt: entry.submittedAt, interval: timing.pollInterval)
        case .failure(let error):
            switch error.category {
            case .auth, .insufficientBalance:
                finish(token, with: .accountProblem(error))
                return
            case .notFound, .taskFailed:
                finish(token, with: .failed(error))
                return
            case .capacity:
                // Rate limited: not the task's fault; wait longer, do not count it.
                entry.nextPoll = now + timing.jittered(timing.pollInterval * 2)
            case .transient, .outcomeUnknown, .protocolViolation, .invalidParameters:
                entry.failures += 1
                logger.info("Query failed.", metadata: ["task": "\(entry.taskID)", "failures": "\(entry.failures)", "error": "\(error.message)"])
                if entry.failures >= timing.pollFailureTolerance {
                    finish(token, with: .gaveUp(error))
                    return
                }
                entry.nextPoll = now + timing.jittered(timing.pollInterval)
            }
        }
        tracked[token] = entry
        if let deadline = entry.deadline, deadline <= now { finish(token, with: .timedOut) }
    }

    private func finish(_ token: Int, with update: Update) {
        guard let entry = tracked.removeValue(forKey: token) else { return }
        entry.continuation.yield(update)
        entry.continuation.finish()
    }

    private func forget(_ token: Int) {
        tracked.removeValue(forKey: token)
    }

    /// A non-terminal answer that carries an error code is a failure (runninghub-api.md §3.1).
    static func hasErrorCode(_ snapshot: TaskSnapshot) -> Bool {
        guard snapshot.status != .success, let code = snapshot.errorCode?.trimmingSpaces() else { return false }
        return !code.isEmpty && code != "0"
    }
}
