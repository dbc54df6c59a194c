/// Every wait, retry count and rate of a run in one value. `standard` follows runninghub-api.md
/// §4.4 and §8; tests pass millisecond schedules so they stay fast without timed assertions.
public struct RunTiming: Sendable, Hashable {
    /// Time between two queries of one task (before jitter).
    public var pollInterval: Duration
    /// ± this fraction of each wait is random, so many tasks do not poll in lockstep.
    public var jitter: Double
    /// The global cap on query requests per second, shared by every task (token bucket).
    public var pollRequestsPerSecond: Double
    /// Queries that may be in the air at once.
    public var pollParallelism: Int
    /// Consecutive failed queries of one task after which the run stops waiting for it (`timeout`).
    public var pollFailureTolerance: Int
    /// How long one run waits for a task before leaving it as `timeout` (the next run resumes it).
    public var taskTimeout: Duration
    /// Waits after capacity answers (421, 415, 1520, 429, 1003), in order; the last repeats.
    public var capacityBackoff: [Duration]
    /// Capacity answers one job tolerates in one run before it is left `pending` for the next run.
    public var capacityAnswersPerJob: Int
    /// Waits before retrying a submit that certainly created nothing; its count is the number of retries.
    public var submitRetryDelays: [Duration]
    /// Waits before retrying an upload; its count is the number of retries.
    public var uploadRetryDelays: [Duration]
    /// Calls to `downloadResult` per result (each resumes the `.part` file).
    public var downloadAttempts: Int
    public var downloadRetryDelay: Duration
    /// How often the account's queue status is read while submits wait for room.
    public var queueStatusInterval: Duration
    /// An upload's URL is reused while younger than this (the URL itself lives about a day).
    public var uploadReuseAge: Duration
    /// A result URL is tried while younger than this (RunningHub keeps results about 24 h).
    public var resultURLLifetime: Duration
    public var uploadParallelism: Int
    public var downloadParallelism: Int

    public init(
        pollInterval: Duration = .seconds(5),
        jitter: Double = 0.2,
        pollRequestsPerSecond: Double = 5,
        pollParallelism: Int = 4,
        pollFailureTolerance: Int = 5,
        taskTimeout: Duration = .seconds(30 * 60),
        capacityBackoff: [Duration] = [.seconds(30), .seconds(60), .seconds(120)],
        capacityAnswersPerJob: Int = 12,
        submitRetryDelays: [Duration] = [.seconds(2), .seconds(5), .seconds(15)],
        uploadRetryDelays: [Duration] = [.seconds(2), .seconds(5), .seconds(15)],
        downloadAttempts: Int = 4,
        downloadRetryDelay: Duration = .seconds(3),
        queueStatusInterval: Duration = .seconds(30),
        uploadReuseAge: Duration = .seconds(20 * 3600),
        resultURLLifetime: Duration = .seconds(24 * 3600),
        uploadParallelism: Int = 4,
        downloadParallelism: Int = 3
    ) {
        self.pollInterval = pollInterval
        self.jitter = jitter
        self.pollRequestsPerSecond = pollRequestsPerSecond
        self.pollParallelism = pollParallelism
        self.pollFailureTolerance = pollFailureTolerance
        self.taskTimeout = taskTimeout
        self.capacityBackoff = capacityBackoff
        self.capacityAnswersPerJob = capacityAnswersPerJob
        self.submitRetryDelays = submitRetryDelays
        self.uploadRetryDelays = uploadRetryDelays
        self.downloadAttempts = downloadAttempts
        self.downloadRetryDelay = downloadRetryDelay
        self.queueStatusInterval = queueStatusInterval
        self.uploadReuseAge = uploadReuseAge
        self.resultURLLifetime = resultURLLifetime
        self.uploadParallelism = uploadParallelism
        self.downloadParallelism = downloadParallelism
    }

    public static let standard = RunTiming()

    /// `base` scaled by a random factor in 1 ± jitter.
    func jittered(_ base: Duration) -> Duration {
        guard jitter > 0 else { return base }
        return base * Double.random(in: (1 - jitter)...(1 + jitter))
    }

    func capacityWait(afterAnswer number: Int) -> Duration {
        guard !capacityBackoff.isEmpty else { return .zero }
        let index = min(max(number - 1, 0), capacityBackoff.count - 1)
        return jittered(capacityBackoff[index])
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

extension RunTiming {
    /// The same schedule with every back-off and retry wait multiplied by `factor` (poll interval
    /// and task timeout are set on their own). End-to-end tests run the real binary with 0.001.
    public func scaled(by factor: Double) -> RunTiming {
        guard factor != 1 else { return self }
        func scale(_ duration: Duration) -> Duration { duration * factor }
        var timing = self
        timing.capacityBackoff = capacityBackoff.map(scale)
        timing.submitRetryDelays = submitRetryDelays.map(scale)
        timing.uploadRetryDelays = uploadRetryDelays.map(scale)
        timing.downloadRetryDelay = scale(downloadRetryDelay)
        timing.queueStatusInterval = scale(queueStatusInterval)
        return timing
    }
}
