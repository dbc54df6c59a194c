import Foundation


/// One record of the manifest as written: the raw values, where it starts in the file, and the
/// carried columns. Validation reads it; reports show it.
public struct ManifestRow: Sendable, Hashable {
    /// The physical 1-based line the record starts on.
    public var line: Int
    /// Raw values by column, exactly as in the file (quotes removed). Absent columns are missing.
    public var values: [ManifestColumn: String]
    /// `x_*` and `note*` values in header order.
    public var carried: [CarriedColumn]
    /// How many fields the record had (checked against the header).
    public var fieldCount: Int

    public init(line: Int, values: [ManifestColumn: String], carried: [CarriedColumn], fieldCount: Int) {
        self.line = line
        self.values = values
        self.carried = carried
        self.fieldCount = fieldCount
    }

    /// The value of `column` ready to use: free text verbatim, everything else trimmed of spaces and
    /// tabs; nil when the column is absent or the cell is empty (or only whitespace).
    public func value(_ column: ManifestColumn) -> String? {
        guard let raw = values[column] else { return nil }
        let trimmed = raw.trimmingSpaces()
        if trimmed.isEmpty { return nil }
        return column.isFreeText ? raw : trimmed
    }

    /// The row id (trimmed), or "" when missing.
    public var id: String { value(.id) ?? "" }
}

/// A manifest as read: its header and its rows, before validation.
public struct Manifest: Sendable {
    /// The path as given (used in diagnostics).
    public var path: String
    /// Header names in file order.
    public var headerNames: [String]
    /// The physical line the header starts on (1 unless blank lines precede it).
    public var headerLine: Int
    /// 1-based field index of each known column (its first occurrence).
    public var columnNumbers: [ManifestColumn: Int]
    public var rows: [ManifestRow]

    public init(path: String, headerNames: [String], headerLine: Int, columnNumbers: [ManifestColumn: Int], rows: [ManifestRow]) {
        self.path = path
        self.headerNames = headerNames
        self.headerLine = headerLine
        self.columnNumbers = columnNumbers
        self.rows = rows
    }

    /// The 1-based field index of `column`, for diagnostics.
    public func columnNumber(_ column: ManifestColumn) -> Int? {
        columnNumbers[column]
    }
}
