import CSV
import Foundation

/// A manifest already on disk, read so new rows can be added without disturbing the old ones.
struct ExistingManifest {
    var path: String
    /// The file's bytes exactly as read.
    var bytes: Data
    var header: [String]
    var rows: [[String]]
    var hasByteOrderMark: Bool
    /// `\r\n` when the file uses it, so appended rows match.
    var newline: String

    /// Reads the manifest at `path`; nil when there is no file or it is empty (a new draft).
    static func read(path: String) throws(ScanError) -> ExistingManifest? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .manifestUnreadable(path: path, reason: error.localizedDescription)
        }
        if bytes.isEmpty { return nil }
        guard var text = String(data: bytes, encoding: .utf8) else {
            throw .manifestUnreadable(path: path, reason: "it is not UTF-8 text")
        }
        let hasByteOrderMark = text.hasPrefix("\u{FEFF}")
        if hasByteOrderMark { text.removeFirst() }
        // Escaped quotes come in pairs, so an odd count means the file ends inside a quoted field
        // and anything appended would land in that field.
        guard text.utf8.lazy.filter({ $0 == UInt8(ascii: "\"") }).count.isMultiple(of: 2) else {
            throw .manifestUnreadable(path: path, reason: "it ends inside a quoted field (a `\"` is not closed)")
        }
        let records: [[String]]
        do {
            records = try CSVText.decode(text)
        } catch {
            throw .manifestUnreadable(path: path, reason: "it is not valid CSV: \(error)")
        }
        guard let header = records.first else { return nil }
        var seen: Set<String> = []
        for column in header where !seen.insert(column).inserted {
            throw .manifestUnreadable(path: path, reason: "its header names the column \(column) twice")
        }
        return ExistingManifest(
            path: path, bytes: bytes, header: header, rows: Array(records.dropFirst()),
            hasByteOrderMark: hasByteOrderMark, newline: text.contains("\r\n") ? "\r\n" : "\n")
    }

    /// The original bytes with `rows` appended in the existing header's order.
    func appending(_ rows: [[String: String]]) throws(ScanError) -> Data {
        let encoded = try CSVText.encode(rows.map { row in header.map { row[$0] ?? "" } }, newline: newline)
        var data = bytes
        if let last = bytes.last, last != UInt8(ascii: "\n"), last != UInt8(ascii: "\r") {
            data.append(contentsOf: Array(newline.utf8))
        }
        data.append(encoded)
        return data
    }

    /// The whole manifest re-serialised with `missing` columns added at the end of the header,
    /// empty in the existing rows, followed by `rows`.
    func rewritten(adding missing: [String], rows newRows: [[String: String]]) throws(ScanError) -> Data {
        let fullHeader = header + missing
        var records = [fullHeader]
        for row in rows {
            // A blank line stays blank; other rows keep every value and gain empty new columns.
            if row == [""] { records.append(row); continue }
            records.append(row + Array(repeating: "", count: max(0, fullHeader.count - row.count)))
        }
        records += newRows.map { row in fullHeader.map { row[$0] ?? "" } }
        var data = hasByteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(try CSVText.encode(records, newline: newline))
        return data
    }
}

/// CSV through yaslab's CSV.swift, so quoting follows RFC 4180 exactly as the reader expects.
enum CSVText {
    struct DecodeError: Error, CustomStringConvertible {
        var description: String
    }

    static func decode(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        var records: [[String]] = []
        while let record = reader.next() { records.append(record) }
        if let error = reader.error { throw DecodeError(description: String(describing: error)) }
        return records
    }

    /// Records joined by `newline`, ending with one.
    static func encode(_ records: [[String]], newline: String) throws(ScanError) -> Data {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, newline: newline == "\r\n" ? .crlf : .lf)
            for record in records { try writer.write(row: record) }
            writer.stream.close()
        } catch {
            throw .manifestWriteFailed(path: "(memory)", reason: "CSV encoding failed: \(error)")
        }
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw .manifestWriteFailed(path: "(memory)", reason: "CSV encoding produced no data")
        }
        if !records.isEmpty { data.append(contentsOf: Array(newline.utf8)) }
        return data
    }
}
