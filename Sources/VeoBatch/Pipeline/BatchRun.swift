import Foundation
import Logging

/// `veobatch run`: validated jobs in, clips and reports out. Idempotent and resumable: the
/// journal decides what is left to do, so running it again after a crash, a kill, a timeout or
/// a budget stop continues where it stood without submitting anything twice.
public enum BatchRun {
    /// Runs the jobs of one manifest into `configuration.outputDirectory`.
    ///
    /// Throws `BatchRunError` for jobs it refuses (exit 2), `JournalError.locked` when another
    /// run holds the folder (exit 3), and other `JournalError`s when the journal cannot be used.
    /// Everything that goes wrong with one row is recorded for that row and reported in the
    /// outcome instead. Cancelling the calling task stops submitting, keeps the state and
    /// returns an outcome marked `interrupted`.
    public static func run(configuration: BatchRunConfiguration, jobs: [JobSpec], rows: [BatchRow],
                           api: any RunningHubAPI, detector: any FileTypeDetecting, logger: Logger) async throws -> RunOutcome {
        try await run(configuration: configuration, plan: RunPlan(jobs: jobs, rows: rows), api: api, detector: detector, logger: logger)
    }

    /// The same, with the jobs kept on disk (`PlannedJobs`): how `veobatch run` calls it, so a
    /// long manifest is not held in memory for the whole run.
    public static func run(configuration: BatchRunConfiguration, plan: RunPlan,
                           api: any RunningHubAPI, detector: any FileTypeDetecting, logger: Logger) async throws -> RunOutcome {
        let jobs = plan.jobs
        let tree = try checkedTree(configuration)
        try JobCheck.check(jobs, tree: tree)
        // The validation that made the plan is over: its pages go back before the run fills its own.
        FreedMemory.release()
        if configuration.dryRun {
            if let path = configuration.manifestPath, let journal = try Journal.openReadOnly(outputDirectory: tree.outputDirectory) {
                try ManifestName.check(tree.manifestStem, path: path, journal: journal, outputDirectory: configuration.outputDirectory)
            }
            let digests = try digestInputs(jobs, settle: 0).files
            return try DryRun.plan(configuration: configuration, jobs: jobs.all(), tree: tree, digests: digests)
        }
        let lock = try JournalLock.acquire(outputDirectory: tree.outputDirectory)
        defer { lock.release() }
        let journal = try Journal.open(outputDirectory: tree.outputDirectory)
        if let path = configuration.manifestPath {
            try ManifestName.check(tree.manifestStem, path: path, journal: journal, outputDirectory: configuration.outputDirectory)
            try journal.claimManifestName(tree.manifestStem, path: path)
        }
        // The account's currency before anything is sent: every charge is in it, and a budget in
        // another one is refused here (exit 2), with nothing uploaded or submitted.
        let account = await accountCurrency(api, logger: logger)
        if let account { try journal.recordAccountCurrency(account) }
        let currency = try account ?? journal.accountCurrency()
        let limit = try MoneyRules.limit(configuration.maxCost, accountCurrency: currency)
        let prior = try limit.map { limit in try MoneyRules.counted(journal.spent(in: limit.currency)) }
        for job in try journal.recoverAfterInterruptedRun() {
            logger.notice("Recovered a job an earlier run left half-done.", metadata: ["row": "\(job.rowID)", "state": "\(job.state.rawValue)"])
        }
        do {
            // The rows are needed only here; this scope is their last.
            let rows = try completeRows(plan.takeRows(), for: jobs)
            try journal.recordRows(manifest: tree.manifestStem, rows: rows.rows, takes: rows.takes)
        }
        let digests = try digestInputs(jobs, settle: configuration.settleSeconds)
        for (path, reason) in digests.settling.sorted(by: { $0.key < $1.key }) {
            logger.notice("Input not used this run: \(reason).", metadata: ["file": "\(path)"])
        }
        try journal.appendEvent(manifest: tree.manifestStem, message: "Run started: \(jobs.count) jobs.")
        let standing = try standing(of: jobs, journal: journal, manifest: tree.manifestStem)
        FreedMemory.release()
        let context = RunContext(configuration: configuration, journal: journal, api: api, detector: detector, tree: tree,
                                 logger: logger, limit: limit, priorSpend: prior, chargeCurrency: currency, digests: digests,
                                 plannedEstimate: standing.planned)
        await context.window.adoptLiveTasks(standing.liveTasks)

        let failure = await execute(context, jobs: jobs)
        let interrupted = Task.isCancelled
        let stop = await context.window.stopReason
        FreedMemory.release()
        let reportFiles: [String]
        do {
            // The deferred commits (`Journal.Commit`) reach the disk before anything reports them.
            try journal.sync()
            reportFiles = try ReportStage(journal: journal, tree: tree, extra: configuration.extraReports).write()
        } catch {
            if let failure { throw failure }
            throw error
        }
        if let failure { throw failure }
        FreedMemory.release()
        var outcome = try outcome(of: jobs, journal: journal, tree: tree, listing: configuration.listing, waiting: context.settlingNotes)
        outcome.interrupted = interrupted
        outcome.reportFiles = reportFiles
        switch stop {
        case .budget:
            outcome.budgetStopped = true
            outcome.budgetMessage = context.budget.stopMessage
        case .account(let message): outcome.accountProblem = message
        case nil: break
        }
        try journal.appendEvent(manifest: tree.manifestStem, message: "Run ended: exit \(outcome.exitStatus.rawValue)\(interrupted ? " (interrupted)" : "").")
        return outcome
    }

