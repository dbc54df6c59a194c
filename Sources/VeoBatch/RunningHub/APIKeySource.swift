import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the API key comes from: a private file (`--api-key-file`) or the environment
/// (`RUNNINGHUB_API_KEY`), in that order of precedence. Never the command line, where any user of
/// the machine can read it in the process list.
public enum APIKeySource {
    public static let environmentVariable = "RUNNINGHUB_API_KEY"
    /// A key file larger than this is not a key file.
    static let maximumFileSize = 4096

    /// The key from `keyFile` when given, else from `environment`.
    public static func load(keyFile: String?, environment: [String: String]) throws(APIKeyError) -> APIKey {
        if let keyFile {
            return try loadFile(keyFile)
        }
        guard let value = environment[environmentVariable] else { throw .missing }
        return try validated(value, origin: .environment)
    }

    /// Reads a key file that only its owner can read.
    public static func loadFile(_ path: String) throws(APIKeyError) -> APIKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        // S_IFMT / S_IFREG: the same values on Linux and Darwin.
        guard info.st_mode & 0o170000 == 0o100000 else {
            throw .unreadable(path: path, reason: "it is not a regular file")
        }
        let permissions = info.st_mode & 0o777
        guard permissions & 0o044 == 0 else {
            throw .tooOpen(path: path, mode: String(permissions, radix: 8))
        }
        guard info.st_size <= maximumFileSize else {
            throw .unreadable(path: path, reason: "it is \(info.st_size) bytes long, far more than an API key")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "it could not be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformed(origin: .file(path), reason: "it is not UTF-8 text")
        }
        return try validated(text, origin: .file(path))
    }

    /// The trimmed key; refuses an empty one, and one with spaces or control characters inside
    /// (a key with a line break could smuggle a header into the request).
    static func validated(_ raw: String, origin: APIKeyError.Origin) throws(APIKeyError) -> APIKey {
        let key = raw.trimmingWhitespace()
        guard !key.isEmpty else { throw .empty(origin: origin) }
        guard key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .malformed(origin: origin, reason: "it contains spaces, line breaks or non-ASCII characters inside the key (only one line holding the key is expected)")
        }
        return APIKey(key)
    }
}

/// The API key could not be loaded. A local set-up problem (the CLI exits 2), unlike a key the
/// server refuses (`RunningHubError.Category.auth`, exit 5). Messages never contain the key.
public enum APIKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Origin: Sendable, Hashable, CustomStringConvertible {
        case file(String)
        case environment

        public var description: String {
            switch self {
            case .file(let path): return "The API key file \(path)"
            case .environment: return "The environment variable \(APIKeySource.environmentVariable)"
            }
        }
    }

    case missing
    case unreadable(path: String, reason: String)
    case tooOpen(path: String, mode: String)
    case empty(origin: Origin)
    case malformed(origin: Origin, reason: String)

    public var description: String {
        switch self {
        case .missing:
            return "No RunningHub API key was given. Put it in a file only you can read and pass --api-key-file FILE, or set \(APIKeySource.environmentVariable); the key is never accepted on the command line."
        case .unreadable(let path, let reason):
            return "The API key file \(path) could not be read: \(reason). Check the path given to --api-key-file."
        case .tooOpen(let path, let mode):
            return "The API key file \(path) is readable by other users (mode \(mode)), so the key may already be exposed. Run `chmod 600 \(path)` and consider rotating the key."
        case .empty(let origin):
            return "\(origin) is empty. It must hold the RunningHub API key."
        case .malformed(let origin, let reason):
            return "\(origin) does not hold a usable API key: \(reason)."
        }
    }
}
