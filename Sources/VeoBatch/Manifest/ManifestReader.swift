import CSV
import Foundation

/// Reads a manifest CSV (RFC 4180, UTF-8 with or without BOM, LF or CRLF, quoted commas, quotes and
/// newlines) with CSV.swift, and remembers the physical line each record starts on.
///
/// The library reports records, not lines, so the line of record N+1 is the line of record N plus
/// the line breaks inside N's fields plus one for its terminator. Blank lines are skipped (they
/// still count as lines). Structural problems (unreadable file, bad encoding, no rows, header
/// problems) come back as diagnostics; `manifest` is nil when nothing usable could be read.
public enum ManifestReader {
    public struct Result: Sendable {
        public var manifest: Manifest?
        public var diagnostics: [Diagnostic]
    }

    public static func read(path: String) -> Result {
        func failure(_ message: String) -> Result {
            Result(manifest: nil, diagnostics: [Diagnostic(path: path, line: nil, column: nil, severity: .error, message: message)])
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            return failure("cannot read the manifest (\(reason)); check the path")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return failure("the manifest path is a directory; give the CSV file inside it")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            return failure("cannot read the manifest (\(reason)); check its permissions")
        }
        return parse(data: data, path: path)
    }

    /// Parses manifest bytes; `path` is used in diagnostics only.
    public static func parse(data: Data, path: String) -> Result {
        var log = DiagnosticLog(path: path)
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            log.error(line: 1, column: 1, "the manifest is UTF-16; save it as UTF-8 (a BOM is fine)")
            return Result(manifest: nil, diagnostics: log.items)
        }
        // A NUL byte is valid UTF-8 but never text: it marks a binary or corrupted file, and C APIs
        // (stat, open) would silently cut a path at it.
        guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
            for bad in ManifestEncodingCheck.invalidBytes(in: bytes) {
                log.error(line: bad.line, column: bad.column, bad.byte == 0
                    ? "this line contains a NUL byte (0x00); a manifest is plain text, so remove it (is this really the CSV file?)"
                    : String(format: "this line is not valid UTF-8 (byte 0x%02X); save the manifest as UTF-8", bad.byte))
            }
            return Result(manifest: nil, diagnostics: log.items)
        }

        if let problem = ManifestQuoteCheck.firstProblem(in: bytes) {
            guard let found = problem.found else {
                log.error(line: problem.line, column: problem.column,
                          "this quoted field is never closed, so the rest of the file would be read into it; add the closing quote (write \"\" for a quote inside the field)")
                return Result(manifest: nil, diagnostics: log.items)
            }
            let shown = found == " " ? "a space" : found == "\t" ? "a tab" : "'\(found)'"
            log.error(line: problem.line, column: problem.column,
                      "a quoted field must end at its closing quote, but \(shown) follows it; write \"\" for a quote inside a quoted field and put nothing between the closing quote and the next comma")
            return Result(manifest: nil, diagnostics: log.items)
        }

        let records: [(line: Int, fields: [String])]
        do {
            records = try readRecords(text)
        } catch {
            log.error(line: nil, column: nil, "the CSV library could not read the manifest (\(error))")
            return Result(manifest: nil, diagnostics: log.items)
        }
        guard let header = records.first else {
            log.error(line: 1, column: 1, "the manifest is empty; it needs a header row (at least id,model) and one row per shot")
            return Result(manifest: nil, diagnostics: log.items)
        }

        let layout = ManifestHeader.check(names: header.fields, line: header.line, log: &log)
        var rows: [ManifestRow] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            var values: [ManifestColumn: String] = [:]
            for (column, index) in layout.columns where index - 1 < record.fields.count {
                values[column] = record.fields[index - 1]
            }
            var carried: [CarriedColumn] = []
            for (name, index) in layout.carried {
                carried.append(CarriedColumn(name: name, value: index - 1 < record.fields.count ? record.fields[index - 1] : ""))
            }
            rows.append(ManifestRow(line: record.line, values: values, carried: carried, fieldCount: record.fields.count))
        }
        if rows.isEmpty {
            log.error(line: header.line, column: 1, "the manifest has a header but no rows; add one row per shot")
        }
        let manifest = Manifest(path: path, headerNames: header.fields.map { $0.trimmingSpaces() },
                                headerLine: header.line, columnNumbers: layout.columns, rows: rows)
        return Result(manifest: manifest, diagnostics: log.items)
    }

    /// Non-blank records with the physical line each starts on.
    static func readRecords(_ text: String) throws -> [(line: Int, fields: [String])] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var records: [(line: Int, fields: [String])] = []
        var line = 1
        while let fields = reader.next() {
            let isBlank = fields.count == 1 && fields[0].trimmingSpaces().isEmpty
            if !isBlank {
                records.append((line, fields))
            }
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        if let error = reader.error { throw error }
        return records
    }

    /// Line breaks inside a field: LF, CRLF, or a lone CR each count once.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousWasCR = false
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\r":
                count += 1
                previousWasCR = true
            case "\n":
                if !previousWasCR { count += 1 }
                previousWasCR = false
            default:
                previousWasCR = false
            }
        }
        return count
    }
}
