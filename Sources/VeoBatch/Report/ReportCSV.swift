import CSV
import Foundation

/// `report.csv`: one line per take, the carried manifest columns at the end, RFC 4180 quoting.
struct ReportCSV: ReportWriting {
    var fileName: String { "report.csv" }

    static let columns = [
        "id", "take", "output_name", "line", "state", "task_id", "endpoint", "estimated_cost", "actual_cost",
        "output", "output_sha256", "output_size", "error_code", "error_message", "submitted_at", "finished_at", "task_seconds", "prompt",
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
            var fields: [String] = [entry.rowID, String(entry.take), entry.outputName, String(entry.line), entry.state.rawValue]
            fields.append(entry.taskID ?? "")
            fields.append(entry.endpoint ?? "")
            fields.append(Self.text(entry.estimatedCost))
            fields.append(Self.text(entry.actualCost))
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
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw CSVError.cannotWriteStream
        }
        data.append(Data("\n".utf8))
        return data
    }

    static func text(_ amount: Decimal?) -> String {
        amount.map { "\($0)" } ?? ""
    }
}
