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
        for job in try journal.currentJobs(manifest: tree.manifestStem) where job.taskID != nil || job.state != .pending {
            try Self.writeSidecar(of: job, tree: tree)
        }
        var written: [String] = []
        let writers: [any ReportWriting] = [ReportCSV(), ReportJSON()] + extra
        for writer in writers {
            let path = try tree.reportPath(fileName: writer.fileName)
            try Self.atomicWrite(try writer.render(report, tree: tree), to: path)
            written.append(path)
        }
        return written
    }

    /// The sidecar of one job (`ROW/NAME.json`).
    static func writeSidecar(of job: JobRecord, tree: OutputTree) throws {
        let path = try tree.sidecarPath(rowID: job.rowID, outputName: job.outputName)
        try atomicWrite(try Sidecar.render(job, tree: tree), to: path)
    }

    /// Reports and sidecars are replaced whole (write a temporary file, then rename), so a reader
    /// never sees half a file. Clips never go through here.
    static func atomicWrite(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
