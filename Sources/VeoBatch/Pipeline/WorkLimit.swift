/// At most `width` bodies at once (uploads, downloads); the rest wait their turn in order.
/// Waiting is not cancellable on purpose: a cancelled run cancels the bodies in front too,
/// so the queue drains at once and every body sees the cancellation itself.
actor WorkLimit {
    private let width: Int
    private var busy = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        self.width = max(1, width)
    }

    func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        if busy < width {
            busy += 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
        let result = await body()
        if waiting.isEmpty {
            busy -= 1
        } else {
            waiting.removeFirst().resume()
        }
        return result
    }
}

/// A request-rate cap: `capacity` requests at once, refilled at `rate` per second.
/// One bucket is shared by every poll so many tasks never exceed RunningHub's rate limit.
actor TokenBucket {
    private let rate: Double
    private let capacity: Double
    private var tokens: Double
    private var refilled: ContinuousClock.Instant

    init(rate: Double, capacity: Double) {
        self.rate = max(rate, 0.001)
        self.capacity = max(capacity, 1)
        self.tokens = max(capacity, 1)
        self.refilled = .now
    }

    /// Takes a token if one is there right now.
    func tryTake() -> Bool {
        refill()
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Waits for a token; false when the task was cancelled while waiting.
    func take() async -> Bool {
        while true {
            if tryTake() { return true }
            let wait = Duration.seconds((1 - tokens) / rate)
            do {
                try await Task.sleep(for: wait)
            } catch {
                return false
            }
        }
    }

    private func refill() {
        let now = ContinuousClock.now
        tokens = min(capacity, tokens + (now - refilled).seconds * rate)
        refilled = now
    }
}

/// Sleeps unless cancelled; false when the task was cancelled (before or during the wait).
func pause(_ duration: Duration) async -> Bool {
    guard !Task.isCancelled else { return false }
    guard duration > .zero else { return true }
    do {
        try await Task.sleep(for: duration)
        return true
    } catch {
        return false
    }
}
