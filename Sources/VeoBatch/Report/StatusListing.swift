import Foundation

/// `veobatch status`: the journal of an output folder, read without changing it or taking the
/// lock (a run may be working on it at the same time).
public enum StatusListing {
    /// What `status` shows: one report per manifest, and the whole folder's ledger total.
    public struct Listing: Sendable {
        public var reports: [RunReport]
        /// Every task of the folder (all manifests, every version), added up.
        public var spent: LedgerTotal
    }

    /// One report per manifest the folder's journal knows (or only `manifest`).
    public static func load(outputDirectory: String, manifest: String? = nil) throws -> Listing {
        guard let journal = try Journal.openReadOnly(outputDirectory: outputDirectory) else {
            throw JournalError.missing(journalPath: Journal.path(outputDirectory: outputDirectory))
        }
        let stems = try manifest.map { [$0] } ?? journal.manifests()
        let reports = try stems.map { stem in
            try RunReport.load(journal: journal, tree: OutputTree(outputDirectory: outputDirectory, manifestStem: stem))
        }
        return Listing(reports: reports, spent: try journal.spent(manifest: manifest))
    }

    /// `status --json`: `{"spent": {"amount", "currency", …}, "manifests": [<report.json of each>]}`.
    public static func json(_ listing: Listing, outputDirectory: String) throws -> Data {
        let documents = try listing.reports.map { report -> ReportDocument in
            let tree = try OutputTree(outputDirectory: outputDirectory, manifestStem: report.manifest)
            return ReportJSON.document(report, tree: tree)
        }
        struct Document: Encodable {
            var spent: SpentDocument
            var manifests: [ReportDocument]
        }
        return try JobDocument.encoder().encode(Document(spent: SpentDocument(listing.spent), manifests: documents)) + Data("\n".utf8)
    }

    /// The text form: each manifest's table, then the folder's total when it has several.
    public static func lines(_ listing: Listing) -> [String] {
        var lines = listing.reports.flatMap { StatusText.lines($0) }
        if listing.reports.count != 1 {
            lines.append("Spent in this folder: \(listing.spent.text).")
        }
        return lines
    }
}
