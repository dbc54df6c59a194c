import Foundation

/// A review command refusing what it was asked (no such row, take or version; a manifest to
/// choose): exit 2, and the message names what exists.
public struct ReviewRefusal: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// `veobatch select`: a person picks the take (and version) that stands for a row. Only the
/// journal changes (never the manifest); the reports, `ROW/ROW.current.mp4` and the export follow.
public enum Select {
    public struct Chosen: Sendable, Hashable {
        public var manifest: String
        public var rowID: String
        public var take: Int
        public var version: Int
        /// Relative to the output folder.
        public var clip: String
        /// `STEM/ROW/ROW.current.mp4`, relative to the output folder.
        public var currentPath: String
    }

    /// Records the choice, then rewrites the manifest's reports and current-clip links. Takes the
    /// run lock, so it refuses (exit 3) while a run works on the folder.
    public static func apply(
        outputDirectory: String, manifest: String?, rowID: String, take: Int, version: Int?,
        reports: [any ReportWriting] = [], at date: Date = Date()
    ) throws -> Chosen {
        guard FileManager.default.fileExists(atPath: Journal.path(outputDirectory: outputDirectory)) else {
            throw JournalError.missing(journalPath: Journal.path(outputDirectory: outputDirectory))
        }
        let lock = try JournalLock.acquire(outputDirectory: outputDirectory)
        defer { lock.release() }
        let journal = try Journal.open(outputDirectory: outputDirectory)
        let stem = try manifestHolding(rowID: rowID, manifest: manifest, journal: journal)
        let tree = try OutputTree(outputDirectory: outputDirectory, manifestStem: stem)
        let versions = ClipVersions.of(rowJobs: try journal.history(manifest: stem, rowID: rowID))
        let takes = Set(versions.map(\.take)).sorted()
        guard takes.contains(take) else {
            let have = takes.isEmpty ? "no take of \(rowID) has a clip yet" : "takes with a clip: \(takes.map(String.init).joined(separator: ", "))"
            throw ReviewRefusal("Row \(rowID) has no clip for take \(take) (\(have)).")
        }
        let mine = versions.filter { $0.take == take }
        let clip: ClipVersion
        if let version {
            guard let found = mine.first(where: { $0.version == version }) else {
                throw ReviewRefusal(
                    "Take \(take) of row \(rowID) has no version \(version) (versions: \(mine.map { "\($0.version) (\($0.fileName))" }.joined(separator: ", "))).")
            }
            clip = found
        } else {
            guard let newest = ClipVersions.newest(take: take, in: versions) else {
                throw ReviewRefusal("Take \(take) of row \(rowID) has no clip.")
            }
            clip = newest
        }
        let label = version.map { "take \(take) version \($0)" } ?? "take \(take) (its newest version)"
        try journal.recordSelection(
            SelectionRecord(manifest: stem, rowID: rowID, take: take, version: version, chosenAt: date),
            message: "Chosen with `veobatch select`: \(label), \(clip.fileName).")
        try ReportStage(journal: journal, tree: tree, extra: reports).write(at: date)
        let current = tree.relativeToOutput(try tree.currentClipPath(rowID: rowID))
        return Chosen(manifest: stem, rowID: rowID, take: take, version: clip.version, clip: clip.outputPath, currentPath: current)
    }

    /// The one manifest of the folder that has `rowID` (or `manifest`, checked).
    static func manifestHolding(rowID: String, manifest: String?, journal: Journal) throws -> String {
        let stems = try manifest.map { [$0] } ?? journal.manifests()
        let holding = try stems.filter { stem in try journal.rows(manifest: stem).contains { $0.rowID == rowID && $0.active } }
        if holding.count == 1 { return holding[0] }
        if holding.count > 1 {
            throw ReviewRefusal("Row \(rowID) is in several manifests (\(holding.joined(separator: ", "))); choose one with --manifest.")
        }
        let known = try stems.flatMap { stem in try journal.rows(manifest: stem).filter(\.active).map(\.rowID) }
        let listed = known.prefix(20).joined(separator: ", ") + (known.count > 20 ? ", …" : "")
        let scope = manifest.map { "manifest \($0)" } ?? "the journal"
        throw ReviewRefusal("No row \(rowID) in \(scope) (rows: \(known.isEmpty ? "none" : listed)).")
    }
}
