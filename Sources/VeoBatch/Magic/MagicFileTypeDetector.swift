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
    /// One cookie with `ClipMagic`'s rules, opened on the first `clipType` call (or why it could
    /// not be). A pass takes microseconds, so callers take turns at it instead of pooling.
    private let clipCookie = Mutex<Result<MagicCookie, any Error>?>(nil)
    private let maxIdleCookies: Int
    private let bytesMax: Int?
    private let clipRulesFolder: String

    /// Leading bytes a `detect` pass reads by default. libmagic 5.44's own default is 7 MB, and
    /// every call mallocs and fills up to that much: three 20 MB clips typed at once after their
    /// downloads held 21 MB, and a run's peak memory followed the size of its files. Media types
    /// are decided in the first bytes, and 256 KB still reaches a JPEG's frame header behind a
    /// full-size EXIF block, which is where libmagic's description finds the pixel size.
    public static let defaultBytesMax = 256 * 1024

    /// - Parameters:
    ///   - maxIdleCookies: how many loaded cookies are kept for reuse; extra ones are closed.
    ///   - bytesMax: how many leading bytes libmagic may read per file (`MAGIC_PARAM_BYTES_MAX`);
    ///     nil keeps libmagic's default (7 MB in 5.44).
    ///   - clipRulesFolder: where `ClipMagic`'s rules are written for loading (tests choose one
    ///     that cannot be written).
    /// - Throws: `FileTypeDetectionError.databaseUnavailable` when the database cannot be loaded.
    ///   One cookie is opened here so a broken installation fails at start-up, not on the first file.
    public convenience init(
        maxIdleCookies: Int = max(2, ProcessInfo.processInfo.activeProcessorCount * 2), bytesMax: Int? = MagicFileTypeDetector.defaultBytesMax
    ) throws {
        try self.init(maxIdleCookies: maxIdleCookies, bytesMax: bytesMax, clipRulesFolder: NSTemporaryDirectory())
    }

    init(maxIdleCookies: Int, bytesMax: Int?, clipRulesFolder: String) throws {
        let first = try MagicCookie(bytesMax: bytesMax)
        self.idle = Mutex([first])
        self.maxIdleCookies = max(1, maxIdleCookies)
        self.bytesMax = bytesMax
        self.clipRulesFolder = clipRulesFolder
    }

    public func detect(fileAt path: String) throws -> DetectedFileType {
        try withCookie(onFileAt: path) { cookie, descriptor in
            guard let mime = cookie.classify(descriptor: descriptor, .mimeType),
                let description = cookie.classify(descriptor: descriptor, .description)
            else {
                throw failure(path: path, cookie: cookie)
            }
            return DetectedFileType(mimeType: Self.bareMIME(mime), description: description)
        }
    }

    /// Leading bytes a `mediaType` pass looks at. Every format scanning accepts is recognised
    /// from its first bytes (PNG, JPEG and WebP signatures, the MP4/QuickTime `ftyp` or first
    /// atom); libmagic's default is 7 MB, and several of its tests search the whole buffer, so a
    /// big buffer costs time on every file without telling an image from anything else.
    public static let mediaTypeBytes = 8 * 1024

    /// The MIME type in one libmagic pass (`detect` makes two), tuned for sorting media from
    /// everything else: at most `mediaTypeBytes` are read, and libmagic's text-kind tests are
    /// skipped. Those tests (regular-expression searches that tell HTML from a shell script from a
    /// log) cost ten times more than typing an image, and only matter for files that are rejected
    /// anyway; libmagic's encoding check still runs, so any text comes back as `text/plain`
    /// instead of `application/octet-stream`.
    public func mediaType(fileAt path: String) throws -> String {
        try withFile(at: path) { descriptor in try mediaType(of: descriptor, path: path) }
    }

    /// `mediaType` of a file already open (`clipType` falls back to it without opening again).
    private func mediaType(of descriptor: Int32, path: String) throws -> String {
        let cookie = try borrowCookie()
        defer { giveBack(cookie) }
        guard let answer = cookie.classify(descriptor: descriptor, .mediaType(bytes: Self.mediaTypeBytes)) else {
            throw failure(path: path, cookie: cookie)
        }
        return Self.mediaMIME(answer)
    }

    /// The MIME type of a downloaded clip, exact for what the result check accepts. The expected
    /// answer (an MP4 or QuickTime `ftyp` brand) comes from `ClipMagic`'s rules; anything they do
    /// not name is typed by `mediaType`, libmagic's whole database, which is then the answer.
    /// Where the rules cannot be loaded (no writable temporary folder) the whole database answers
    /// every clip: slower, never a download refused for it.
    public func clipType(fileAt path: String) throws -> String {
        try withFile(at: path) { descriptor in
            let known: String? = try clipCookie.withLock { loaded in
                if loaded == nil {
                    loaded = Result { try ClipMagic.cookie(in: clipRulesFolder) }
                }
                guard case .success(let clips) = loaded else { return nil }
                guard let answer = clips.classify(descriptor: descriptor, .rulesOnly(bytes: ClipMagic.bytes)) else {
                    throw failure(path: path, cookie: clips)
                }
                return answer
            }
            if let known, ClipMagic.mimeTypes.contains(known) { return known }
            return try mediaType(of: descriptor, path: path)
        }
    }

    /// `application/octet-stream; charset=us-ascii` (what libmagic says of text when its text-kind
    /// tests are off) → `text/plain`; anything else → its bare MIME type.
    static func mediaMIME(_ answer: String) -> String {
        let (type, parameter) = Self.splitParameter(answer)
        guard type.elementsEqual("application/octet-stream".utf8), let parameter,
            parameter.starts(with: "charset=".utf8)
        else { return String(decoding: type, as: UTF8.self) }
        let charset = parameter.dropFirst("charset=".utf8.count)
        return charset.isEmpty || charset.elementsEqual("binary".utf8) ? String(decoding: type, as: UTF8.self) : "text/plain"
    }

    /// Opens a regular file (never blocking on a FIFO), borrows a cookie, and runs `body`.
    private func withCookie<T>(onFileAt path: String, _ body: (MagicCookie, Int32) throws -> T) throws -> T {
        try withFile(at: path) { descriptor in
            let cookie = try borrowCookie()
            defer { giveBack(cookie) }
            return try body(cookie, descriptor)
        }
    }

    /// Opens a regular file (never blocking on a FIFO) and runs `body` with its descriptor.
    private func withFile<T>(at path: String, _ body: (Int32) throws -> T) throws -> T {
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
        return try body(descriptor)
    }

    /// `image/png; charset=binary` → `image/png` (MAGIC_MIME_TYPE should already omit parameters).
    static func bareMIME(_ value: String) -> String {
        String(decoding: Self.splitParameter(value).type, as: UTF8.self)
    }

    /// `type; parameter` → (`type`, `parameter`), both without surrounding spaces. Byte-wise:
    /// Foundation's trimming was a tenth of a scan's time.
    private static func splitParameter(_ value: String) -> (type: Substring.UTF8View, parameter: Substring.UTF8View?) {
        let bytes = value.utf8
        let semicolon = bytes.firstIndex(of: UInt8(ascii: ";"))
        let type = trimmed(bytes[..<(semicolon ?? bytes.endIndex)])
        return (type, semicolon.map { trimmed(bytes[bytes.index(after: $0)...]) })
    }

    private static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        return bytes[first...last]
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
