import Foundation

/// `report.html` (product.md §7): one self-contained page for a producer — the batch at a glance
/// (takes per state, estimated and charged cost, wall time) and a card per take with its input
/// frames, the clip in a `<video>`, the prompt, cost, timings and any error.
///
/// No network: the style is inline, there are no fonts or scripts from elsewhere, and a content
/// security policy forbids any request but files and `data:` images. Clips are linked relative to
/// the report (they sit beside it); small input images are embedded (see `InputThumbnail`).
public struct ReportHTML: PagedReport {
    /// Images up to this size are embedded as `data:` URIs.
    public var embedLimit: Int64
    /// Embedded bytes in all; past it, images are linked by path.
    public var embedBudget: Int64

    public init(embedLimit: Int64 = 256 * 1024, embedBudget: Int64 = 16 * 1024 * 1024) {
        self.embedLimit = embedLimit
        self.embedBudget = embedBudget
    }

    public var fileName: String { "report.html" }

    func session(_ overview: ReportOverview, tree: OutputTree, into file: StreamedFile) throws -> any ReportSession {
        try Session(self, overview: overview, tree: tree, file: file)
    }

    /// Rows that need a look come first — a take that failed, is blocked, unknown or timed out,
    /// or a clip flagged as not matching its request — then the rest, each in manifest order. A
    /// row's takes stay together, side by side. Pages come in manifest order, so the rows that
    /// need a look go straight into the file and the others wait in a scratch file.
    final class Session: ReportSession {
        let tree: OutputTree
        let file: StreamedFile
        let rest: StreamedFile
        let previews: ReportPreviews
        var chooser: InputThumbnail.Chooser

        init(_ report: ReportHTML, overview: ReportOverview, tree: OutputTree, file: StreamedFile) throws {
            self.tree = tree
            self.file = file
            rest = try file.scratch()
            previews = ReportPreviews(tree: tree)
            chooser = InputThumbnail.Chooser(tree: tree, embedLimit: report.embedLimit, budget: report.embedBudget, previews: previews)
            let title = HTMLText.escape(overview.manifest)
            try file.write("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="Content-Security-Policy" content="\(HTMLText.escape(ReportHTMLPage.contentSecurityPolicy))">
                <title>\(title) — veobatch report</title>
                <style>
                \(ReportHTMLPage.styleSheet)
                </style>
                <script>\(ReportHTMLPage.selfTestScript)</script>
                </head>
                <body>
                <div class="page">
                <h1>\(title)</h1>
                <p class="meta">veobatch report · \(overview.jobs) job\(overview.jobs == 1 ? "" : "s") · written \(HTMLText.time(overview.generatedAt))</p>
                \(ReportHTML.summary(overview))
                \(previews.worker == nil ? "<p class=\"notice\">\(HTMLText.escape(ReportPreviews.missingNotice))</p>" : "")
                </div>
                <main>

                """)
        }

        func append(_ page: RunReport) throws {
            var order: [String] = []
            var byRow: [String: [RunReport.Entry]] = [:]
            for entry in page.entries {
                if byRow[entry.rowID] == nil { order.append(entry.rowID) }
                byRow[entry.rowID, default: []].append(entry)
            }
            for rowID in order {
                let rowEntries = byRow[rowID] ?? []
                let needsLook = rowEntries.contains { $0.state.isProblem || !$0.mismatches.isEmpty }
                let choice = page.rowClips[rowID].map { "current: take \($0.take) v\($0.version)\($0.chosen ? " (chosen)" : "")" } ?? "no clip yet"
                var html = "<section class=\"row\" id=\"row-\(HTMLText.escape(rowID))\"><h2 class=\"rowhead\">\(HTMLText.escape(rowID)) <small>\(HTMLText.escape(choice))</small></h2><div class=\"takes\">\n"
                for entry in rowEntries {
                    html += ReportHTMLCard(entry: entry, chosen: page.rowClips[rowID]?.chosen ?? false, manifestFolder: tree.manifestFolder)
                        .html(thumbnails: &chooser, previews: previews)
                }
                html += "</div></section>\n"
                try (needsLook ? file : rest).write(html)
            }
        }

        func finish() throws {
            try file.append(contentsOf: rest)
            try file.write("</main>\n</body>\n</html>\n")
        }
    }

    static func summary(_ report: ReportOverview) -> String {
        let chips = report.counts.sorted { $0.key < $1.key }.map { state, count in
            "<span class=\"chip \(ReportHTMLCard.stateClass(state))\">\(count) \(state.rawValue)</span>"
        }.joined(separator: " ")
        let spent = report.spent
        var detail = "\(spent.charged) charged"
        if spent.standingEstimates > 0 { detail += ", \(spent.standingEstimates) estimate\(spent.standingEstimates == 1 ? "" : "s") standing in" }
        if !spent.uncounted.isEmpty { detail += ", \(spent.uncounted.count) not counted" }
        let replaced = report.replacedCount
        if replaced > 0 { detail += "; \(replaced) of them replaced versions or earlier attempts" }
        let wall = report.wallTime.map(ProgressUnits.duration) ?? "–"
        return """
            <section class="summary" aria-label="Summary">
            <div class="chips">\(chips)</div>
            <dl class="figures">
            <div><dt>Spent</dt><dd>\(HTMLText.escape("\(spent.spent)")) <small>on \(report.ledgerCount) task\(report.ledgerCount == 1 ? "" : "s"): \(HTMLText.escape(detail))</small></dd></div>
            <div><dt>Wall time</dt><dd>\(wall)</dd></div>
            </dl>
            </section>
            """
    }
}
