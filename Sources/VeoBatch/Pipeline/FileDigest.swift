import Crypto
import Foundation

/// SHA-256 of a file, read in 1 MiB chunks so memory stays flat whatever the file size.
public enum FileDigest {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "Could not read \(path) to hash it: \(reason)." }
    }

    /// The hex SHA-256 and byte count of the file at `path`.
    public static func sha256(ofFileAt path: String) throws -> (hex: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(path: path, reason: "it does not exist or is not readable")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
                size += Int64(chunk.count)
            }
        } catch {
            throw Failure(path: path, reason: "\(error)")
        }
        return (hex(hasher.finalize()), size)
    }

    /// The hex SHA-256 of bytes in memory (fingerprints, small JSON).
    public static func sha256(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
