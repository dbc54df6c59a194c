import CCurl
import Foundation

/// Owns a `curl_mime` multipart form with one file part that libcurl reads from disk as it sends
/// (`curl_mime_filedata`), so a 1 GB video never sits in memory.
final class CurlMimeForm {
    let raw: OpaquePointer
    /// Size of the file part in bytes, known up front so progress has a total.
    let fileLength: Int64

    init(easy: CurlEasyHandle, field: String, path: String, fileName: String, contentType: String?) throws(TransportError) {
        // Check the file first: curl_mime_filedata only reports an unreadable file once the
        // transfer is already running, which would look like a network failure.
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            throw TransportError(kind: .localFile, message: "Could not read the upload file \(path): \(reason). Check that it exists and is readable.", url: easy.url)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw TransportError(kind: .localFile, message: "The upload file \(path) is not a regular file.", url: easy.url)
        }
        let probe = open(path, O_RDONLY)
        guard probe >= 0 else {
            let reason = String(cString: strerror(errno))
            throw TransportError(kind: .localFile, message: "Could not open the upload file \(path): \(reason). Check its permissions.", url: easy.url)
        }
        close(probe)

        guard let mime = curl_mime_init(easy.raw) else {
            throw TransportError(kind: .other, message: "libcurl could not create a multipart form (out of memory?).", url: easy.url)
        }
        // Stored properties are set only at the end, so a throw below never runs deinit on a freed form.
        guard let part = curl_mime_addpart(mime) else {
            curl_mime_free(mime)
            throw TransportError(kind: .other, message: "libcurl could not add a part to the multipart form (out of memory?).", url: easy.url)
        }
        do throws(TransportError) {
            try easy.check(curl_mime_name(part, field))
            try easy.check(curl_mime_filedata(part, path))
            // After filedata, which sets the file name to the path's last component.
            try easy.check(curl_mime_filename(part, fileName))
            if let contentType {
                try easy.check(curl_mime_type(part, contentType))
            }
        } catch {
            curl_mime_free(mime)
            throw error
        }
        raw = mime
        fileLength = Int64(info.st_size)
    }

    deinit { curl_mime_free(raw) }
}
