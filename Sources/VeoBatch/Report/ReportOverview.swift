import Foundation

/// What a report says about the whole batch before its takes (the counts per state, wall time,
/// spend, the carried column names), gathered in one pass over the pages so the takes can then
/// be written a page at a time.
public struct ReportOverview: Sendable {
    public var manifest: String
    public var generatedAt: Date
    /// Takes listed (one per take of every active row).
    public var jobs = 0
    public var counts: [JobState: Int] = [:]
    /// The carried columns (`x_*`, `note*`) in the order they first appear.
    public var carriedColumns: [String] = []
    /// Every task of the manifest in the ledger, added up.
    public var spent: LedgerTotal
    /// Tasks in the manifest's ledger, and how many of them are replaced versions or earlier attempts.
    public var ledgerCount = 0
    public var replacedCount = 0
    /// The manifest's ledger, page by page, oldest first.
    let forEachLedgerPage: @Sendable (([LedgerEntry]) throws -> Void) throws -> Void
    private var firstSubmit: Date?
    private var lastVerdict: Date?

    /// From the first submit to the last clip or verdict, across runs.
    public var wallTime: TimeInterval? {
        guard let firstSubmit, let lastVerdict, lastVerdict >= firstSubmit else { return nil }
        return lastVerdict.timeIntervalSince(firstSubmit)
    }

    /// The overview of a report held whole.
    public init(_ report: RunReport) {
        manifest = report.manifest
        generatedAt = report.generatedAt
        spent = report.spent
        ledgerCount = report.ledger.count
        replacedCount = report.ledger.filter { !$0.isCurrent }.count
        let ledger = report.ledger
        forEachLedgerPage = { body in if !ledger.isEmpty { try body(ledger) } }
        add(report)
    }

    /// The overview's journal figures; the takes are counted in with `add` page by page.
    init(manifest: String, generatedAt: Date, journal: Journal) throws {
        self.manifest = manifest
        self.generatedAt = generatedAt
        spent = try journal.spent(manifest: manifest)
        let counts = try journal.ledgerCounts(manifest: manifest)
        ledgerCount = counts.tasks
        replacedCount = counts.replaced
        forEachLedgerPage = { body in try journal.forEachLedgerPage(manifest: manifest, body) }
    }

    /// Counts in the takes of one page.
    mutating func add(_ page: RunReport) {
        jobs += page.entries.count
        for name in page.carriedColumns where !carriedColumns.contains(name) { carriedColumns.append(name) }
        for entry in page.entries {
            counts[entry.state, default: 0] += 1
            if let start = entry.timings.first(where: { $0.state == .submitting })?.at, start < firstSubmit ?? .distantFuture {
                firstSubmit = start
            }
            if let end = entry.timings.last(where: { [.done, .failed, .timeout, .expired].contains($0.state) })?.at,
               end > lastVerdict ?? .distantPast {
                lastVerdict = end
            }
        }
    }
}

/// A report file written a page of takes at a time (`ReportStage` streams the built-in reports
/// this way). `render` comes for free: the whole report as one page.
protocol PagedReport: ReportWriting {
    func session(_ overview: ReportOverview, tree: OutputTree, into file: StreamedFile) throws -> any ReportSession
}

extension PagedReport {
    public func render(_ report: RunReport, tree: OutputTree) throws -> Data {
        let file = StreamedFile.memory()
        let session = try session(ReportOverview(report), tree: tree, into: file)
        try session.append(report)
        try session.finish()
        return file.data
    }

    public func start(_ overview: ReportOverview, tree: OutputTree, into file: StreamedFile) throws -> (any ReportSession)? {
        try session(overview, tree: tree, into: file)
    }
}

/// One report file being written: pages of takes in manifest order, then the end.
public protocol ReportSession: AnyObject {
    func append(_ page: RunReport) throws
    func finish() throws
}
