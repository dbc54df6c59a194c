import Foundation

/// What the live display shows at one moment: a plain value, so the terminal drawing can be
/// tested from a hand-made snapshot without a terminal (`ProgressFrame`).
public struct ProgressSnapshot: Sendable, Hashable {
    /// One upload or download under way.
    public struct Transfer: Sendable, Hashable {
        public var direction: TransferUpdate.Direction
        public var name: String
        public var bytesDone: Int64
        public var bytesTotal: Int64?
        /// Over the last few seconds; nil until there is enough to tell.
        public var bytesPerSecond: Double?

        public init(direction: TransferUpdate.Direction, name: String, bytesDone: Int64, bytesTotal: Int64?, bytesPerSecond: Double?) {
            self.direction = direction
            self.name = name
            self.bytesDone = bytesDone
            self.bytesTotal = bytesTotal
            self.bytesPerSecond = bytesPerSecond
        }
    }

    /// One take between its first upload and its clip on disk.
    public struct Flight: Sendable, Hashable {
        public var outputName: String
        public var state: JobState
        public var taskID: String?
        /// Since the take started moving (upload or submit).
        public var elapsed: TimeInterval

        public init(outputName: String, state: JobState, taskID: String?, elapsed: TimeInterval) {
            self.outputName = outputName
            self.state = state
            self.taskID = taskID
            self.elapsed = elapsed
        }
    }

    public var manifest: String
    /// Takes of the manifest this run handles.
    public var total: Int
    public var counts: [JobState: Int]
    public var transfers: [Transfer]
    /// Oldest first.
    public var inFlight: [Flight]
    /// Since the run started.
    public var elapsed: TimeInterval
    /// Time left at the pace of this run so far; nil until a take has finished.
    public var eta: TimeInterval?

    public init(
        manifest: String, total: Int, counts: [JobState: Int], transfers: [Transfer], inFlight: [Flight],
        elapsed: TimeInterval, eta: TimeInterval?
    ) {
        self.manifest = manifest
        self.total = total
        self.counts = counts
        self.transfers = transfers
        self.inFlight = inFlight
        self.elapsed = elapsed
        self.eta = eta
    }
}
