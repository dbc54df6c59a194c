import Foundation

/// One problem found in a manifest, printed the way compilers do so editors can jump to it:
/// `path:line:column: error: message`. `line` is the physical 1-based line the record starts on,
/// `column` the 1-based CSV field index. Both are nil for problems with the file as a whole.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var path: String
    public var line: Int?
    public var column: Int?
    public var severity: Severity
    public var message: String

    public init(path: String, line: Int?, column: Int?, severity: Severity, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }

    /// Orders diagnostics by position: whole-file problems first, then line, then column.
    static func byPosition(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        let left = (a.line ?? 0, a.column ?? 0)
        let right = (b.line ?? 0, b.column ?? 0)
        return left < right
    }
}

/// Collects diagnostics for one manifest while it is read and checked.
struct DiagnosticLog {
    let path: String
    private(set) var items: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    mutating func error(line: Int?, column: Int?, _ message: String) {
        items.append(Diagnostic(path: path, line: line, column: column, severity: .error, message: message))
    }

    mutating func warning(line: Int?, column: Int?, _ message: String) {
        items.append(Diagnostic(path: path, line: line, column: column, severity: .warning, message: message))
    }

    mutating func append(contentsOf other: [Diagnostic]) {
        items.append(contentsOf: other)
    }

    var hasErrors: Bool { items.contains { $0.severity == .error } }
}
