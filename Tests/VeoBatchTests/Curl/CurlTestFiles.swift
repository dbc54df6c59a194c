import Crypto
import Foundation

/// Test files made at test time (never committed) and compared without loading them whole.
enum CurlTestFiles {
    /// Writes `megabytes` MB of random bytes (random so no layer can get away with compressing).
    static func makeRandomFile(at path: String, megabytes: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let output = FileHandle(forWritingAtPath: path), let random = FileHandle(forReadingAtPath: "/dev/urandom")
        else { throw FixtureError("could not create \(path)") }
        defer {
            try? output.close()
            try? random.close()
        }
        for _ in 0..<megabytes {
            try output.write(contentsOf: random.readData(ofLength: 1_048_576))
        }
    }

    /// SHA-256 of a file's bytes `[start, start+count)` (or to the end), read 1 MB at a time.
    static func sha256(of path: String, from start: UInt64 = 0, count: Int64? = nil) throws -> String {
        guard let input = FileHandle(forReadingAtPath: path) else { throw FixtureError("cannot read \(path)") }
        defer { try? input.close() }
        try input.seek(toOffset: start)
        var hasher = SHA256()
        var remaining = count ?? Int64.max
        while remaining > 0 {
            let chunk = try input.read(upToCount: Int(min(remaining, 1_048_576))) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            remaining -= Int64(chunk.count)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func length(of path: String) -> Int64 {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? -1
    }

    /// The first `count` bytes of a file.
    static func prefix(of path: String, count: Int) throws -> Data {
        guard let input = FileHandle(forReadingAtPath: path) else { throw FixtureError("cannot read \(path)") }
        defer { try? input.close() }
        return try input.read(upToCount: count) ?? Data()
    }
}

/// The one file part of a multipart/form-data body stored on disk, as curl sends it:
/// `--B\r\n<part headers>\r\n\r\n<content>\r\n--B--\r\n`.
struct MultipartFilePart {
    var field: String
    var fileName: String
    var contentType: String?
    var sha256: String
    var length: Int64

    /// Copies the file part of the body at `rawPath` into `store/<fileName>` and describes it.
    static func extract(from rawPath: String, boundary: String, into store: String) throws -> MultipartFilePart {
        let head = try CurlTestFiles.prefix(of: rawPath, count: 64 * 1024)
        let opening = Data("--\(boundary)\r\n".utf8)
        guard head.starts(with: opening), let headEnd = head.range(of: Data("\r\n\r\n".utf8)) else {
            throw FixtureError("upload body does not start with the multipart boundary")
        }
        let partHeaders = String(decoding: head[opening.count..<headEnd.lowerBound], as: UTF8.self)
        var field = "", fileName = "", contentType: String?
        for line in partHeaders.components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                field = quoted("name", in: line) ?? ""
                fileName = quoted("filename", in: line) ?? ""
            } else if lower.hasPrefix("content-type:") {
                contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        let closing = Data("\r\n--\(boundary)--\r\n".utf8)
        let total = CurlTestFiles.length(of: rawPath)
        let start = Int64(headEnd.upperBound)
        let length = total - start - Int64(closing.count)
        guard length >= 0, try tail(of: rawPath, count: closing.count) == closing else {
            throw FixtureError("upload body does not end with the closing boundary")
        }
        let safeName = (fileName as NSString).lastPathComponent
        try copy(rawPath, from: UInt64(start), count: length, to: "\(store)/\(safeName)")
        return MultipartFilePart(
            field: field, fileName: fileName, contentType: contentType,
            sha256: try CurlTestFiles.sha256(of: "\(store)/\(safeName)"), length: length)
    }

    private static func quoted(_ key: String, in line: String) -> String? {
        guard let range = line.range(of: "\(key)=\"") else { return nil }
        let rest = line[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    private static func tail(of path: String, count: Int) throws -> Data {
        guard let input = FileHandle(forReadingAtPath: path) else { throw FixtureError("cannot read \(path)") }
        defer { try? input.close() }
        let end = try input.seekToEnd()
        try input.seek(toOffset: end - UInt64(count))
        return try input.read(upToCount: count) ?? Data()
    }

    private static func copy(_ source: String, from start: UInt64, count: Int64, to destination: String) throws {
        guard let input = FileHandle(forReadingAtPath: source),
            FileManager.default.createFile(atPath: destination, contents: nil),
            let output = FileHandle(forWritingAtPath: destination)
        else { throw FixtureError("cannot copy the upload to \(destination)") }
        defer {
            try? input.close()
            try? output.close()
        }
        try input.seek(toOffset: start)
        var remaining = count
        while remaining > 0 {
            let chunk = try input.read(upToCount: Int(min(remaining, 1_048_576))) ?? Data()
            if chunk.isEmpty { break }
            try output.write(contentsOf: chunk)
            remaining -= Int64(chunk.count)
        }
    }
}
