import Foundation
import Logging
import Synchronization

/// Everything the job flows of one run share: the journal, the API, the stages and the
/// run-wide limits. Built once by `BatchRun`.
final class RunContext: Sendable {
    let configuration: BatchRunConfiguration
    let journal: Journal
    let api: any RunningHubAPI
    let detector: any FileTypeDetecting
    let tree: OutputTree
    let logger: Logger
    let uploads: UploadStage
    let window: SubmitWindow
    let budget: Budget
    /// Live estimates (price-preview), one per distinct priced body.
    let prices: PriceBook
    /// The currency every charge of this run is in: the account's.
    let chargeCurrency: Currency?
    let poller: PollStage
    let downloads: DownloadStage
    let outputs: RowOutputs
    /// Reads each downloaded clip's duration, size, frame rate and audio (the media worker).
    let prober = ClipProber()
    /// Makes each saved clip's filmstrip for report.html while the run goes on.
    let previews: ReportPreviews
    /// SHA-256 and size of every local input of the manifest, read once at the start, and the
    /// inputs left alone because they are still settling.
    let inputs: InputDigests
    var digests: [String: LocalFile] { inputs.files }
    /// Output name → why a take waits for its settling input, for the summary.
    private let waiting = Mutex<[String: String]>([:])
    /// The price-table estimate of the jobs this run may still submit, checked once against the
    /// key's remaining quota when submitting starts (`CapacityWatch`).
    let plannedEstimate: Decimal

    init(configuration: BatchRunConfiguration, journal: Journal, api: any RunningHubAPI, detector: any FileTypeDetecting,
         tree: OutputTree, logger: Logger, limit: Money?, priorSpend: Money?, chargeCurrency: Currency?,
         runStarted: Date = Date(), digests: InputDigests, plannedEstimate: Decimal = 0) {
        self.plannedEstimate = plannedEstimate
        self.configuration = configuration
        self.journal = journal
        self.api = api
        self.detector = detector
        self.tree = tree
        self.logger = logger
        self.inputs = digests
        let timing = configuration.timing
        let transfers = TransferReporter(sink: configuration.onTransfer)
        uploads = UploadStage(api: api, journal: journal, timing: timing, logger: logger, transfers: transfers,
                              beforeUpload: configuration.beforeUpload)
        budget = Budget(limit: limit, alreadyCounted: priorSpend)
        window = SubmitWindow(concurrency: configuration.concurrency, budget: budget)
        prices = PriceBook(api: api, journal: journal, runStarted: runStarted, logger: logger)
        self.chargeCurrency = chargeCurrency
        poller = PollStage(api: api, timing: timing, logger: logger)
        downloads = DownloadStage(api: api, detector: detector, tree: tree, timing: timing,
                                  acceptedTypes: configuration.acceptedOutputTypes,
                                  limit: WorkLimit(width: timing.downloadParallelism), logger: logger, transfers: transfers)
        outputs = RowOutputs()
        previews = ReportPreviews(tree: tree)
    }

    var manifest: String { configuration.manifestStem }
    var timing: RunTiming { configuration.timing }

    /// Moves a job in the journal (one transaction, committed before this returns; synced too
    /// unless `commit` is `.deferred`), then tells the progress display and the log.
    @discardableResult
    func move(_ job: JobRecord, to state: JobState, _ message: String? = nil, commit: Journal.Commit = .durable,
              change: (inout JobRecord) -> Void = { _ in }) throws -> JobRecord {
        let moved = try journal.move(job, to: state, message: message, commit: commit, change: change)
        if job.state != state {
            announce(moved, from: job.state, message: message)
        }
        return moved
    }

    /// Records something about a job without changing its state.
    @discardableResult
    func note(_ job: JobRecord, _ message: String, change: (inout JobRecord) -> Void = { _ in }) throws -> JobRecord {
        try journal.note(job, message: message, change: change)
    }

    /// A take that waits for a settling input: said in the log and the event stream (as a
    /// `pending → pending` line with the reason) and kept for the summary.
    func announceWaiting(_ spec: JobSpec, state: JobState, message: String) {
        waiting.withLock { $0[spec.outputName] = message }
        logger.info("\(message)", metadata: ["row": "\(spec.rowID)", "take": "\(spec.take)"])
        configuration.onEvent?(RunEvent(manifest: manifest, rowID: spec.rowID, take: spec.take, outputName: spec.outputName,
                                        from: state, to: state, taskID: nil, message: message))
    }

    var settlingNotes: [String: String] { waiting.withLock { $0 } }

    func announce(_ job: JobRecord, from: JobState?, message: String?) {
        logger.debug("\(from.map(\.rawValue) ?? "new") → \(job.state.rawValue)",
                     metadata: ["row": "\(job.rowID)", "take": "\(job.take)", "task": "\(job.taskID ?? "-")", "note": "\(message ?? "")"])
        if EventHooks.isTerminal(job.state) {
            // The sidecar is written now (not only with the reports at the end), so an
            // `--on-event` hook can read it the moment its take ends.
            do {
                try ReportStage.publishSidecar(job, tree: tree)
            } catch {
                logger.warning("Could not write the sidecar yet; the reports at the end write it.", metadata: ["row": "\(job.rowID)", "error": "\(error)"])
            }
        }
        configuration.onEvent?(RunEvent(manifest: job.manifest, rowID: job.rowID, take: job.take, outputName: job.outputName,
                                        from: from, to: job.state, taskID: job.taskID, message: message, time: job.updatedAt,
                                        outputPath: job.outputPath, estimate: job.estimate, charge: job.charge,
                                        errorCode: job.errorCode, errorMessage: job.errorMessage))
    }
}
