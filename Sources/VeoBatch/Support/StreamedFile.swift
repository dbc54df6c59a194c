#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// A file written piece by piece and published in one step: the bytes go to a temporary file
/// beside the target, and `commit` flushes it to disk and renames it over the target, as
/// `FileWrite.replaceAtomically` does for a whole buffer. Reports of a 10,000-job batch are
/// written this way a page at a time, so no report is ever held whole in memory.
///
/// `memory()` keeps the bytes instead (a report rendered for a caller that wants `Data`), and
/// `scratch()` makes an unnamed file for a part that is written now but placed later (the rows
/// of `report.html` that come after the ones that need a look).
public final class StreamedFile {
    private enum Storage {
        case memory
        /// `temporary` is renamed to `target` on commit; nil for a scratch file (already unlinked).
        case file(descriptor: Int32, temporary: String?, target: String?, mode: mode_t)
    }

    private var storage: Storage
    private var buffer = Data()
    private var finished = false
    /// Buffered bytes are written out past this size.
    private static let flushSize = 256 * 1024

    private init(storage: Storage) {
        self.storage = storage
    }

    deinit {
        if case .file(let descriptor, let temporary, _, _) = storage, !finished {
            close(descriptor)
            if let temporary { unlink(temporary) }
        }
    }

    /// Bytes kept in memory; `data` returns them.
    public static func memory() -> StreamedFile {
        StreamedFile(storage: .memory)
    }

    /// A temporary file beside `path` that replaces it on `commit`. The file keeps the target's
    /// permissions; a new one gets 0644 less the umask. The folder is created when missing.
    public static func replacing(_ path: String) throws(FileWrite.Failure) -> StreamedFile {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw FileWrite.Failure(path: path, reason: "its folder cannot be created (\(error))")
            }
        }
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).veobatch-\(getpid()).tmp"
        var existing = stat()
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        let descriptor = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileWrite.Failure(path: path, reason: String(cString: strerror(errno))) }
        return StreamedFile(storage: .file(descriptor: descriptor, temporary: temporary, target: path, mode: mode))
    }

    /// An unnamed file of the same kind (in memory for a memory file, else on disk beside this
    /// one, unlinked at once), to be copied into this one with `append(contentsOf:)`.
    public func scratch() throws(FileWrite.Failure) -> StreamedFile {
        guard case .file(_, let temporary?, let target, _) = storage else { return .memory() }
        let path = temporary + ".part"
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileWrite.Failure(path: target ?? path, reason: String(cString: strerror(errno))) }
        unlink(path)
        return StreamedFile(storage: .file(descriptor: descriptor, temporary: nil, target: target, mode: 0o600))
    }

    public func write(_ text: String) throws(FileWrite.Failure) {
        buffer.append(contentsOf: text.utf8)
        try flushIfFull()
    }

    public func write(_ data: Data) throws(FileWrite.Failure) {
        buffer.append(data)
        try flushIfFull()
    }

    /// Everything written to `other` so far, copied after what this file holds.
    public func append(contentsOf other: StreamedFile) throws(FileWrite.Failure) {
        try other.flush()
        switch other.storage {
        case .memory:
            try write(other.buffer)
        case .file(let descriptor, _, let target, _):
            try flush()
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw failure(target, errno) }
            var chunk = [UInt8](repeating: 0, count: 256 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure(target, errno)
                }
                if count == 0 { break }
                try write(Data(chunk[0..<count]))
            }
        }
    }

    /// The bytes of a memory file.
    public var data: Data { buffer }

    /// Flushes the temporary file to disk and renames it over the target. A memory file is left
    /// as it is.
    public func commit() throws(FileWrite.Failure) {
        guard case .file(let descriptor, let temporary?, let target?, let mode) = storage else { return }
        var error: Int32?
        do { try flush() } catch { finished = true; close(descriptor); unlink(temporary); throw error }
        if fsync(descriptor) != 0 { error = errno }
        if error == nil, fchmod(descriptor, mode) != 0 { error = errno }
        close(descriptor)
        finished = true
        if error == nil, rename(temporary, target) != 0 { error = errno }
        if let error {
            unlink(temporary)
            throw failure(target, error)
        }
    }

    private func flushIfFull() throws(FileWrite.Failure) {
        if buffer.count >= Self.flushSize { try flush() }
    }

    private func flush() throws(FileWrite.Failure) {
        guard case .file(let descriptor, _, let target, _) = storage, !buffer.isEmpty else { return }
        if let error = buffer.withUnsafeBytes({ FileWrite.all(descriptor, $0) }) { throw failure(target, error) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure(_ target: String?, _ error: Int32) -> FileWrite.Failure {
        FileWrite.Failure(path: target ?? "a report", reason: String(cString: strerror(error)))
    }
}
