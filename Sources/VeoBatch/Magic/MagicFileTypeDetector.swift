import Foundation
import Synchronization

/// Types files by their bytes with libmagic (never by name).
///
/// libmagic cookies are not thread-safe, and loading the database costs a few milliseconds, so the
/// detector keeps a pool of loaded cookies behind a lock: each `detect` call borrows one for the
/// duration of the call (creating a new one when every cookie is busy) and gives it back. Any
/// number of tasks can therefore detect at the same time, and at most `maxIdleCookies` stay open
/// between bursts.
public final class MagicFileTypeDetector: FileTypeDetecting {
    private let idle: Mutex<[MagicCookie]>
    private let maxIdleCookies: Int
    private let bytesMax: Int?

    /// - Parameters:
    ///   - maxIdleCookies: how many loaded cookies are kept for reuse; extra ones are closed.
    ///   - bytesMax: how many leading bytes libmagic may read per file (`MAGIC_PARAM_BYTES_MAX`);
    ///     nil keeps libmagic's default.
    /// - Throws: `FileTypeDetectionError.databaseUnavailable` when the database cannot be loaded.
    ///   One cookie is opened here so a broken installation fails at start-up, not on the first file.
    public init(maxIdleCookies: Int = max(2, ProcessInfo.processInfo.activeProcessorCount * 2), bytesMax: Int? = nil) throws {
        let first = try MagicCookie(bytesMax: bytesMax)
        self.idle = Mutex([first])
        self.maxIdleCookies = max(1, maxIdleCookies)
        self.bytesMax = bytesMax
    }

    public func detect(fileAt path: String) throws -> DetectedFileType {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw FileTypeDetectionError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }

        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw FileTypeDetectionError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if let kind = Self.nonRegularKind(mode: info.st_mode) {
            throw FileTypeDetectionError.notRegularFile(path: path, kind: kind)
        }

        let cookie = try borrowCookie()
        defer { giveBack(cookie) }
        guard let mime = cookie.classify(descriptor: descriptor, mime: true) else {
            throw failure(path: path, cookie: cookie)
        }
        guard let description = cookie.classify(descriptor: descriptor, mime: false) else {
            throw failure(path: path, cookie: cookie)
        }
        return DetectedFileType(mimeType: Self.bareMIME(mime), description: description)
    }

    /// `image/png; charset=binary` → `image/png` (MAGIC_MIME_TYPE should already omit parameters).
    static func bareMIME(_ value: String) -> String {
        let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        return type.trimmingCharacters(in: .whitespaces)
    }

    private func borrowCookie() throws -> MagicCookie {
        if let cookie = idle.withLock({ $0.popLast() }) {
            return cookie
        }
        return try MagicCookie(bytesMax: bytesMax)
    }

    private func giveBack(_ cookie: MagicCookie) {
        let limit = maxIdleCookies
        idle.withLock { cookies in
            if cookies.count < limit { cookies.append(cookie) }
        }
    }

    private func failure(path: String, cookie: MagicCookie) -> FileTypeDetectionError {
        let systemReason = errno != 0 ? String(cString: strerror(errno)) : "unknown error"
        return .magicFailed(path: path, reason: cookie.lastError ?? systemReason)
    }

    private static func nonRegularKind(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}
