import Foundation
import Testing
@testable import VeoBatch

/// A run learns how long an endpoint's tasks take and aims one query of each later task at that
/// moment, without ever putting a regular query off.
@Suite struct TaskPaceTests {
    let start = ContinuousClock.now

    @Test func withNothingLearnedTheRegularTimeStands() {
        let pace = TaskPace()
        let regular = start + .seconds(5)
        #expect(pace.nextQuery(regular: regular, now: start, endpoint: "veo", submittedAt: start, interval: .seconds(5)) == regular)
    }

    @Test func theShortestSuccessOfTheEndpointIsAimedAt() {
        var pace = TaskPace()
        pace.learn(endpoint: "veo", succeededWithin: .seconds(3))
        pace.learn(endpoint: "veo", succeededWithin: .seconds(2))
        pace.learn(endpoint: "veo", succeededWithin: .seconds(4))
        // The shortest (2 s) plus the margin: min(interval / 10, 2 s / 50) = 40 ms.
        let next = pace.nextQuery(regular: start + .seconds(5), now: start, endpoint: "veo", submittedAt: start, interval: .seconds(5))
        #expect(next == start + .milliseconds(2040))
    }

    @Test func anotherEndpointAndATaskOfAnEarlierRunAreNotAimed() {
        var pace = TaskPace()
        pace.learn(endpoint: "veo", succeededWithin: .seconds(2))
        let regular = start + .seconds(5)
        #expect(pace.nextQuery(regular: regular, now: start, endpoint: "kling", submittedAt: start, interval: .seconds(5)) == regular)
        #expect(pace.nextQuery(regular: regular, now: start, endpoint: nil, submittedAt: start, interval: .seconds(5)) == regular)
    }

    @Test func anAimAlreadyPassedOrLaterThanTheRegularQueryChangesNothing() {
        var pace = TaskPace()
        pace.learn(endpoint: "veo", succeededWithin: .seconds(2))
        // Queried at the aim and still going: the regular interval runs from there.
        let afterAim = start + .milliseconds(2100)
        #expect(pace.nextQuery(regular: afterAim + .seconds(5), now: afterAim, endpoint: "veo", submittedAt: start,
                               interval: .seconds(5)) == afterAim + .seconds(5))
        // The regular query comes before the aim: it is never put off.
        #expect(pace.nextQuery(regular: start + .seconds(1), now: start, endpoint: "veo", submittedAt: start,
                               interval: .seconds(5)) == start + .seconds(1))
    }

    @Test func noTimeAtAllTeachesNothing() {
        var pace = TaskPace()
        pace.learn(endpoint: "veo", succeededWithin: .zero)
        let regular = start + .seconds(5)
        #expect(pace.nextQuery(regular: regular, now: start, endpoint: "veo", submittedAt: start, interval: .seconds(5)) == regular)
    }

    /// Through the run's poller: a task refused after 50 ms teaches nothing; a first task of 0.3 s
    /// teaches the pace; a second one, whose regular first query would come only after 30 s, is
    /// answered by the one aimed query.
    @Test func thePollerAimsALaterTaskAtTheLearnedPace() async throws {
        let api = ReadyAfter(delay: .milliseconds(300))
        let timing = RunTiming(pollInterval: .seconds(30), jitter: 0, pollRequestsPerSecond: 100)
        let poller = PollStage(api: api, timing: timing, logger: .init(label: "test"))
        let loop = Task { await poller.run() }
        defer { loop.cancel() }

        // Had the refusal taught a 50 ms pace, "first" would be queried at once, found running,
        // and next queried only after the 30 s interval.
        await api.create("refused", fails: true)
        let refused = await poller.updates(taskID: "refused", lastKnown: nil, firstPollAfter: .milliseconds(50),
                                           submitted: (endpoint: "veo", at: .now))
        #expect(try await Self.verdict(refused)?.status == .failed)

        await api.create("first")
        let first = await poller.updates(taskID: "first", lastKnown: nil, firstPollAfter: .milliseconds(400), submitted: (endpoint: "veo", at: .now))
        #expect(try await Self.verdict(first)?.status == .success)
        #expect(await api.queries(of: "first") == 1)

        await api.create("second")
        let second = await poller.updates(taskID: "second", lastKnown: nil, firstPollAfter: .seconds(30), submitted: (endpoint: "veo", at: .now))
        let verdict = try await Self.verdict(second, within: .seconds(15))
        #expect(verdict?.status == .success, "the second task was not aimed at: its first regular query is 30 s away")
        #expect(await api.queries(of: "second") == 1)

        // A task an earlier run left (no endpoint given) is not aimed at.
        await api.create("resumed")
        let resumed = await poller.updates(taskID: "resumed", lastKnown: nil, firstPollAfter: .seconds(30))
        #expect(try await Self.verdict(resumed, within: .seconds(2)) == nil)
        #expect(await api.queries(of: "resumed") == 0)
    }

    /// The finished snapshot of the stream, or nil when none came within `limit`.
    static func verdict(_ stream: AsyncStream<PollStage.Update>, within limit: Duration = .seconds(15)) async throws -> TaskSnapshot? {
        try await withThrowingTaskGroup(of: TaskSnapshot?.self) { group in
            group.addTask {
                for await update in stream {
                    if case .finished(let snapshot) = update { return snapshot }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

/// Tasks that succeed `delay` after they were created; every query is counted.
actor ReadyAfter: RunningHubAPI {
    let delay: Duration
    private var created: [String: ContinuousClock.Instant] = [:]
    private var failing: Set<String> = []
    private var counts: [String: Int] = [:]

    init(delay: Duration) { self.delay = delay }

    func create(_ taskID: String, fails: Bool = false) {
        created[taskID] = .now
        if fails { failing.insert(taskID) }
    }
    func queries(of taskID: String) -> Int { counts[taskID] ?? 0 }

    func query(taskID: String) async throws -> TaskSnapshot {
        counts[taskID, default: 0] += 1
        guard let made = created[taskID] else {
            throw RunningHubError(category: .notFound, code: "1004", message: "Task not found", route: "query")
        }
        if failing.contains(taskID) {
            return TaskSnapshot(taskID: taskID, status: .failed, errorCode: "1501", errorMessage: "refused")
        }
        let done = ContinuousClock.now - made >= delay
        return TaskSnapshot(taskID: taskID, status: done ? .success : .running,
                            results: done ? [TaskResult(url: "https://fake.result/\(taskID).mp4", outputType: "mp4")] : [])
    }

    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia { throw Unused() }
    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot { throw Unused() }
    func queueStatus() async throws -> QueueStatus { throw Unused() }
    func accountStatus() async throws -> AccountStatus { throw Unused() }
    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview { throw Unused() }
    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult { throw Unused() }

    struct Unused: Error {}
}
