import Foundation

/// Left-aligned columns for the terminal summaries (`run`, `status`): every column but the last
/// padded to its widest cell, the last one left free (error messages run long).
enum TextTable {
    static func lines(_ rows: [[String]], indent: String = "  ") -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        let widths = (0..<columns - 1).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            let cells = (0..<columns).map { column -> String in
                let cell = column < row.count ? row[column] : ""
                guard column < columns - 1 else { return cell }
                return cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

/// Money as the reports print it: exact decimals, always with the currency.
enum MoneyText {
    /// `0.58 USD`, `4 CNY*` for a list price (unverified), `-` when unknown.
    static func text(_ estimate: PriceEstimate?) -> String {
        guard let estimate else { return "-" }
        return "\(estimate.money)" + (estimate.source == .listPrice ? "*" : "")
    }

    /// The charge, or `pending` while a task exists that has not reported one.
    static func text(_ charge: Money?, standingIn: Bool) -> String {
        charge.map { "\($0)" } ?? (standingIn ? "pending" : "-")
    }

    /// `Spent 1.74 USD on 3 tasks (2 charged, 1 estimate standing in).` — the ledger of every
    /// task ever created, replaced versions included. `*` marks list prices (unverified).
    static func spent(_ total: LedgerTotal, tasks: Int) -> String {
        "Spent \(total.text) on \(tasks) task\(tasks == 1 ? "" : "s")."
    }
}
