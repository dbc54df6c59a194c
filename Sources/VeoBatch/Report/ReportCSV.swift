import CSV
import Foundation

/// `report.csv`: one line per take, the carried manifest columns at the end, RFC 4180 quoting.
/// Money is a decimal with its currency in the next column. Tasks of replaced versions and
/// earlier attempts follow as lines with `current` = `no`, so the `charged` column (or the
/// estimate where it is empty) adds up to `spent` in report.json: one ledger.
struct ReportCSV: PagedReport {
    var fileName: String { "report.csv" }

    static let columns = [
        "id", "take", "output_name", "line", "state", "current", "task_id", "endpoint", "estimate", "estimate_currency", "estimate_source",
        "charged", "charged_currency", "output", "output_sha256", "output_size", "error_code", "error_message", "submitted_at", "finished_at", "task_seconds", "prompt",
    ]

    func session(_ overview: ReportOverview, tree: OutputTree, into file: StreamedFile) throws -> any ReportSession {
        let session = Session(overview: overview, file: file)
        try session.lines([Self.columns + overview.carriedColumns])
        return session
    }

    /// Lines go out a page at a time, each page through its own CSV writer (RFC 4180 quoting),
    /// every line ending in a newline.
    final class Session: ReportSession {
        let overview: ReportOverview
        let file: StreamedFile
        let dates = ISO8601DateFormatter()

        init(overview: ReportOverview, file: StreamedFile) {
            self.overview = overview
            self.file = file
        }

        func append(_ page: RunReport) throws {
            try lines(page.entries.map(fields(of:)))
        }

        func finish() throws {
            let blank = Array(repeating: "", count: ReportCSV.columns.count - 13 + overview.carriedColumns.count)
            try overview.forEachLedgerPage { ledger in
                try lines(ledger.filter { !$0.isCurrent }.map { entry in
                    var fields = [entry.rowID, String(entry.take), entry.outputName, "", entry.state.rawValue, "no", entry.taskID ?? "", ""]
                    fields += ReportCSV.money(entry.estimate) + [entry.estimateSource?.rawValue ?? ""] + ReportCSV.money(entry.charge)
                    return fields + blank
                })
            }
        }

        func lines(_ rows: [[String]]) throws {
            guard !rows.isEmpty else { return }
            let stream = OutputStream(toMemory: ())
            let writer = try CSVWriter(stream: stream)
            for row in rows { try writer.write(row: row) }
            guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
                throw CSVError.cannotWriteStream
            }
            try file.write(data)
            try file.write("\n")
        }

        private func fields(of entry: RunReport.Entry) -> [String] {
            let carried = Dictionary(entry.carried.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            var fields: [String] = [entry.rowID, String(entry.take), entry.outputName, String(entry.line), entry.state.rawValue, "yes"]
            fields.append(entry.taskID ?? "")
            fields.append(entry.endpoint ?? "")
            fields += ReportCSV.money(entry.estimate?.money) + [entry.estimate?.source.rawValue ?? ""]
            fields += ReportCSV.money(entry.charge)
            fields.append(entry.clip ?? "")
            fields.append(entry.clipSHA256 ?? "")
            fields.append(entry.clipSize.map { String($0) } ?? "")
            fields.append(entry.errorCode ?? "")
            fields.append(entry.errorMessage ?? "")
            fields.append(entry.submittedAt.map { dates.string(from: $0) } ?? "")
            fields.append(entry.finishedAt.map { dates.string(from: $0) } ?? "")
            fields.append(entry.taskSeconds.map { String(format: "%.1f", $0) } ?? "")
            fields.append(entry.prompt ?? "")
            fields += overview.carriedColumns.map { carried[$0] ?? "" }
            return fields
        }
    }

    /// Amount and currency columns.
    static func money(_ money: Money?) -> [String] {
        [money?.amountText ?? "", money?.currency.code ?? ""]
    }
}
