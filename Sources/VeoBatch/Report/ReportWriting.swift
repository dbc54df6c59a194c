import Foundation

/// One report file in `OUT/MANIFEST-STEM/`, rendered from the journal after every run.
/// `report.csv` and `report.json` are built in; `report.html` plugs in through
/// `BatchRunConfiguration.extraReports` (or `ReportStage`'s `extra`).
public protocol ReportWriting: Sendable {
    /// The file name inside the manifest folder, e.g. `report.html`.
    var fileName: String { get }
    /// The file's bytes. `tree` lets a report link clips and inputs relative to itself.
    func render(_ report: RunReport, tree: OutputTree) throws -> Data
}

/// Writes every report and sidecar of a manifest from the journal. The journal is the only
/// state: running this on a journal alone rebuilds all of them.
public struct ReportStage: Sendable {
    public let journal: Journal
    public let tree: OutputTree
    public let extra: [any ReportWriting]

    public init(journal: Journal, tree: OutputTree, extra: [any ReportWriting] = []) {
        self.journal = journal
        self.tree = tree
        self.extra = extra
    }

    /// Writes the sidecars and the reports; returns the report files' paths.
    @discardableResult
    public func write(at date: Date = Date()) throws -> [String] {
        let report = try RunReport.load(journal: journal, tree: tree, at: date)
        for job in try journal.clipJobs(manifest: tree.manifestStem) {
            try Self.publishSidecar(job, tree: tree)
        }
        updateCurrentClipLinks(report)
        var written: [String] = []
        let writers: [any ReportWriting] = [ReportCSV(), ReportJSON()] + extra
        for writer in writers {
            let path = try tree.reportPath(fileName: writer.fileName)
            try Self.atomicWrite(try writer.render(report, tree: tree), to: path)
            written.append(path)
        }
        return written
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
    func updateCurrentClipLinks(_ report: RunReport) {
        var unsupported: String?
        for row in report.rows {
            guard let link = try? tree.currentClipPath(rowID: row.rowID) else { continue }
            let target = report.rowClips[row.rowID].flatMap { try? tree.absolute(fromOutputRelative: "\(tree.manifestStem)/\($0.clip)") }
            if case .unsupported(let reason) = CurrentClipLink.update(link: link, target: target) { unsupported = unsupported ?? reason }
        }
        if let unsupported {
            try? journal.appendEvent(manifest: tree.manifestStem, message: "The current-clip links were not made: \(unsupported).")
        }
    }

    /// Reports and sidecars are replaced whole (write a temporary file, then rename), so a reader
    /// never sees half a file. Clips never go through here.
    static func atomicWrite(_ data: Data, to path: String) throws {
        try FileWrite.replaceAtomically(path, with: data)
    }
}
