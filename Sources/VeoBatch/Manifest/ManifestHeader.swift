import Foundation

/// Checks the header row: every name known (or carried), none twice, none empty, `id` and `model`
/// present. Header problems are reported on the header's line at the offending field.
enum ManifestHeader {
    struct Layout {
        /// Known column → 1-based field index (first occurrence).
        var columns: [ManifestColumn: Int] = [:]
        /// Carried columns in header order with their 1-based field index.
        var carried: [(name: String, index: Int)] = []
    }

    /// Most problems reported for the header's columns. Rows have a bounded number of columns to
    /// check, but a header can have any number: a line of a million commas must not become a
    /// million diagnostics (hundreds of megabytes).
    static let maxReportedColumns = 50

    static func check(names rawNames: [String], line: Int, log: inout DiagnosticLog) -> Layout {
        var layout = Layout()
        var seen: [String: Int] = [:]
        let known = ManifestColumn.allCases.map(\.name)
        var reported = 0
        var unreported: (count: Int, firstColumn: Int) = (0, 0)
        func report(_ index: Int, _ message: @autoclosure () -> String) {
            if reported < maxReportedColumns {
                reported += 1
                log.error(line: line, column: index, message())
            } else {
                if unreported.count == 0 { unreported.firstColumn = index }
                unreported.count += 1
            }
        }
        if let hint = semicolonHint(rawNames) {
            log.error(line: line, column: 1, hint)
            return layout
        }
        for (offset, raw) in rawNames.enumerated() {
            let index = offset + 1
            let name = raw.trimmingSpaces()
            if name.isEmpty {
                report(index, "column \(index) of the header has no name; name it or delete the column")
                continue
            }
            if let first = seen[name] {
                report(index, "the header names '\(name)' twice (columns \(first) and \(index)); remove one of them")
                continue
            }
            seen[name] = index
            if let column = ManifestColumn(rawValue: name) {
                layout.columns[column] = index
            } else if ManifestColumn.isCarried(name) {
                layout.carried.append((name, index))
            } else {
                report(index, unknownColumnMessage(name, known: known))
            }
        }
        if unreported.count > 0 {
            log.error(line: line, column: unreported.firstColumn,
                      "\(unreported.count) more columns of the header have problems like the ones above; fix those and validate again")
        }
        let missing = ManifestColumn.required.filter { layout.columns[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "'\($0.name)'" }.joined(separator: " or ")
            log.error(line: line, column: 1, "the header has no \(list) column; every manifest needs id and model")
        }
        return layout
    }

    /// A header that is one field holding `id;model;…` comes from a spreadsheet that saves CSV
    /// with semicolons (the default where the decimal mark is a comma). One clear message
    /// instead of an unknown column per name.
    static func semicolonHint(_ names: [String]) -> String? {
        guard names.count == 1, let only = names.first, only.contains(";") else { return nil }
        let parts = only.split(separator: ";").map { $0.trimmingSpaces() }
        guard parts.contains(where: { ManifestColumn(rawValue: $0) != nil }) else { return nil }
        return "the header is one field separated by semicolons ('\(only.prefix(40))…'): this file is semicolon-separated, but manifests are comma-separated CSV; in the spreadsheet save as \"CSV UTF-8 (comma delimited)\" (or set the list separator to a comma)"
    }

    static func unknownColumnMessage(_ name: String, known: [String]) -> String {
        if ManifestColumn.isCarried(name.lowercased()) {
            return "unknown column '\(name)': did you mean '\(name.lowercased())'? (carried columns start with x_ or note, in lower case)"
        }
        if let hint = NameSuggestion.closest(to: name, in: known) {
            return "unknown column '\(name)': did you mean '\(hint)'?"
        }
        return "unknown column '\(name)': the manifest columns are \(known.joined(separator: ", ")); name your own columns x_… or note… to carry them through"
    }
}
