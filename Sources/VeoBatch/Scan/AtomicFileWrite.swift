#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Replaces a file in one step: the data goes to a temporary file beside it, is flushed, and is
/// renamed over the original. A crash or a full disk leaves the old manifest as it was.
enum AtomicFileWrite {
    static func replace(_ path: String, with data: Data) throws(ScanError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).veobatch-\(getpid()).tmp"
        var existing = stat()
        // Keep the manifest's permissions; a new one gets 0644 less the umask.
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .manifestWriteFailed(path: path, reason: FolderWalk.errnoText()) }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = FolderWalk.errnoText()
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = FolderWalk.errnoText() }
        if failure == nil, fchmod(fd, mode) != 0 { failure = FolderWalk.errnoText() }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = FolderWalk.errnoText() }
        if let failure {
            unlink(temporary)
            throw .manifestWriteFailed(path: path, reason: failure)
        }
    }
}
