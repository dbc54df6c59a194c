import Foundation
import Logging

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
    /// Reads each downloaded clip's duration, size, frame rate and audio (ffprobe).
    let prober = ClipProber()
    /// SHA-256 and size of every local input of the manifest, read once at the start.
    let digests: [String: LocalFile]
    /// The price-table estimate of the jobs this run may still submit, checked once against the
    /// key's remaining quota when submitting starts (`CapacityWatch`).
    let plannedEstimate: Decimal

    init(configuration: BatchRunConfiguration, journal: Journal, api: any RunningHubAPI, detector: any FileTypeDetecting,
         tree: OutputTree, logger: Logger, limit: Money?, priorSpend: Money?, chargeCurrency: Currency?,
         runStarted: Date = Date(), digests: [String: LocalFile], plannedEstimate: Decimal = 0) {
        self.plannedEstimate = plannedEstimate
        self.configuration = configuration
        self.journal = journal
        self.api = api
        self.detector = detector
        self.tree = tree
        self.logger = logger
        self.digests = digests
        let timing = configuration.timing
        let transfers = TransferReporter(sink: configuration.onTransfer)
        uploads = UploadStage(api: api, journal: journal, timing: timing, logger: logger, transfers: transfers)
        window = SubmitWindow(concurrency: configuration.concurrency)
        budget = Budget(limit: limit, alreadyCounted: priorSpend)
        prices = PriceBook(api: api, journal: journal, runStarted: runStarted, logger: logger)
        self.chargeCurrency = chargeCurrency
        poller = PollStage(api: api, timing: timing, logger: logger)
        downloads = DownloadStage(api: api, detector: detector, tree: tree, timing: timing,
                                  acceptedTypes: configuration.acceptedOutputTypes,
                                  limit: WorkLimit(width: timing.downloadParallelism), logger: logger, transfers: transfers)
        outputs = RowOutputs()
    }

    var manifest: String { configuration.manifestStem }
    var timing: RunTiming { configuration.timing }

    /// Moves a job in the journal (one transaction, committed before this returns), then tells
    /// the progress display and the log.
    @discardableResult
    func move(_ job: JobRecord, to state: JobState, _ message: String? = nil,
              change: (inout JobRecord) -> Void = { _ in }) throws -> JobRecord {
        let moved = try journal.move(job, to: state, message: message, change: change)
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

    func announce(_ job: JobRecord, from: JobState?, message: String?) {
        logger.debug("\(from.map(\.rawValue) ?? "new") → \(job.state.rawValue)",
                     metadata: ["row": "\(job.rowID)", "take": "\(job.take)", "task": "\(job.taskID ?? "-")", "note": "\(message ?? "")"])
        configuration.onEvent?(RunEvent(manifest: job.manifest, rowID: job.rowID, take: job.take, outputName: job.outputName,
                                        from: from, to: job.state, taskID: job.taskID, message: message, time: job.updatedAt))
    }
}
