import Foundation

/// Why a file's type could not be read. Every case names the file (or the database) and the cause,
/// so the message can be shown to the user as it is.
public enum FileTypeDetectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libmagic could not open a cookie or load its database; nothing can be typed.
    case databaseUnavailable(reason: String)
    /// The file could not be opened or examined (missing, permission denied, …).
    case unreadable(path: String, reason: String)
    /// The path is not a regular file (a directory, FIFO, device, socket); its bytes are not a medium.
    case notRegularFile(path: String, kind: String)
    /// libmagic itself reported an error for this file (`magic_error`).
    case magicFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .databaseUnavailable(let reason):
            return "libmagic could not load its file-type database: \(reason). Check that libmagic is installed (libmagic1 / libmagic-mgc) or set MAGIC to a valid magic.mgc."
        case .unreadable(let path, let reason):
            return "Cannot read '\(path)' to detect its type: \(reason)."
        case .notRegularFile(let path, let kind):
            return "'\(path)' is \(kind), not a regular file; only regular files can be used as media."
        case .magicFailed(let path, let reason):
            return "libmagic could not detect the type of '\(path)': \(reason)."
        }
    }
}
