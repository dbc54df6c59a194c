import Foundation

/// Follows one submitted task through the run's single poller until it ends, times out, or the
/// run stops, and records each change. A task that succeeds comes back `downloading` with its
/// result URL recorded; the job flow fetches it (the follower never calls back into the flow).
struct TaskFollower {
    let context: RunContext

    /// `initial` is the submit's own answer (it may already be final). `holdsPlace` tells whether
    /// the job already has a place in the submit window (a fresh submit) or takes one now (a task
    /// an earlier run left). The place is given back when following ends. (A thrown journal error
    /// ends the whole run, so no place needs giving back on that path.)
    func follow(_ start: JobRecord, initial: SubmitStage.Answer?, holdsPlace: Bool) async throws -> JobRecord {
        if !holdsPlace { await context.window.adopt(jobID: start.id) }
        return try await followHoldingPlace(start, initial: initial)
    }

    private func followHoldingPlace(_ start: JobRecord, initial answer: SubmitStage.Answer?) async throws -> JobRecord {
        let initial = answer?.snapshot
        var job = start
        guard let taskID = job.taskID, !taskID.isEmpty else {
            await context.window.release(confirmed: true)
            return try context.move(job, to: .unknown, "The job is marked submitted but has no task id.") {
                $0.errorCode = "no-task-id"
                $0.errorMessage = "The journal has no task id for this submitted job; settle it with `veobatch resolve`."
            }
        }
        if let initial, initial.status.isTerminal || PollStage.hasErrorCode(initial) {
            await countCharge(job, initial)
            await context.window.release(confirmed: true)
            return try await settle(job, initial)
        }
        let lastKnown: TaskStatus? = switch job.state {
        case .queued: .queued
        case .running: .running
        default: nil
        }
        let firstPoll = initial == nil ? Duration.zero : context.timing.jittered(context.timing.pollInterval)
        let updates = await context.poller.updates(taskID: taskID, lastKnown: lastKnown, firstPollAfter: firstPoll,
                                                   submitted: answer.map { (endpoint: job.endpoint, at: $0.arrivedAt) })
        for await update in updates {
            switch update {
            case .progressed(let snapshot):
                // Deferred: what the task is doing guards nothing here (the task id is on disk).
                if snapshot.status == .running, job.state != .running {
                    job = try context.move(job, to: .running, "Running.", commit: .deferred)
                } else if snapshot.status != .running, job.state != .queued {
                    job = try context.move(job, to: .queued, "Queued.", commit: .deferred)
                }
            case .finished(let snapshot):
                // The charge is counted before the place is given back, so the next job's budget
                // check already sees it.
                await countCharge(job, snapshot)
                await context.window.release(confirmed: true)
                return try await settle(job, snapshot)
            case .failed(let error):
                await context.window.release(confirmed: true)
                return try context.move(job, to: .failed, "The task failed: \(error.description)") {
                    $0.errorCode = error.code ?? "\(error.category)"
                    $0.errorMessage = error.description
                }
            case .timedOut:
                await context.window.release(confirmed: true)
                let minutes = Int((context.timing.taskTimeout.seconds / 60).rounded())
                let message = "No verdict \(minutes) min after it started RUNNING; task \(taskID) is kept and the next run polls it again."
                return try context.move(job, to: .timeout, message) {
                    $0.errorCode = "timeout"
                    $0.errorMessage = message
                }
            case .gaveUp(let error):
                await context.window.release(confirmed: true)
                let message = "Polling failed \(context.timing.pollFailureTolerance) times in a row (\(error.description)); task \(taskID) is kept and the next run polls it again."
                return try context.move(job, to: .timeout, message) {
                    $0.errorCode = error.code ?? "poll-failed"
                    $0.errorMessage = message
                }
            case .accountProblem(let error):
                await context.window.release(confirmed: true)
                await context.window.stop(.account(error.description))
                return try context.note(job, "Polling stopped: the key or account was refused (\(error.description)).")
            }
        }
        // The stream ended without a verdict: the run was cancelled. The state stays as it is.
        await context.window.release(confirmed: true)
        return job
    }

    /// Records a finished task: a success becomes `downloading`, with its result URL and charge.
    private func settle(_ job: JobRecord, _ snapshot: TaskSnapshot) async throws -> JobRecord {
        let usageJSON = snapshot.usage.map { String(decoding: (try? JSONEncoder().encode($0)) ?? Data(), as: UTF8.self) }
        let charged = snapshot.usage?.charged
        let currency = context.chargeCurrency
        guard snapshot.status == .success else {
            let code = snapshot.errorCode.flatMap { $0.isEmpty ? nil : $0 } ?? "\(snapshot.status)".lowercased()
            let detail = snapshot.errorMessage.flatMap { $0.isEmpty ? nil : $0 } ?? "no message"
            let message = "Task \(snapshot.taskID) ended \(Self.wire(snapshot.status)) with error \(code): \(detail)"
            return try context.move(job, to: .failed, message) {
                $0.errorCode = code
                $0.errorMessage = message
                $0.usageJSON = usageJSON
                $0.setCharge(charged, currency: currency)
            }
        }
        let clip = snapshot.results.first { $0.outputType?.lowercased() == "mp4" && !$0.url.isEmpty }
            ?? snapshot.results.first { !$0.url.isEmpty }
        guard let clip else {
            let message = "Task \(snapshot.taskID) succeeded but returned no result URL."
            return try context.move(job, to: .failed, message) {
                $0.errorCode = "no-result"
                $0.errorMessage = message
                $0.usageJSON = usageJSON
                $0.setCharge(charged, currency: currency)
            }
        }
        // Deferred: the download is free and its task id is on disk; after a power cut the task
        // is polled again and its success (and charge) seen again. The clip's `done` is synced.
        return try context.move(job, to: .downloading, "Task \(snapshot.taskID) succeeded; downloading.", commit: .deferred) {
            $0.resultURL = clip.url
            $0.resultSeenAt = Date()
            $0.usageJSON = usageJSON
            $0.setCharge(charged, currency: currency)
            $0.errorCode = nil
            $0.errorMessage = nil
        }
    }

    /// Tells `--max-cost` what the task really charged (it had counted the estimate).
    private func countCharge(_ job: JobRecord, _ snapshot: TaskSnapshot) async {
        guard let amount = snapshot.usage?.charged, let currency = context.chargeCurrency else { return }
        context.budget.settle(estimate: job.priceEstimate, charge: Money(amount, currency))
    }

    static func wire(_ status: TaskStatus) -> String {
        switch status {
        case .create: return "CREATE"
        case .queued: return "QUEUED"
        case .running: return "RUNNING"
        case .success: return "SUCCESS"
        case .failed: return "FAILED"
        case .cancelled: return "CANCELLED"
        case .other(let raw): return raw
        }
    }
}
