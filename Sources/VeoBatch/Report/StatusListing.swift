import Foundation

/// `veobatch status`: the journal of an output folder, read without changing it or taking the
/// lock (a run may be working on it at the same time).
public enum StatusListing {
    /// One report per manifest the folder's journal knows (or only `manifest`).
    public static func load(outputDirectory: String, manifest: String? = nil) throws -> [RunReport] {
        guard let journal = try Journal.openReadOnly(outputDirectory: outputDirectory) else {
            throw JournalError.missing(journalPath: Journal.path(outputDirectory: outputDirectory))
        }
        let stems = try manifest.map { [$0] } ?? journal.manifests()
        return try stems.map { stem in
            try RunReport.load(journal: journal, tree: OutputTree(outputDirectory: outputDirectory, manifestStem: stem))
        }
    }

    /// `status --json`: `{"manifests": [<report.json of each>]}`.
    public static func json(_ reports: [RunReport], outputDirectory: String) throws -> Data {
        let documents = try reports.map { report -> ReportDocument in
            let tree = try OutputTree(outputDirectory: outputDirectory, manifestStem: report.manifest)
            return ReportJSON.document(report, tree: tree)
        }
        struct Listing: Encodable { var manifests: [ReportDocument] }
        return try JobDocument.encoder().encode(Listing(manifests: documents)) + Data("\n".utf8)
    }
}
