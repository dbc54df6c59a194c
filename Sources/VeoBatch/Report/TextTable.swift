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

/// Money as the journal keeps it (exact decimals), `-` when unknown.
enum MoneyText {
    static func text(_ amount: Decimal?) -> String {
        amount.map { "\($0)" } ?? "-"
    }

    /// `Estimated 49.77, charged 47.1 (the charged tasks were estimated at 49.77).` The part in
    /// brackets appears when some submitted tasks are not charged yet (or not at all), so the two
    /// totals alone would compare different sets of tasks.
    static func totals(estimatedSubmitted: Decimal, charged: Decimal, estimatedCharged: Decimal, chargedTasks: Int) -> String {
        var text = "Estimated \(estimatedSubmitted), charged \(charged)"
        if chargedTasks > 0, estimatedCharged != estimatedSubmitted {
            text += " (the \(chargedTasks) charged task\(chargedTasks == 1 ? " was" : "s were") estimated at \(estimatedCharged))"
        }
        return text + "."
    }
}
