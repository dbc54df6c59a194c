import Foundation

/// `veobatch status` as a table: per manifest a headline with counts and money (estimate beside
/// charge), then one line per take.
public enum StatusText {
    public static func lines(_ report: RunReport) -> [String] {
        let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        let money = MoneyText.spent(report.spent, tasks: report.ledger.count)
        var rows = [["TAKE", "STATE", "TASK", "EST", "CHARGED", "OUTPUT", "ERROR"]]
        for entry in report.entries {
            var state = entry.state.rawValue
            if let resolution = entry.resolution { state += " (\(resolution))" }
            var output = entry.clip ?? ""
            if entry.clipMissing { output += " (missing)" }
            rows.append([
                entry.outputName, state, entry.taskID ?? "-", MoneyText.text(entry.estimate),
                MoneyText.text(entry.charge, standingIn: entry.taskID != nil), output.isEmpty ? "-" : output, entry.errorMessage.map(EventLine.oneLine) ?? "",
            ])
        }
        return ["\(report.manifest): \(report.entries.count) job\(report.entries.count == 1 ? "" : "s") — \(counts). \(money)"]
            + TextTable.lines(rows)
    }
}
