import Foundation

/// `report.html` (product.md §7): one self-contained page for a producer — the batch at a glance
/// (takes per state, estimated and charged cost, wall time) and a card per take with its input
/// frames, the clip in a `<video>`, the prompt, cost, timings and any error.
///
/// No network: the style is inline, there are no fonts or scripts from elsewhere, and a content
/// security policy forbids any request but files and `data:` images. Clips are linked relative to
/// the report (they sit beside it); small input images are embedded (see `InputThumbnail`).
public struct ReportHTML: ReportWriting {
    /// Images up to this size are embedded as `data:` URIs.
    public var embedLimit: Int64
    /// Embedded bytes in all; past it, images are linked by path.
    public var embedBudget: Int64

    public init(embedLimit: Int64 = 256 * 1024, embedBudget: Int64 = 16 * 1024 * 1024) {
        self.embedLimit = embedLimit
        self.embedBudget = embedBudget
    }

    public var fileName: String { "report.html" }

    public func render(_ report: RunReport, tree: OutputTree) throws -> Data {
        Data(page(report, tree: tree).utf8)
    }

    func page(_ report: RunReport, tree: OutputTree) -> String {
        let title = HTMLText.escape(report.manifest)
        var chooser = InputThumbnail.Chooser(tree: tree, embedLimit: embedLimit, budget: embedBudget)
        var html = """
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
            <p class="meta">veobatch report · \(report.entries.count) job\(report.entries.count == 1 ? "" : "s") · written \(HTMLText.time(report.generatedAt))</p>
            \(summary(report))
            </div>
            <main>

            """
        for entry in report.entries {
            html += ReportHTMLCard(entry: entry).html(thumbnails: &chooser)
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    func summary(_ report: RunReport) -> String {
        let chips = report.counts.sorted { $0.key < $1.key }.map { state, count in
            "<span class=\"chip \(ReportHTMLCard.stateClass(state))\">\(count) \(state.rawValue)</span>"
        }.joined(separator: " ")
        let spent = report.spent
        var detail = "\(spent.charged) charged"
        if spent.standingEstimates > 0 { detail += ", \(spent.standingEstimates) estimate\(spent.standingEstimates == 1 ? "" : "s") standing in" }
        if !spent.uncounted.isEmpty { detail += ", \(spent.uncounted.count) not counted" }
        let replaced = report.ledger.filter { !$0.isCurrent }.count
        if replaced > 0 { detail += "; \(replaced) of them replaced versions or earlier attempts" }
        let wall = report.wallTime.map(ProgressUnits.duration) ?? "–"
        return """
            <section class="summary" aria-label="Summary">
            <div class="chips">\(chips)</div>
            <dl class="figures">
            <div><dt>Spent</dt><dd>\(HTMLText.escape("\(spent.spent)")) <small>on \(report.ledger.count) task\(report.ledger.count == 1 ? "" : "s"): \(HTMLText.escape(detail))</small></dd></div>
            <div><dt>Wall time</dt><dd>\(wall)</dd></div>
            </dl>
            </section>
            """
    }
}
