import CCurl
import Foundation

/// Initialises libcurl once per process. `curl_global_init` must run before any other curl call
/// and must not race with itself; a `static let` is initialised exactly once, thread-safely.
enum CurlLibrary {
    private static let initResult: CURLcode = curl_global_init(vb_curl_global_default)

    /// Makes sure libcurl is initialised; throws if it could not be (no TLS backend, no memory).
    static func ensureInitialized(url: String) throws(TransportError) {
        let code = initResult
        guard code == CURLE_OK else {
            throw CurlFailure.error(code, errorBuffer: "curl_global_init failed", url: url)
        }
    }
}

/// Owns one `CURL *` easy handle and its error buffer.
///
/// Not thread-safe: a transfer configures it on the calling task, then hands it to the engine
/// thread, which is the only one to touch it from then on (see `TransferEngine`).
final class CurlEasyHandle {
    let raw: UnsafeMutableRawPointer
    let url: String
    /// Header values to keep out of error messages.
    let sensitiveHeaders: [HTTPHeader]
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var isCleanedUp = false

    init(url: String, sensitiveHeaders: [HTTPHeader]) throws(TransportError) {
        try CurlLibrary.ensureInitialized(url: url)
        guard let handle = curl_easy_init() else {
            throw TransportError(kind: .other, message: "libcurl could not create a transfer handle (out of memory?).", url: url)
        }
        raw = handle
        self.url = url
        self.sensitiveHeaders = sensitiveHeaders
        let size = vb_curl_error_size + 1
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_URL, url)
    }

    deinit {
        cleanUp()
        errorBuffer.deallocate()
    }

    /// Frees the curl handle now (on the engine thread, right after it left the multi handle).
    func cleanUp() {
        guard !isCleanedUp else { return }
        isCleanedUp = true
        curl_easy_cleanup(raw)
    }

    /// What curl wrote into `CURLOPT_ERRORBUFFER` for the last failure.
    var errorText: String { String(cString: errorBuffer) }

    /// The `TransportError` for a code this handle returned.
    func failure(_ code: CURLcode) -> TransportError {
        CurlFailure.error(code, errorBuffer: errorText, url: url, headers: sensitiveHeaders)
    }

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(vb_easy_setopt_long(raw, option, value))
    }

    func set(_ option: CURLoption, offset value: Int64) throws(TransportError) {
        try check(vb_easy_setopt_off_t(raw, option, curl_off_t(value)))
    }

    /// Sets a string option. libcurl copies string options (all but `CURLOPT_POSTFIELDS`).
    func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        try check(vb_easy_setopt_string(raw, option, value))
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(TransportError) {
        try check(vb_easy_setopt_pointer(raw, option, value))
    }

    func set(headers list: CurlHeaderList) throws(TransportError) {
        try check(vb_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, list.raw))
    }

    func set(mime form: CurlMimeForm) throws(TransportError) {
        try check(vb_easy_setopt_mime(raw, form.raw))
    }

    /// A `long` transfer info value, or 0 when curl has none.
    func info(_ item: CURLINFO) -> Int {
        var value = 0
        return vb_easy_getinfo_long(raw, item, &value) == CURLE_OK ? value : 0
    }

    /// A string transfer info value, if curl has one.
    func stringInfo(_ item: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard vb_easy_getinfo_string(raw, item, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    func check(_ code: CURLcode) throws(TransportError) {
        guard code == CURLE_OK else { throw failure(code) }
    }
}

/// Owns a `curl_slist` of request headers; curl reads it during the transfer, so it lives as long
/// as the transfer does.
final class CurlHeaderList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    init(_ headers: [HTTPHeader], url: String) throws(TransportError) {
        for header in headers {
            // A line break would let a value smuggle in extra headers (and a NUL would cut it short);
            // the value stays out of the message.
            guard !(header.name + header.value).utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                curl_slist_free_all(raw)
                raw = nil
                throw TransportError(kind: .other, message: "The request header \(header.name) contains a line break or NUL character; remove it from the value.", url: url)
            }
            // "Name:" with nothing after it tells curl to drop a header it would add itself.
            let line = header.value.isEmpty ? "\(header.name):" : "\(header.name): \(header.value)"
            guard let appended = curl_slist_append(raw, line) else {
                curl_slist_free_all(raw)
                raw = nil
                throw TransportError(kind: .other, message: "libcurl could not build the request's header list (out of memory?).", url: url)
            }
            raw = appended
        }
    }

    deinit { curl_slist_free_all(raw) }
}
