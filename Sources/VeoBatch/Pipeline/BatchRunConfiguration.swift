import Foundation

/// What one `veobatch run` should do, as plain values (the command turns its flags into this).
public struct BatchRunConfiguration: Sendable {
    /// `--out`: the output folder (it gets `MANIFEST-STEM/` and `.veobatch/`).
    public var outputDirectory: String
    /// The manifest's file name without extension: the folder the clips and reports go in.
    public var manifestStem: String
    /// `--concurrency`: tasks of this run in flight at most (the account's limit may be lower).
    public var concurrency: Int
    /// `--max-cost`: what the folder's ledger may reach (charges, and estimates standing in for
    /// charges not reported yet), in its own currency or the account's.
    public var maxCost: MoneyLimit?
    /// The manifest file's absolute path: the name `manifestStem` in the folder belongs to it
    /// (a second manifest with the same stem is refused, see `ManifestName`). nil in unit tests.
    public var manifestPath: String?
    /// `--dry-run`: plan only, no network, no journal changes.
    public var dryRun: Bool
    /// `--retry-failed`: give `failed` rows a new job.
    public var retryFailed: Bool
    public var timing: RunTiming
    /// MIME types (from the detector) a downloaded result may have. MP4 is what Veo returns;
    /// QuickTime is accepted too because some MP4s carry a `qt` brand and libmagic names them so.
    public var acceptedOutputTypes: Set<String>
    /// Extra report files written next to `report.csv`/`report.json` (e.g. `report.html`).
    public var extraReports: [any ReportWriting]
    /// Called on every state change, for the command's progress lines. Never blocks.
    public var onEvent: (@Sendable (RunEvent) -> Void)?
    /// Called as uploads and downloads move bytes (often: many times a second per transfer), for
    /// the live progress display. Never blocks; nil costs nothing.
    public var onTransfer: (@Sendable (TransferUpdate) -> Void)?
    /// `--settle`: a local input whose size or modification time changed less than this many
    /// seconds ago is not hashed, uploaded or submitted this run (0: only files that change
    /// while being read wait). The library default is 0; the command's is 10.
    public var settleSeconds: Double = 0
    /// Which takes the outcome lists (its tally counts them all). Every take by default; a
    /// `--quiet` run with no hook and no log asks for the noteworthy ones only.
    public var listing: RunOutcome.Listing = .everyTake
    /// Called with a file's path just before it is uploaded. A test seam (the end-to-end tests
    /// change a file there); nil in real runs.
    public var beforeUpload: (@Sendable (String) async -> Void)?

    public init(
        outputDirectory: String,
        manifestStem: String,
        concurrency: Int = BatchRunConfiguration.defaultConcurrency,
        maxCost: MoneyLimit? = nil,
        manifestPath: String? = nil,
        dryRun: Bool = false,
        retryFailed: Bool = false,
        timing: RunTiming = .standard,
        acceptedOutputTypes: Set<String> = ["video/mp4", "video/quicktime"],
        extraReports: [any ReportWriting] = [],
        onEvent: (@Sendable (RunEvent) -> Void)? = nil,
        onTransfer: (@Sendable (TransferUpdate) -> Void)? = nil
    ) {
        self.outputDirectory = outputDirectory
        self.manifestStem = manifestStem
        self.concurrency = concurrency
        self.maxCost = maxCost
        self.manifestPath = manifestPath
        self.dryRun = dryRun
        self.retryFailed = retryFailed
        self.timing = timing
        self.acceptedOutputTypes = acceptedOutputTypes
        self.extraReports = extraReports
        self.onEvent = onEvent
        self.onTransfer = onTransfer
    }

    /// Four tasks at once: enough to keep a batch moving, polite on a shared enterprise key, and
    /// the account's own `concurrentLimit` still caps it from below.
    public static let defaultConcurrency = 4
}

/// One state change of one job, for progress display.
public struct RunEvent: Sendable, Hashable {
    public var manifest: String
    public var rowID: String
    public var take: Int
    public var outputName: String
    public var from: JobState?
    public var to: JobState
    public var taskID: String?
    public var message: String?
    /// When the journal recorded the change.
    public var time: Date = Date()
    /// The clip, relative to the output folder (`done`).
    public var outputPath: String?
    /// The estimate and what RunningHub charged, each in its own currency (nil when unknown).
    public var estimate: Money?
    public var charge: Money?
    public var errorCode: String?
    public var errorMessage: String?
}
