import Foundation

/// `run --skip-invalid`: the rows of a manifest with errors are set aside and the rest rendered.
/// A row is set aside when a diagnostic error names its line, or when it takes `@ROW` from a row
/// set aside (directly or down a chain): its input would never exist. An error that names no
/// row (the header, the file, the media root) sets the whole manifest aside.
public struct SkippedRow: Sendable, Hashable {
    public var id: String
    public var line: Int
    /// Why: the row's own errors, or the row it depends on.
    public var reason: String
}

enum InvalidRowSkip {
    /// The rows that may still run and the ones set aside; nil when no row can run safely.
    static func partition(_ rows: [CheckedRow], diagnostics: [Diagnostic]) -> (valid: [CheckedRow], skipped: [SkippedRow])? {
        let rowLines = Set(rows.map(\.row.line))
        var errorsByLine: [Int: [String]] = [:]
        for diagnostic in diagnostics where diagnostic.severity == .error {
            guard let line = diagnostic.line, rowLines.contains(line) else { return nil }
            errorsByLine[line, default: []].append(diagnostic.message)
        }
        var skipped: [String: String] = [:]
        var skippedLines = Set<Int>()
        for row in rows {
            if let errors = errorsByLine[row.row.line] {
                skipped[row.row.id] = errors.joined(separator: "; ")
                skippedLines.insert(row.row.line)
            }
        }
        // Follow `@ROW` until nothing changes (chains of extends are a few rows long).
        var changed = true
        while changed {
            changed = false
            for row in rows where skipped[row.row.id] == nil && !skippedLines.contains(row.row.line) {
                for media in row.media {
                    guard case .rowOutput(let target) = media.source, skipped[target] != nil || !rows.contains(where: { $0.row.id == target }) else { continue }
                    skipped[row.row.id] = "its video is @\(target), which is not rendered (invalid or depends on an invalid row)"
                    changed = true
                    break
                }
            }
        }
        let valid = rows.filter { skipped[$0.row.id] == nil && !skippedLines.contains($0.row.line) }
        let set = rows.filter { skipped[$0.row.id] != nil || skippedLines.contains($0.row.line) }.map { row in
            SkippedRow(id: row.row.id, line: row.row.line, reason: skipped[row.row.id] ?? errorsByLine[row.row.line]?.joined(separator: "; ") ?? "invalid")
        }
        return (valid, set)
    }
}
