#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// The two ways veobatch writes files, each written once: every byte of a buffer to a descriptor
/// (downloads, the log, standard output), and a whole file replaced in one step (draft manifests,
/// reports, sidecars, exports).
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
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Failure(path: path, reason: "its folder cannot be created (\(error))")
            }
        }
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).veobatch-\(getpid()).tmp"
        var existing = stat()
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        var failure = data.withUnsafeBytes { all(descriptor, $0) }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = errno }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw Failure(path: path, reason: String(cString: strerror(failure)))
        }
    }
}
