import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes a checked download survive a power cut before the journal calls it done: the file's
/// bytes are flushed (`fsync`) before it is linked into place, and its folder after, so the new
/// name is on disk too. A clip that cost money must not come back empty after a crash.
///
/// This lives with the pipeline, not the transport: the transport only moves bytes into a
/// `.part` file (like `curl -O`), and a `.part` that fails its length or type check, or that a
/// later attempt resumes, is not worth flushing. Flushing once, where the file is published,
/// costs what durability costs and nothing more.
public enum FileDurability {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Flushes the file's data and size to disk.
    public static func flush(file path: String) throws(Failure) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(description: "could not reopen \(path) to flush it to disk: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw Failure(description: "could not flush \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes the folder holding `path`, so a name just linked or renamed into it is on disk.
    /// Best effort: some file systems refuse `fsync` on folders, and the file itself is safe.
    public static func flushFolder(containing path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
