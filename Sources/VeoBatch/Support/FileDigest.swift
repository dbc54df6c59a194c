import Crypto
import Foundation

/// SHA-256 of a file, read through one 256 KB buffer so memory stays flat whatever the file size.
public enum FileDigest {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "Could not read \(path) to hash it: \(reason)." }
    }

    /// Bytes read per `read(2)`. One buffer per call, reused for every chunk: a fresh 1 MB `Data`
    /// per chunk left freed megabytes in malloc's per-thread arenas, and a run's peak memory grew
    /// with the size of the files it hashed (inputs at the start, every clip after download).
    static let chunkSize = 256 * 1024

    /// The hex SHA-256 and byte count of the file at `path`.
    public static func sha256(ofFileAt path: String) throws -> (hex: String, size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(path: path, reason: "it does not exist or is not readable (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let got = read(descriptor, buffer.baseAddress, chunkSize)
            if got < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
            size += Int64(got)
        }
        return (hex(hasher.finalize()), size)
    }

    /// The hex SHA-256 of bytes in memory (fingerprints, small JSON).
    public static func sha256(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hex, two digits a byte (what `%02x` gives, without a formatter per byte: every
    /// fingerprint and every downloaded clip is hashed).
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
