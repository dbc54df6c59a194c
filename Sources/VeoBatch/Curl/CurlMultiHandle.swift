import CCurl

/// Owns one `CURLM *` multi handle: the transfers in flight and the connection cache that lets
/// later requests reuse earlier connections.
///
/// Confined to the engine thread, except `wakeUp()`, which libcurl allows from any thread while
/// the handle is alive (`TransferEngine` guarantees that under its inbox lock).
final class CurlMultiHandle {
    let raw: UnsafeMutableRawPointer
    private var isClosed = false

    /// One finished transfer, copied out of curl's `CURLMsg` before the handle is removed
    /// (removal invalidates the message).
    struct Completion {
        let easy: UnsafeMutableRawPointer
        let result: CURLcode
    }

    init(maxConnections: Int) throws(TransportError) {
        try CurlLibrary.ensureInitialized(url: "")
        guard let handle = curl_multi_init() else {
            throw TransportError(kind: .other, message: "libcurl could not create its transfer engine (out of memory?).", url: "")
        }
        raw = handle
        // Idle connections kept for reuse. Without a cap curl keeps 4 per transfer ever added.
        try check(vb_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, max(1, maxConnections)))
    }

    deinit { close() }

    /// Closes every cached connection and frees the handle. Every easy handle must be removed first.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        curl_multi_cleanup(raw)
    }

    func add(_ easy: CurlEasyHandle) throws(TransportError) {
        try check(curl_multi_add_handle(raw, easy.raw), url: easy.url)
    }

    /// Takes a transfer out of the engine; its connection goes back to the cache (or is closed if
    /// the transfer was cut short).
    func remove(_ easy: CurlEasyHandle) {
        _ = curl_multi_remove_handle(raw, easy.raw)
    }

    /// Moves bytes on every ready transfer; callbacks run inside this call.
    func perform() throws(TransportError) {
        var running: Int32 = 0
        try check(curl_multi_perform(raw, &running))
    }

    /// Waits until a socket is ready, curl's next timeout, `timeoutMilliseconds`, or `wakeUp()`.
    func poll(timeoutMilliseconds: Int32) throws(TransportError) {
        var ready: Int32 = 0
        try check(curl_multi_poll(raw, nil, 0, timeoutMilliseconds, &ready))
    }

    /// Interrupts a `poll` running on the engine thread. Callable from any thread.
    func wakeUp() {
        _ = curl_multi_wakeup(raw)
    }

    /// The transfers that finished since the last call.
    func completions() -> [Completion] {
        var finished: [Completion] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(raw, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            finished.append(Completion(easy: easy, result: message.pointee.data.result))
        }
        return finished
    }

    private func check(_ code: CURLMcode, url: String = "") throws(TransportError) {
        guard code == CURLM_OK else { throw CurlFailure.error(code, url: url) }
    }
}
