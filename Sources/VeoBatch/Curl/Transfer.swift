import CCurl
import Foundation
import Synchronization

/// What the engine hands back to the task that awaited a transfer.
struct TransferOutcome: Sendable {
    var status: Int
    var headers: [HTTPHeader]
    /// The collected body of a `send`; empty for downloads.
    var body: Data
    /// Set for downloads: the file result, or a redirect for `CurlTransport` to follow.
    var download: DownloadHop?
    /// Connections curl had to open for this transfer (`CURLINFO_NUM_CONNECTS`); 0 means it reused one.
    var newConnections: Int
}

/// The end of one download request: either the file, or a redirect to follow.
enum DownloadHop: Sendable {
    case finished(DownloadResult)
    case redirect(status: Int, location: String?)
}

/// One request in flight: its easy handle, everything curl reads while it runs (header list,
/// multipart form), where the body goes, and the continuation of the task awaiting it.
///
/// Thread confinement, which is why this is `@unchecked Sendable`: the creating task configures
/// it, then hands it to `TransferEngine`; from then on only the engine thread touches it (curl
/// calls the callbacks from inside `curl_multi_perform` on that thread). The one exception is
/// `cancelRequested`, an atomic any thread may set.
final class Transfer: @unchecked Sendable {
    enum Sink {
        /// Collect the answer in memory, up to a limit (JSON answers are small).
        case memory(limit: Int)
        case file(DownloadSink)
    }

    enum ProgressDirection {
        case upload, download
    }

    let easy: CurlEasyHandle
    let cancelRequested = Atomic<Bool>(false)
    var continuation: CheckedContinuation<TransferOutcome, any Error>?

    private let sink: Sink
    private let progressDirection: ProgressDirection
    private let progress: ProgressHandler?
    // Kept alive for curl, which reads them during the transfer.
    private let headerList: CurlHeaderList
    private let form: CurlMimeForm?
    private var head = ResponseHead()
    private var body = Data()
    /// Set when a callback stops the transfer on purpose; it explains the failure better than
    /// the `CURLE_WRITE_ERROR` curl reports for it.
    private var abortReason: TransportError?
    private var lastReported: TransferProgress?

    init(
        easy: CurlEasyHandle, headerList: CurlHeaderList, form: CurlMimeForm?, sink: Sink,
        progressDirection: ProgressDirection, progress: ProgressHandler?
    ) throws(TransportError) {
        self.easy = easy
        self.headerList = headerList
        self.form = form
        self.sink = sink
        self.progressDirection = progressDirection
        self.progress = progress

        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.check(vb_easy_setopt_write_callback(easy.raw, curlReceiveBody))
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.check(vb_easy_setopt_header_callback(easy.raw, curlReceiveHeaderLine))
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        if progress != nil {
            try easy.check(vb_easy_setopt_xferinfo_callback(easy.raw, curlReportProgress))
            try easy.set(CURLOPT_XFERINFODATA, pointer: context)
            try easy.set(CURLOPT_NOPROGRESS, 0)
        }
        try easy.set(headers: headerList)
        if let form { try easy.set(mime: form) }
    }

    var url: String { easy.url }

    // MARK: Callbacks (engine thread, inside curl_multi_perform)

    fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        head.consume(line: bytes)
    }

    /// Returns false to make curl stop the transfer.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        do throws(TransportError) {
            switch sink {
            case .memory(let limit):
                guard body.count + bytes.count <= limit else {
                    throw TransportError(
                        kind: .other,
                        message: "The answer is larger than \(limit / 1_048_576) MB, far more than an API answer should be; the transfer was stopped.",
                        url: url)
                }
                if let start = bytes.baseAddress {
                    body.append(start.assumingMemoryBound(to: UInt8.self), count: bytes.count)
                }
            case .file(let download):
                try download.write(bytes, head: head, url: url)
            }
            return true
        } catch {
            abortReason = error
            return false
        }
    }

    fileprivate func reportProgress(downloadTotal: Int64, downloaded: Int64, uploadTotal: Int64, uploaded: Int64) {
        guard let progress else { return }
        let current: TransferProgress?
        switch (progressDirection, sink) {
        case (.upload, _):
            current = TransferProgress(bytesDone: uploaded, bytesTotal: uploadTotal > 0 ? uploadTotal : form?.fileLength)
        case (.download, .file(let download)):
            current = download.progress(bytesReceived: downloaded)
        case (.download, .memory):
            current = TransferProgress(bytesDone: downloaded, bytesTotal: downloadTotal > 0 ? downloadTotal : nil)
        }
        // curl calls this many times a second even when nothing moved.
        guard let current, current != lastReported else { return }
        lastReported = current
        progress(current)
    }

    // MARK: Completion (engine thread)

    /// Builds the outcome (or error) of a finished transfer and frees the curl handle.
    func finish(_ code: CURLcode) -> Result<TransferOutcome, TransportError> {
        defer { easy.cleanUp() }
        var failure: TransportError?
        if let abortReason {
            failure = abortReason
        } else if code != CURLE_OK {
            failure = easy.failure(code)
        }
        let newConnections = easy.info(CURLINFO_NUM_CONNECTS)
        var outcome = TransferOutcome(
            status: head.status, headers: head.headers, body: Data(), download: nil,
            newConnections: newConnections)
        switch sink {
        case .memory:
            if let failure { return .failure(failure) }
            outcome.body = body
        case .file(let download):
            do throws(TransportError) {
                switch try download.finish(
                    head: head, failure: failure, redirectURL: easy.stringInfo(CURLINFO_REDIRECT_URL), url: url)
                {
                case .finished(let result): outcome.download = .finished(result)
                case .redirect(let status, let location): outcome.download = .redirect(status: status, location: location)
                }
            } catch {
                return .failure(error)
            }
        }
        return .success(outcome)
    }

    /// Ends a transfer that never ran or was taken out of the engine: the `.part` keeps whatever
    /// valid bytes it got.
    func abandon(_ error: TransportError) -> TransportError {
        defer { easy.cleanUp() }
        if case .file(let download) = sink {
            _ = try? download.finish(head: head, failure: error, redirectURL: nil, url: url)
        }
        return error
    }
}

// C callbacks. `userdata` is the Transfer, kept alive by the engine while curl may call these.

private func curlReceiveBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?) -> Int {
    let (length, overflow) = size.multipliedReportingOverflow(by: count)
    guard let userdata, !overflow else { return 0 }
    guard let data, length > 0 else { return length }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private func curlReceiveHeaderLine(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?) -> Int {
    let (length, overflow) = size.multipliedReportingOverflow(by: count)
    guard let userdata, !overflow else { return 0 }
    guard let data, length > 0 else { return length }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

private func curlReportProgress(
    _ userdata: UnsafeMutableRawPointer?, _ downloadTotal: curl_off_t, _ downloaded: curl_off_t,
    _ uploadTotal: curl_off_t, _ uploaded: curl_off_t
) -> Int32 {
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    transfer.reportProgress(
        downloadTotal: Int64(downloadTotal), downloaded: Int64(downloaded), uploadTotal: Int64(uploadTotal),
        uploaded: Int64(uploaded))
    return 0
}