    /// The job flows, run by a bounded set of workers that each pull the next job when they are
    /// free, with the poller and the queue-status watch beside them. A job that waits (for a
    /// submit place, its `@ROW` input or a transfer slot) holds a worker; a job not yet started is
    /// only an entry in `queue`, so a run's memory does not grow with the manifest. Returns the
    /// journal failure that ended the run early, if any.
    private static func execute(_ context: RunContext, jobs: PlannedJobs) async -> (any Error)? {
        await withTaskGroup(of: Void.self) { background in
            background.addTask { await context.poller.run() }
            background.addTask { await CapacityWatch(context: context).run() }
            var failure: (any Error)?
            do {
                let leftovers = try context.journal.supersededLiveJobs(manifest: context.manifest)
                // Results live 24 h: clips of tasks that already succeeded are fetched before
                // anything new is submitted (a new submit cannot take their place or their time).
                let downloads = try context.journal.currentJobs(manifest: context.manifest, state: .downloading)
                try await work(JobQueue(leftovers: downloads), workers: workerCount(context, jobs: downloads.count), inputRows: [], context)
                let order = try JobQueue.dependenciesFirst(jobs)
                let queue = JobQueue(leftovers: leftovers, jobs: jobs, order: order.indexes)
                try await work(queue, workers: workerCount(context, jobs: jobs.count + leftovers.count),
                               inputRows: order.inputRows, context)
            } catch {
                failure = error
            }
            background.cancelAll()
            return failure
        }
    }

    /// `workers` flows that each take the next job from `queue` until it is empty. Only the rows
    /// in `inputRows` (some job's `@ROW` input) have their outcome kept for their dependants.
    private static func work(_ queue: JobQueue, workers: Int, inputRows: Set<String>, _ context: RunContext) async throws {
        try await withThrowingDiscardingTaskGroup { flows in
            for _ in 0..<workers {
                flows.addTask {
                    while let next = try await queue.next() {
                        switch next {
                        case .leftover(let job):
                            _ = try await JobFlow(context: context).drive(job, ordinal: nil)
                        case .job(let spec, let ordinal):
                            let availability = try await JobFlow(context: context).run(spec, ordinal: ordinal)
                            // Whatever this job did, it no longer holds up the submits after it.
                            await context.window.pass(ordinal: ordinal)
                            if spec.take == 1, inputRows.contains(spec.rowID) { await context.outputs.publish(rowID: spec.rowID, availability) }
                        }
                    }
                }
            }
        }
    }

    /// Enough workers to keep every submit place busy (each task in flight holds one while it is
    /// followed) with uploads and downloads of the next jobs going on beside them, and a few more
    /// for jobs that settle at once (done, blocked) or wait for their `@ROW` input.
    static func workerCount(_ context: RunContext, jobs: Int) -> Int {
        let timing = context.timing
        let width = 2 * max(1, context.configuration.concurrency) + timing.uploadParallelism + timing.downloadParallelism + 8
        return max(1, min(jobs, width))
    }

    /// The rows as handed over, plus a plain one for any job whose row is missing, so the
    /// reports always list every job; and each row's number of takes.
    static func completeRows(_ rows: [BatchRow], for jobs: PlannedJobs) throws -> (rows: [BatchRow], takes: [String: Int]) {
        var complete = rows
        var known = Set(rows.map(\.id))
        var takes: [String: Int] = [:]
        try jobs.forEachOutline { _, job in
            takes[job.rowID] = max(takes[job.rowID] ?? 0, job.take)
            if known.insert(job.rowID).inserted {
                complete.append(BatchRow(id: job.rowID, line: job.line, prompt: job.prompt, carried: []))
            }
        }
        return (complete, takes)
    }

