import Foundation

/// One report file in `OUT/MANIFEST-STEM/`, rendered from the journal after every run.
/// `report.csv` and `report.json` are built in; `report.html` plugs in through
/// `BatchRunConfiguration.extraReports` (or `ReportStage`'s `extra`).
public protocol ReportWriting: Sendable {
    /// The file name inside the manifest folder, e.g. `report.html`.
    var fileName: String { get }
    /// The file's bytes. `tree` lets a report link clips and inputs relative to itself.
    func render(_ report: RunReport, tree: OutputTree) throws -> Data
    /// Starts writing the file a page of takes at a time into `file`; nil for a writer that only
    /// renders whole (it is handed the whole report, read from the journal once for it).
    func start(_ overview: ReportOverview, tree: OutputTree, into file: StreamedFile) throws -> (any ReportSession)?
}

extension ReportWriting {
    public func start(_ overview: ReportOverview, tree: OutputTree, into file: StreamedFile) throws -> (any ReportSession)? { nil }
}

/// Writes every report and sidecar of a manifest from the journal. The journal is the only
/// state: running this on a journal alone rebuilds all of them.
public struct ReportStage: Sendable {
    public let journal: Journal
    public let tree: OutputTree
    public let extra: [any ReportWriting]

    /// Rows read from the journal at a time: the reports of any batch are written in about the
    /// memory of this many rows.
    let pageSize: Int

    public init(journal: Journal, tree: OutputTree, extra: [any ReportWriting] = []) {
        self.init(journal: journal, tree: tree, extra: extra, pageSize: 200)
    }

    init(journal: Journal, tree: OutputTree, extra: [any ReportWriting], pageSize: Int) {
        self.journal = journal
        self.tree = tree
        self.extra = extra
        self.pageSize = pageSize
    }

    /// Writes the sidecars and the reports; returns the report files' paths.
    ///
    /// Two passes over the manifest a page at a time: the first publishes missing sidecars,
    /// updates the current-clip links and counts the overview (every report opens with the
    /// batch's figures); the second streams the takes into each report file.
    @discardableResult
    public func write(at date: Date = Date()) throws -> [String] {
        let manifest = tree.manifestStem
        let selections = try journal.selections(manifest: manifest)
        var overview = try ReportOverview(manifest: manifest, generatedAt: date, journal: journal)
        var unsupported: String?
        try forEachPage(selections: selections, at: date) { page, jobs in
            for job in jobs where job.state == .done && job.outputPath != nil {
                try Self.publishSidecar(job, tree: tree)
            }
            unsupported = unsupported ?? updateCurrentClipLinks(page)
            overview.add(page)
        }
        FreedMemory.release()
        if let unsupported {
            try? journal.appendEvent(manifest: manifest, message: "The current-clip links were not made: \(unsupported).")
        }

        let writers: [any ReportWriting] = [ReportCSV(), ReportJSON()] + extra
        var streams: [(file: StreamedFile, session: any ReportSession)] = []
        var whole: [(path: String, writer: any ReportWriting)] = []
        var written: [String] = []
        for writer in writers {
            let path = try tree.reportPath(fileName: writer.fileName)
            let file = try StreamedFile.replacing(path)
            if let session = try writer.start(overview, tree: tree, into: file) {
                streams.append((file, session))
            } else {
                whole.append((path, writer))
            }
            written.append(path)
        }
        try forEachPage(selections: selections, at: date) { page, _ in
            for stream in streams { try stream.session.append(page) }
        }
        for stream in streams {
            try stream.session.finish()
            try stream.file.commit()
        }
        if !whole.isEmpty {
            let report = try RunReport.load(journal: journal, tree: tree, at: date)
            for (path, writer) in whole {
                try Self.atomicWrite(try writer.render(report, tree: tree), to: path)
            }
        }
        return written
    }

    /// The manifest's rows a page at a time, as a report page with every job of those rows.
    private func forEachPage(selections: [String: SelectionRecord], at date: Date,
                             _ body: (RunReport, [JobRecord]) throws -> Void) throws {
        try journal.forEachRowPage(manifest: tree.manifestStem, size: pageSize) { rows in
            let jobs = try journal.jobs(manifest: tree.manifestStem, rowIDs: rows.map(\.rowID))
            try body(RunReport.page(rows: rows, jobs: jobs, selections: selections, tree: tree, at: date), jobs)
        }
    }

    /// Every clip gets its own sidecar, named after it (`ROW.mp4` → `ROW.json`, `ROW.v2.mp4` →
    /// `ROW.v2.json`), written once when the clip is in place and never rewritten: like the clip,
    /// a published sidecar is what someone may already have copied or checked in. A missing one
    /// (deleted by hand) is written again from the journal.
    static func publishSidecar(_ job: JobRecord, tree: OutputTree) throws {
        guard job.state == .done, let relative = job.outputPath else { return }
        let clip = try tree.absolute(fromOutputRelative: relative)
        guard clip.hasSuffix(".mp4") else { return }
        let path = String(clip.dropLast(".mp4".count)) + ".json"
        guard !FileManager.default.fileExists(atPath: path) else { return }
        try atomicWrite(try Sidecar.render(job, tree: tree), to: path)
    }

    /// `ROW/ROW.current.mp4` of every active row follows the row's current clip. A folder where
    /// no link can be made is reported once in the journal's history, not per row.
    /// Returns why links cannot be made in this folder, if they cannot.
    func updateCurrentClipLinks(_ report: RunReport) -> String? {
        var unsupported: String?
        for row in report.rows {
            guard let link = try? tree.currentClipPath(rowID: row.rowID) else { continue }
            let target = report.rowClips[row.rowID].flatMap { try? tree.absolute(fromOutputRelative: "\(tree.manifestStem)/\($0.clip)") }
            if case .unsupported(let reason) = CurrentClipLink.update(link: link, target: target) { unsupported = unsupported ?? reason }
        }
        return unsupported
    }

    /// Reports and sidecars are replaced whole (write a temporary file, then rename), so a reader
    /// never sees half a file. Clips never go through here.
    static func atomicWrite(_ data: Data, to path: String) throws {
        try FileWrite.replaceAtomically(path, with: data)
    }
}
