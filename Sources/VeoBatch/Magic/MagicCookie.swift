import CMagic
import Foundation

/// One libmagic handle (`magic_t`) with its database loaded.
///
/// A cookie keeps per-call state (flags, the result buffer, the last error), so it must never be used
/// by two threads at once. `MagicFileTypeDetector` hands each cookie to one caller at a time; that
/// exclusive hand-over is what makes the `@unchecked Sendable` below true.
final class MagicCookie: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Opens a cookie and loads a database: libmagic's own (`magic_load(NULL)`: `$MAGIC` or the
    /// system `magic.mgc`) unless `database` names a rule file. Throws when libmagic cannot
    /// allocate the cookie or read its database.
    init(bytesMax: Int?, database: String? = nil) throws {
        guard let handle = magic_open(MAGIC_ERROR) else {
            throw FileTypeDetectionError.databaseUnavailable(
                reason: "magic_open failed (\(String(cString: strerror(errno))))")
        }
        if magic_load(handle, database) != 0 {
            let reason = MagicCookie.errorText(of: handle) ?? "magic_load returned an error"
            magic_close(handle)
            throw FileTypeDetectionError.databaseUnavailable(reason: reason)
        }
        if let bytesMax {
            var value = bytesMax
            if magic_setparam(handle, MAGIC_PARAM_BYTES_MAX, &value) != 0 {
                let reason = MagicCookie.errorText(of: handle) ?? "magic_setparam(MAGIC_PARAM_BYTES_MAX) failed"
                magic_close(handle)
                throw FileTypeDetectionError.databaseUnavailable(reason: reason)
            }
        }
        var opened = 0
        if magic_getparam(handle, MAGIC_PARAM_BYTES_MAX, &opened) != 0 {
            let reason = MagicCookie.errorText(of: handle) ?? "magic_getparam(MAGIC_PARAM_BYTES_MAX) failed"
            magic_close(handle)
            throw FileTypeDetectionError.databaseUnavailable(reason: reason)
        }
        self.handle = handle
        self.openedBytesMax = opened
        self.currentBytesMax = opened
    }

    deinit {
        magic_close(handle)
    }

    /// What one libmagic pass is asked for.
    enum Query {
        /// libmagic's human description, every test on (`detect`).
        case description
        /// The MIME type, every test on (`detect`).
        case mimeType
        /// The MIME type and the text encoding, without libmagic's text-kind tests, over at most
        /// `bytes` leading bytes (`mediaType`). See `MagicFileTypeDetector.mediaType(fileAt:)`.
        case mediaType(bytes: Int)
        /// The MIME type from the loaded rules alone (none of libmagic's built-in tests), over at
        /// most `bytes` leading bytes: a cookie loaded with `ClipMagic`'s rules.
        case rulesOnly(bytes: Int)
    }

    /// `bytes_max` as the cookie was opened with (libmagic's default unless `bytesMax` was given);
    /// a `.mediaType` pass lowers it for itself and the next other pass restores it.
    private let openedBytesMax: Int
    private var currentBytesMax: Int

    /// Classifies the bytes behind `descriptor` from offset 0. Returns nil and leaves the reason in
    /// `lastError` on failure.
    func classify(descriptor: Int32, _ query: Query) -> String? {
        let flags: Int32
        let bytesMax: Int
        switch query {
        case .description:
            flags = MAGIC_ERROR
            bytesMax = openedBytesMax
        case .mimeType:
            flags = MAGIC_MIME_TYPE | MAGIC_ERROR
            bytesMax = openedBytesMax
        case .mediaType(let bytes):
            flags = MAGIC_MIME_TYPE | MAGIC_MIME_ENCODING | MAGIC_NO_CHECK_TEXT | MAGIC_ERROR
            bytesMax = min(bytes, openedBytesMax)
        case .rulesOnly(let bytes):
            flags = MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_APPTYPE
                | MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_TEXT | MAGIC_NO_CHECK_CDF | MAGIC_NO_CHECK_CSV | MAGIC_NO_CHECK_ENCODING
                | MAGIC_NO_CHECK_JSON
            bytesMax = min(bytes, openedBytesMax)
        }
        guard magic_setflags(handle, flags) == 0, setBytesMax(bytesMax) else { return nil }
        // libmagic reads from the descriptor's current position; always start at the first byte.
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { return nil }
        guard let result = magic_descriptor(handle, descriptor) else { return nil }
        return String(cString: result)
    }

    private func setBytesMax(_ value: Int) -> Bool {
        guard value != currentBytesMax else { return true }
        var parameter = value
        guard magic_setparam(handle, MAGIC_PARAM_BYTES_MAX, &parameter) == 0 else { return false }
        currentBytesMax = value
        return true
    }

    /// `magic_error` text for the last failed call, or nil when libmagic has none.
    var lastError: String? { MagicCookie.errorText(of: handle) }

    private static func errorText(of handle: OpaquePointer) -> String? {
        guard let text = magic_error(handle) else { return nil }
        let message = String(cString: text)
        return message.isEmpty ? nil : message
    }
}
