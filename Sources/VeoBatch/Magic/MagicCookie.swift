import CMagic
import Foundation

/// One libmagic handle (`magic_t`) with its database loaded.
///
/// A cookie keeps per-call state (flags, the result buffer, the last error), so it must never be used
/// by two threads at once. `MagicFileTypeDetector` hands each cookie to one caller at a time; that
/// exclusive hand-over is what makes the `@unchecked Sendable` below true.
final class MagicCookie: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Opens a cookie and loads the default database (`magic_load(NULL)`: `$MAGIC` or the system
    /// `magic.mgc`). Throws when libmagic cannot allocate the cookie or read its database.
    init(bytesMax: Int?) throws {
        guard let handle = magic_open(MAGIC_ERROR) else {
            throw FileTypeDetectionError.databaseUnavailable(
                reason: "magic_open failed (\(String(cString: strerror(errno))))")
        }
        if magic_load(handle, nil) != 0 {
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
        self.handle = handle
    }

    deinit {
        magic_close(handle)
    }

    /// Classifies the bytes behind `descriptor` from offset 0: the MIME type when `mime` is true,
    /// else libmagic's description. Returns nil and leaves the reason in `lastError` on failure.
    func classify(descriptor: Int32, mime: Bool) -> String? {
        let flags = mime ? (MAGIC_MIME_TYPE | MAGIC_ERROR) : MAGIC_ERROR
        guard magic_setflags(handle, flags) == 0 else { return nil }
        // libmagic reads from the descriptor's current position; always start at the first byte.
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { return nil }
        guard let result = magic_descriptor(handle, descriptor) else { return nil }
        return String(cString: result)
    }

    /// `magic_error` text for the last failed call, or nil when libmagic has none.
    var lastError: String? { MagicCookie.errorText(of: handle) }

    private static func errorText(of handle: OpaquePointer) -> String? {
        guard let text = magic_error(handle) else { return nil }
        let message = String(cString: text)
        return message.isEmpty ? nil : message
    }
}
