import Logging

/// Reads the account's queue status while submits wait for a place: at once when the run
/// starts submitting, after a capacity answer or when a task of the run ended (the window wakes
/// it), and every `queueStatusInterval` while submits wait. It never reads it when nothing
/// waits, so a rerun with nothing to submit sends no request at all.
struct CapacityWatch {
    let context: RunContext

    func run() async {
        let interval = context.timing.queueStatusInterval
        let tick = min(max(interval / 20, .milliseconds(2)), .milliseconds(250))
        // Task ends are seen one poll interval apart at best: reading the status more often than
        // a tenth of that gains no place sooner, and cost a request for every task that ended.
        let spacing = min(max(context.timing.pollInterval / 10, .milliseconds(10)), .milliseconds(500))
        var last: ContinuousClock.Instant?
        while !Task.isCancelled {
            let demand = await context.window.refreshDemand()
            if demand.wanted, let reason = demand.urgent ?? (last.map({ ContinuousClock.now - $0 >= interval }) ?? true ? .periodic : nil) {
                if last == nil { await checkKeyQuota() }
                await refresh(reason)
                last = .now
                guard await pause(spacing) else { return }
                continue
            }
            guard await waitForDemand(upTo: tick) else { return }
        }
    }

    /// Waits until the window wakes the watch or `tick` passes; false when the run was cancelled.
    private func waitForDemand(upTo tick: Duration) async -> Bool {
        let window = context.window
        let timer = Task {
            if await pause(tick) { await window.wakeWatch() }
        }
        await withTaskCancellationHandler {
            await window.waitForUrgentDemand()
        } onCancel: {
            Task { await window.wakeWatch() }
        }
        timer.cancel()
        return !Task.isCancelled
    }

    /// Once, when submitting starts: warns when the plan's estimate passes the key's remaining
    /// quota (GET /openapi/v2/api-key/list). A route that does not answer is only noted: the quota
    /// is advice, the submits themselves say when a key is refused.
    private func checkKeyQuota() async {
        guard context.plannedEstimate > 0 else { return }
        do {
            guard let quota = try await context.api.keyQuota() else { return }
            let currency = try? await context.api.accountStatus().currency
            let listCurrency = Currency.listPrices
            if let warning = quota.warning(estimate: context.plannedEstimate, estimateCurrency: listCurrency, accountCurrency: currency ?? nil) {
                context.logger.warning("\(warning)")
            } else if (currency ?? nil) != listCurrency, let remaining = quota.remaining {
                context.logger.notice("The key has \(remaining) of quota left, in the account's currency (\((currency ?? nil)?.code ?? "not reported")); the plan is estimated from list prices in \(listCurrency), so the two are not compared.")
            }
        } catch {
            if Task.isCancelled { return }
            context.logger.info("The key's quota could not be read (GET /openapi/v2/api-key/list did not answer).", metadata: ["error": "\(error)"])
        }
    }

    private func refresh(_ reason: SubmitWindow.RefreshReason) async {
        let ticket = await context.window.statusRequestStarted()
        do {
            let status = try await context.api.queueStatus()
            await context.window.update(status, ticket: ticket)
            let foreign = await context.window.foreignEstimate
            let places = await context.window.limit
            context.logger.debug("Queue status read (\(reason.rawValue)).", metadata: [
                "limit": "\(status.concurrentLimit)", "running": "\(status.runningCount)", "queued": "\(status.queuedCount)",
                "foreign": "\(foreign)", "places": "\(places)",
            ])
        } catch let error as RunningHubError where error.category == .auth || error.category == .insufficientBalance {
            await context.window.stop(.account(error.description))
        } catch {
            if Task.isCancelled { return }
            context.logger.warning("Could not read the queue status; going on with --concurrency alone.", metadata: ["error": "\(error)"])
            await context.window.update(nil, ticket: ticket)
        }
    }
}