    /// accountStatus's `currency`, or nil when the account cannot be read now (the journal may
    /// remember it from an earlier run). Auth problems surface again at the first submit.
    private static func accountCurrency(_ api: any RunningHubAPI, logger: Logger) async -> Currency? {
        do {
            return try await api.accountStatus().currency
        } catch {
            logger.notice("accountStatus failed; the account's currency is taken from the journal", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private static func checkedTree(_ configuration: BatchRunConfiguration) throws -> OutputTree {
        do {
            return try OutputTree(outputDirectory: configuration.outputDirectory, manifestStem: configuration.manifestStem)
        } catch {
            throw BatchRunError("The output folder cannot be used: \(error)")
        }
    }

    /// SHA-256 of every distinct local input, read once (streamed). A file that changed within
    /// the last `settle` seconds is not read at all, and one that changes while it is read is
    /// set aside too: their rows wait for the next run (`InputSettle`).
    static func digestInputs(_ jobs: PlannedJobs, settle: Double) throws -> InputDigests {
        var digests = InputDigests()
        try jobs.forEachOutline { _, job in
            for media in job.media {
                guard case .file(let path) = media.source, digests.files[path] == nil, digests.settling[path] == nil else { continue }
                if let reason = InputSettle.reason(path: path, window: settle) {
                    digests.settling[path] = reason
                    continue
                }
                do {
                    let digest = try InputSettle.digest(path: path)
                    if digest.steady {
                        digests.files[path] = digest.file
                    } else {
                        digests.settling[path] = "\(path) changed while it was being read: it may still be being written"
                    }
                } catch {
                    throw BatchRunError("Row \(job.rowID) (line \(job.line)): \(error) Nothing was uploaded or submitted.")
                }
            }
        }
        return digests
    }

    /// Where the plan stands in the journal before anything is sent, in one read of each take:
    /// what the takes still to submit are estimated at (`planned`), and the jobs with a task on
    /// RunningHub that this run will follow: this manifest's current jobs and superseded ones
    /// still finishing. Those count as this run's own load from the start, so the first queue
    /// status read does not take them for someone else's tasks.
    static func standing(of jobs: PlannedJobs, journal: Journal, manifest: String) throws -> (planned: Decimal, liveTasks: [Int64]) {
        var planned = Decimal(0)
        var ids: [Int64] = []
        try jobs.forEachOutline { _, spec in
            let job = try journal.currentJob(manifest: manifest, rowID: spec.rowID, take: spec.take)
            if [nil, .pending, .uploading].contains(job?.state) { planned += spec.estimatedCost ?? 0 }
            if let job, job.state.hasLiveTask, job.state != .downloading, let id = job.id {
                ids.append(id)
            }
        }
        for job in try journal.supersededLiveJobs(manifest: manifest)
        where job.state.hasLiveTask && job.state != .downloading {
            if let id = job.id { ids.append(id) }
        }
        return (planned, ids)
    }

    /// `waiting`: output name → why a take without a job waits (a settling input).
    static func outcome(of jobs: PlannedJobs, journal: Journal, tree: OutputTree, listing: RunOutcome.Listing = .everyTake,
                        waiting: [String: String] = [:]) throws -> RunOutcome {
        var outcome = try RunOutcome(manifest: tree.manifestStem, listing: listing) { add in
            try jobs.forEachOutline { _, spec in add(try summary(of: spec, journal: journal, tree: tree, waiting: waiting)) }
        }
        outcome.spent = try journal.spent(manifest: tree.manifestStem)
        let folder = try journal.spent()
        if folder != outcome.spent { outcome.folderSpent = folder }
        return outcome
    }

    /// One take's line of the outcome: where its current job stands, or pending when it has none.
    private static func summary(of spec: JobOutline, journal: Journal, tree: OutputTree, waiting: [String: String]) throws -> RunOutcome.Job {
        guard let job = try journal.currentJob(manifest: tree.manifestStem, rowID: spec.rowID, take: spec.take) else {
            return RunOutcome.Job(rowID: spec.rowID, take: spec.take, outputName: spec.outputName, state: .pending, taskID: nil,
                                  estimate: .listPrice(spec.estimatedCost), charge: nil, outputPath: nil,
                                  errorCode: waiting[spec.outputName] == nil ? nil : "settling",
                                  errorMessage: waiting[spec.outputName], outputMissing: false)
        }
        var missing = false
        if job.state == .done {
            let path = job.outputPath.flatMap { try? tree.absolute(fromOutputRelative: $0) }
            missing = path.map { !FileManager.default.fileExists(atPath: $0) } ?? true
        }
        var summary = RunOutcome.Job(rowID: job.rowID, take: job.take, outputName: job.outputName, state: job.state, taskID: job.taskID,
                                     estimate: job.priceEstimate, charge: job.charge, outputPath: job.outputPath,
                                     errorCode: job.errorCode, errorMessage: job.errorMessage, outputMissing: missing)
        if job.state == .done, let probe = job.probe {
            summary.mismatches = ClipCheck.mismatches(probe: probe, endpoint: job.endpoint, requestBody: RunReport.requestBody(of: job))
        }
        return summary
    }
}
