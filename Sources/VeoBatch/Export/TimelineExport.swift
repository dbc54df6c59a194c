import Foundation

/// `veobatch export`: reads the journal (no lock, nothing changes) and writes one manifest's
/// timeline as OTIO JSON or a CMX 3600 EDL.
public enum TimelineExport {
    public enum Format: String, Sendable, CaseIterable {
        case otio, edl
    }

    public struct Written: Sendable {
        public var path: String
        public var clips: Int
        public var gaps: Int
        public var rate: Int
        public var notes: [String]
    }

    public static func write(outputDirectory: String, manifest: String?, format: Format, to file: String) async throws -> Written {
        guard let journal = try Journal.openReadOnly(outputDirectory: outputDirectory) else {
            throw JournalError.missing(journalPath: Journal.path(outputDirectory: outputDirectory))
        }
        let stems = try journal.manifests()
        let stem: String
        if let manifest {
            guard stems.contains(manifest) else {
                throw ReviewRefusal("No manifest \(manifest) in \(outputDirectory) (manifests: \(stems.isEmpty ? "none" : stems.joined(separator: ", "))).")
            }
            stem = manifest
        } else {
            guard stems.count == 1 else {
                throw ReviewRefusal(
                    stems.isEmpty
                        ? "\(outputDirectory) has no manifest in its journal yet."
                        : "\(outputDirectory) holds several manifests (\(stems.joined(separator: ", "))); choose one with --manifest.")
            }
            stem = stems[0]
        }
        let tree = try OutputTree(outputDirectory: outputDirectory, manifestStem: stem)
        let report = try RunReport.load(journal: journal, tree: tree)
        let timeline = await EditorialTimeline.build(report: report, tree: tree)
        let data: Data
        switch format {
        case .otio: data = try OTIOExport.render(timeline)
        case .edl: data = EDLExport.render(timeline)
        }
        let absolute = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        try ReportStage.atomicWrite(data, to: absolute)
        var clips = 0, gaps = 0
        for item in timeline.items {
            if case .clip = item { clips += 1 } else { gaps += 1 }
        }
        return Written(path: absolute, clips: clips, gaps: gaps, rate: timeline.rate, notes: timeline.notes)
    }
}
