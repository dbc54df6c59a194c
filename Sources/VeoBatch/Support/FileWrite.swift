#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// The two ways veobatch writes files, each written once: every byte of a buffer to a descriptor
/// (downloads, the log, standard output), and a whole file replaced in one step (draft manifests,
/// reports, sidecars, exports); the folder they go into, and the left-over they replace.
public enum FileWrite {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "could not write \(path): \(reason)" }
    }

    /// Writes every byte, retrying short writes and interrupted calls. Returns the `errno` of the
    /// write that failed, nil when all went out.
    public static func all(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            remaining -= written
            next += written
        }
        return nil
    }

    /// Replaces `path` in one step: the data goes to a temporary file beside it, is flushed to
    /// disk, and is renamed over the original, so a reader, a crash or a full disk never leaves
    /// half a file. The file keeps its permissions; a new one gets 0644 less the umask. The
    /// folder is created when missing.
    public static func replaceAtomically(_ path: String, with data: Data) throws(Failure) {
        let file = try StreamedFile.replacing(path)
        try file.write(data)
        try file.commit()
    }

    /// Makes the folder `path` unless it is one already, with its missing parents. One `mkdir`
    /// when only the folder itself is missing (a row folder, once per job), where FileManager's
    /// recursive creation looks at every parent first; anything else goes to FileManager, so the
    /// errors are its own.
    public static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o777) == 0 { return }
        var info = stat()
        if errno == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Removes what stands at `path`, if anything; nothing there is no error. One `unlink` for a
    /// file or none (a fresh download's `.part`, once per job), where FileManager, asked to remove
    /// a missing file, builds an error to say so (0.7 % of a run's CPU); anything else (a folder
    /// in its place) goes to FileManager.
    public static func remove(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        try? FileManager.default.removeItem(atPath: path)
    }
}
