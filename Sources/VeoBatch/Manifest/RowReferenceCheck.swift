import Foundation

/// Checks the `@ROW` references between rows: the row exists, it renders video, and following the
/// references never comes back to where it started (a chain of extends must start somewhere).
/// Each row has at most one `@ROW` (the `video` column), so the references form chains; a cycle is
/// reported once, on its first row in manifest order, with the whole loop spelled out.
/// `@ROW` always means take 1 of that row (`ROW.mp4`).
enum RowReferenceCheck {
    /// How many unknown references get a "did you mean" hint. Each hint compares against every id,
    /// so hinting all of 10,000 broken references would take minutes; the first ones are where the
    /// user starts fixing anyway.
    static let hintBudget = 20

    static func check(_ rows: [CheckedRow], log: inout DiagnosticLog) {
        var indexByID: [String: Int] = [:]
        for (index, row) in rows.enumerated() where indexByID[row.row.id] == nil && !row.row.id.isEmpty {
            indexByID[row.row.id] = index
        }
        let ids = rows.map(\.row.id).filter { !$0.isEmpty }
        var hintsLeft = hintBudget
        var next: [Int: Int] = [:]
        for (index, row) in rows.enumerated() {
            for media in row.media {
                guard case .rowOutput(let target) = media.source else { continue }
                guard let targetIndex = indexByID[target] else {
                    var message = "'@\(target)' does not name a row of this manifest"
                    if hintsLeft > 0 {
                        hintsLeft -= 1
                        if let hint = NameSuggestion.closest(to: target, in: ids) {
                            message += "; did you mean '@\(hint)'?"
                        }
                    }
                    log.error(line: row.row.line, column: media.columnNumber, message)
                    continue
                }
                if let endpoint = rows[targetIndex].endpoint, !endpoint.producesVideo {
                    log.error(line: row.row.line, column: media.columnNumber,
                              "'@\(target)' renders with \(endpoint.docName), which does not produce a video")
                    continue
                }
                next[index] = targetIndex
            }
        }
        reportCycles(rows, next: next, log: &log)
    }

    private static func reportCycles(_ rows: [CheckedRow], next: [Int: Int], log: inout DiagnosticLog) {
        var done = Set<Int>()
        for start in rows.indices where !done.contains(start) {
            var path: [Int] = []
            var position: [Int: Int] = [:]
            var current: Int? = start
            while let node = current, !done.contains(node) {
                if let loopStart = position[node] {
                    let loop = Array(path[loopStart...])
                    report(loop, rows: rows, log: &log)
                    break
                }
                position[node] = path.count
                path.append(node)
                current = next[node]
            }
            done.formUnion(path)
        }
    }

    private static func report(_ loop: [Int], rows: [CheckedRow], log: inout DiagnosticLog) {
        guard let first = loop.min(), let at = loop.firstIndex(of: first) else { return }
        let ordered = Array(loop[at...] + loop[..<at])
        let names = (ordered + [first]).map { rows[$0].row.id }.joined(separator: " → ")
        let row = rows[first]
        let column = row.media.first { $0.source.rowID != nil }?.columnNumber ?? 1
        log.error(line: row.row.line, column: column,
                  "these @ROW references form a cycle: \(names); a chain of extends must start at a row that renders from frames or text")
    }
}
