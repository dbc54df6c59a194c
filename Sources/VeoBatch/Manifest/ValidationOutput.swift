import Foundation

/// How `veobatch validate` reports: diagnostics in compiler style, a one-line summary, or JSON.
extension ManifestValidation {
    /// `manifest.csv: OK, 12 rows → 14 jobs, estimated 37.60 CNY; 1 warning` or
    /// `manifest.csv: 3 errors, 1 warning in 12 rows; nothing can be submitted until they are fixed`.
    public func summary(path: String, currency: String = "CNY") -> String {
        let rows = writtenRowCount
        let warnings = warningCount == 0 ? "" : "; \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        if isValid {
            var line = "\(path): OK, \(rows) row\(rows == 1 ? "" : "s") → \(jobs.count) job\(jobs.count == 1 ? "" : "s"), estimated \(PriceFormat.format(estimatedTotal)) \(currency)"
            if unpricedJobs > 0 { line += " (\(unpricedJobs) without a table price)" }
            return line + warnings
        }
        return "\(path): \(errorCount) error\(errorCount == 1 ? "" : "s")\(warningCount == 0 ? "" : ", \(warningCount) warning\(warningCount == 1 ? "" : "s")") in \(rows) row\(rows == 1 ? "" : "s"); nothing can be submitted until they are fixed"
    }

    public func jsonString(path: String, currency: String = "CNY") -> String {
        ModelsListing.prettyPrinted(json(path: path, currency: currency))
    }

    public func json(path: String, currency: String = "CNY") -> JSONValue {
        .object([
            "manifest": .string(path),
            "valid": .bool(isValid),
            "rows": .int(Int64(writtenRowCount)),
            "jobs": .int(Int64(jobs.count)),
            "errors": .int(Int64(errorCount)),
            "warnings": .int(Int64(warningCount)),
            "currency": .string(currency),
            "estimatedTotal": .double(PriceFormat.jsonNumber(estimatedTotal)),
            "diagnostics": .array(diagnostics.map { diagnostic in
                .object([
                    "path": .string(diagnostic.path),
                    "line": diagnostic.line.map { .int(Int64($0)) } ?? .null,
                    "column": diagnostic.column.map { .int(Int64($0)) } ?? .null,
                    "severity": .string(diagnostic.severity.rawValue),
                    "message": .string(diagnostic.message),
                ])
            }),
        ])
    }
}
