import Foundation

/// What a run has learned about how long the tasks of each endpoint take: the shortest time from
/// a submit's answer to the answer of a query that found its task succeeded.
///
/// The poller aims one extra query of every later task of that endpoint just after that moment,
/// on top of its regular polling. A clip that takes as long as the fastest one so far is then
/// seen within a round trip, not half a poll interval later on average, and its submit place
/// goes to the next job at once. With many short tasks in turns, that lag was most of the gap
/// between a run and its ideal schedule. A task still going at the aimed query is polled at the
/// regular interval from there, so the aim never delays a verdict; at most it adds one query.
struct TaskPace: Sendable {
    private var shortest: [String: Duration] = [:]

    /// Records a success seen by a query answered `elapsed` after the submit was. Only
    /// successes teach: a task refused after a few seconds says nothing about when clips are ready.
    mutating func learn(endpoint: String, succeededWithin elapsed: Duration) {
        guard elapsed > .zero else { return }
        shortest[endpoint] = min(shortest[endpoint] ?? elapsed, elapsed)
    }

    /// When to query a task next: the regular time, or the aimed moment (the shortest success
    /// after the submit plus a small margin for clock noise) when that falls before it and is
    /// still ahead. `interval` bounds the margin: a tenth of it at most.
    func nextQuery(regular: ContinuousClock.Instant, now: ContinuousClock.Instant, endpoint: String?,
                   submittedAt: ContinuousClock.Instant, interval: Duration) -> ContinuousClock.Instant {
        guard let endpoint, let shortest = shortest[endpoint] else { return regular }
        let aim = submittedAt + shortest + min(interval / 10, shortest / 50)
        return aim > now && aim < regular ? aim : regular
    }
}
