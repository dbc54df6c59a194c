import Foundation

/// The `.part` file a download streams into, opened for appending.
///
/// It remembers what was on disk before the transfer so that an answer that is not the file
/// (an HTTP error, a redirect, a mismatched range) leaves it exactly as it was — or absent, if it
/// did not exist. Bytes of a 2xx answer are written straight through with `write(2)`; nothing is
/// buffered beyond curl's own receive buffer.
final class PartFile {
    let path: String
    /// Whether the file existed when the transfer started.
    let existedBefore: Bool
    /// Its length then.
    let priorLength: Int64
    private var descriptor: Int32
    /// Set once the transfer changed the file (truncated or appended).
    private(set) var isModified = false

    init(path: String, url: String) throws(TransportError) {
        self.path = path
        var info = stat()
        existedBefore = stat(path, &info) == 0
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PartFile.failure("Could not open the download file \(path)", url: url)
        }
        guard fstat(fd, &info) == 0 else {
            let error = PartFile.failure("Could not read the size of the download file \(path)", url: url)
            close(fd)
            throw error
        }
        descriptor = fd
        priorLength = Int64(info.st_size)
    }

    deinit { closeFile() }

    /// The file's current length on disk.
    var length: Int64 {
        var info = stat()
        if descriptor >= 0, fstat(descriptor, &info) == 0 { return Int64(info.st_size) }
        if stat(path, &info) == 0 { return Int64(info.st_size) }
        return 0
    }

    /// Empties the file because the server sent the whole resource instead of the rest of it.
    func truncate(url: String) throws(TransportError) {
        isModified = true
        guard ftruncate(descriptor, 0) == 0 else {
            throw PartFile.failure("Could not empty the download file \(path) to start over", url: url)
        }
    }

    /// Appends bytes, retrying short writes and interrupted calls.
    func append(_ bytes: UnsafeRawBufferPointer, url: String) throws(TransportError) {
        isModified = true
        if let failure = FileWrite.all(descriptor, bytes) {
            errno = failure
            throw PartFile.failure("Could not write to the download file \(path)", url: url)
        }
    }

    /// Puts the file back the way it was before the transfer: removed if it did not exist,
    /// otherwise cut back to its earlier length. Only valid while nothing was truncated.
    func restore() {
        guard !isModified else { return }
        if existedBefore {
            _ = ftruncate(descriptor, off_t(priorLength))
        } else {
            closeFile()
            _ = unlink(path)
        }
    }

    func closeFile() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    private static func failure(_ what: String, url: String) -> TransportError {
        let reason = String(cString: strerror(errno))
        return TransportError(
            kind: .localFile,
            message: "\(what): \(reason). Check that its folder exists, is writable and has free space.",
            url: url)
    }
}
