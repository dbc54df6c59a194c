import CSV
import Foundation

/// `report.csv`: one line per take, the carried manifest columns at the end, RFC 4180 quoting.
/// Money is a decimal with its currency in the next column. Tasks of replaced versions and
/// earlier attempts follow as lines with `current` = `no`, so the `charged` column (or the
/// estimate where it is empty) adds up to `spent` in report.json: one ledger.
struct ReportCSV: ReportWriting {
    var fileName: String { "report.csv" }

    static let columns = [
        "id", "take", "output_name", "line", "state", "current", "task_id", "endpoint", "estimate", "estimate_currency", "estimate_source",
        "charged", "charged_currency", "output", "output_sha256", "output_size", "error_code", "error_message", "submitted_at", "finished_at", "task_seconds", "prompt",
    ]

    func render(_ report: RunReport, tree: OutputTree) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: Self.columns + report.carriedColumns)
        let dates = ISO8601DateFormatter()
        for entry in report.entries {
            let submitted = entry.submittedAt
            let finished = entry.finishedAt
            let carried = Dictionary(entry.carried.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            var fields: [String] = [entry.rowID, String(entry.take), entry.outputName, String(entry.line), entry.state.rawValue, "yes"]
            fields.append(entry.taskID ?? "")
            fields.append(entry.endpoint ?? "")
            fields += Self.money(entry.estimate?.money) + [entry.estimate?.source.rawValue ?? ""]
            fields += Self.money(entry.charge)
            fields.append(entry.clip ?? "")
            fields.append(entry.clipSHA256 ?? "")
            fields.append(entry.clipSize.map { String($0) } ?? "")
            fields.append(entry.errorCode ?? "")
            fields.append(entry.errorMessage ?? "")
            fields.append(submitted.map { dates.string(from: $0) } ?? "")
            fields.append(finished.map { dates.string(from: $0) } ?? "")
            fields.append(entry.taskSeconds.map { String(format: "%.1f", $0) } ?? "")
            fields.append(entry.prompt ?? "")
            fields += report.carriedColumns.map { carried[$0] ?? "" }
            try writer.write(row: fields)
        }
        let blank = Array(repeating: "", count: Self.columns.count - 13 + report.carriedColumns.count)
        for entry in report.ledger where !entry.isCurrent {
            var fields = [entry.rowID, String(entry.take), entry.outputName, "", entry.state.rawValue, "no", entry.taskID ?? "", ""]
            fields += Self.money(entry.estimate) + [entry.estimateSource?.rawValue ?? ""] + Self.money(entry.charge)
            try writer.write(row: fields + blank)
        }
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw CSVError.cannotWriteStream
        }
        data.append(Data("\n".utf8))
        return data
    }

    /// Amount and currency columns.
    static func money(_ money: Money?) -> [String] {
        [money?.amountText ?? "", money?.currency.code ?? ""]
    }
}
