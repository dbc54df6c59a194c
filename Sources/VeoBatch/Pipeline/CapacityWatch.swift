import Logging

/// Reads the account's queue status while submits wait for a place: at once when the run
/// starts submitting or after a capacity answer, then every `queueStatusInterval`. It never
/// reads it when nothing waits, so a rerun with nothing to submit sends no request at all.
struct CapacityWatch {
    let context: RunContext

    func run() async {
        let interval = context.timing.queueStatusInterval
        let tick = min(max(interval / 20, .milliseconds(2)), .milliseconds(250))
        var last: ContinuousClock.Instant?
        while !Task.isCancelled {
            let demand = await context.window.refreshDemand()
            if demand.wanted, demand.urgent || last.map({ ContinuousClock.now - $0 >= interval }) ?? true {
                await refresh()
                last = .now
            }
            guard await pause(tick) else { return }
        }
    }

    private func refresh() async {
        let ticket = await context.window.statusRequestStarted()
        do {
            let status = try await context.api.queueStatus()
            context.logger.debug("Queue status.", metadata: [
                "limit": "\(status.concurrentLimit)", "running": "\(status.runningCount)", "queued": "\(status.queuedCount)",
            ])
            await context.window.update(status, ticket: ticket)
        } catch let error as RunningHubError where error.category == .auth || error.category == .insufficientBalance {
            await context.window.stop(.account(error.description))
        } catch {
            if Task.isCancelled { return }
            context.logger.warning("Could not read the queue status; going on with --concurrency alone.", metadata: ["error": "\(error)"])
            await context.window.update(nil, ticket: ticket)
        }
    }
}
