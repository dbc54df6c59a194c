import CCurl
import Foundation

/// Turning `HTTPRequest` and `DownloadRequest` values into configured transfers.
extension Transfer {
    /// The most an API answer collected by `send` may weigh before the transfer is stopped.
    static let answerLimit = 32 * 1_048_576

    /// A transfer for `CurlTransport.send`: never follows redirects, collects the answer in memory.
    static func sending(_ request: HTTPRequest, progress: ProgressHandler?) throws(TransportError) -> Transfer {
        if request.method == .get, !request.body.isNone {
            throw TransportError(
                kind: .other, message: "A GET request cannot carry a body; send it as a POST.", url: request.url)
        }
        let easy = try CurlEasyHandle(url: request.url, sensitiveHeaders: request.headers)
        try applyCommonOptions(easy, timeouts: request.timeouts)
        if !request.isIdempotent {
            // curl resends on its own only over a reused connection; see HTTPRequest.isIdempotent.
            try easy.set(CURLOPT_FRESH_CONNECT, 1)
        }
        var headers = request.headers
        var form: CurlMimeForm?
        switch request.method {
        case .get:
            try easy.set(CURLOPT_HTTPGET, 1)
        case .post:
            try easy.set(CURLOPT_POST, 1)
        }
        switch request.body {
        case .none:
            if request.method == .post {
                try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: 0)
                try easy.set(CURLOPT_COPYPOSTFIELDS, "")
            }
        case .data(let data, let contentType):
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(HTTPHeader("Content-Type", contentType))
            }
            // Size first: COPYPOSTFIELDS copies that many bytes (the body may contain NULs).
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(data.count))
            if data.isEmpty {
                try easy.set(CURLOPT_COPYPOSTFIELDS, "")
            } else {
                let code = data.withUnsafeBytes { bytes in
                    vb_easy_setopt_pointer(easy.raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
                try easy.check(code)
            }
        case .multipartFile(let field, let path, let fileName, let contentType):
            form = try CurlMimeForm(easy: easy, field: field, path: path, fileName: fileName, contentType: contentType)
            // Bigger send buffer: fewer reads and callbacks per megabyte of video.
            try easy.set(CURLOPT_UPLOAD_BUFFERSIZE, 256 * 1024)
        }
        if request.body.hasBody {
            // curl waits up to a second for "100 Continue" before a large body; API hosts and
            // object stores answer errors anyway, so skip the wait.
            headers.append(HTTPHeader("Expect", ""))
        }
        return try Transfer(
            easy: easy, headerList: CurlHeaderList(headers, url: request.url), form: form,
            sink: .memory(limit: answerLimit), progressDirection: .upload, progress: progress)
    }

    /// A transfer for one hop of `CurlTransport.download`: streams a 2xx body into the `.part`
    /// file, asking for the rest when the file already holds a prefix and `resume` is set.
    static func downloading(
        _ request: DownloadRequest, url: String, headers: [HTTPHeader], progress: ProgressHandler?
    ) throws(TransportError) -> Transfer {
        let easy = try CurlEasyHandle(url: url, sensitiveHeaders: headers)
        try applyCommonOptions(easy, timeouts: request.timeouts)
        try easy.set(CURLOPT_HTTPGET, 1)
        let part = try PartFile(path: request.partPath, url: url)
        let offset = request.resume ? part.priorLength : 0
        var headers = headers.filter { $0.name.lowercased() != "range" }
        if offset > 0 {
            headers.append(HTTPHeader("Range", "bytes=\(offset)-"))
        }
        do throws(TransportError) {
            // A bigger receive buffer means fewer callbacks and write(2) calls per megabyte.
            try easy.set(CURLOPT_BUFFERSIZE, 256 * 1024)
            return try Transfer(
                easy: easy, headerList: CurlHeaderList(headers, url: url), form: nil,
                sink: .file(DownloadSink(part: part, requestedOffset: offset)), progressDirection: .download,
                progress: progress)
        } catch {
            part.restore()
            throw error
        }
    }

    /// Options every transfer gets: safe protocols, TLS verification, timeouts, no signals.
    private static func applyCommonOptions(_ easy: CurlEasyHandle, timeouts: TransferTimeouts) throws(TransportError) {
        // curl must not raise SIGALRM/SIGPIPE on a process full of threads.
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        // Redirects are followed by CurlTransport, which decides which headers may go along.
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        // On by default; stated so nobody "fixes" a certificate problem by turning it off.
        try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        try easy.set(CURLOPT_TCP_KEEPALIVE, 1)
        try easy.set(CURLOPT_USERAGENT, "veobatch (libcurl)")
        try easy.set(CURLOPT_NOPROXY, noProxyHosts)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, timeouts.connect.wholeMilliseconds)
        if timeouts.lowSpeedLimit > 0 {
            try easy.set(CURLOPT_LOW_SPEED_LIMIT, timeouts.lowSpeedLimit)
            try easy.set(CURLOPT_LOW_SPEED_TIME, timeouts.lowSpeedTime.wholeSecondsRoundedUp)
        }
        if let total = timeouts.total {
            try easy.set(CURLOPT_TIMEOUT_MS, max(1, total.wholeMilliseconds))
        }
    }
}

extension Transfer {
    /// Hosts never reached through a proxy: the environment's `NO_PROXY` plus loopback, which a
    /// proxy cannot reach anyway (setting `CURLOPT_NOPROXY` replaces the environment's list).
    fileprivate static let noProxyHosts: String = {
        let environment = ProcessInfo.processInfo.environment
        let configured = environment["NO_PROXY"] ?? environment["no_proxy"] ?? ""
        return ([configured] + ["localhost", "127.0.0.1", "::1"]).filter { !$0.isEmpty }.joined(separator: ",")
    }()
}

extension HTTPRequest.Body {
    fileprivate var hasBody: Bool {
        switch self {
        case .none: return false
        case .data(let data, _): return !data.isEmpty
        case .multipartFile: return true
        }
    }

    fileprivate var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

extension Duration {
    fileprivate var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    fileprivate var wholeSecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
