import Foundation

/// Decides what a download's answer means for the `.part` file, then writes the body into it.
///
/// The decision waits for the first body byte (or the end of the transfer), when the final head
/// is known: 206 from the offset asked for appends; any other 2xx starts the file over; anything
/// else is not the file and leaves the `.part` untouched.
final class DownloadSink {
    enum Decision {
        /// Append to the bytes already on disk.
        case append(resumedFrom: Int64, expectedLength: Int64?)
        /// The file was emptied and is written from the start.
        case restart(expectedLength: Int64?)
        /// Not the file (error status, redirect): the body is read and dropped.
        case discard
    }

    /// What `finish` produced when the transfer itself went through.
    enum Outcome {
        case finished(DownloadResult)
        case redirect(status: Int, location: String?)
    }

    let part: PartFile
    /// The `Range: bytes=N-` start that was sent, or 0 when the whole file was asked for.
    let requestedOffset: Int64
    private(set) var decision: Decision?

    init(part: PartFile, requestedOffset: Int64) {
        self.part = part
        self.requestedOffset = requestedOffset
    }

    /// Bytes of the file that are on disk at this moment, counting `bytesReceived` of this answer.
    func progress(bytesReceived: Int64) -> TransferProgress? {
        switch decision {
        case .append(let resumedFrom, let expected):
            return TransferProgress(bytesDone: resumedFrom + bytesReceived, bytesTotal: expected)
        case .restart(let expected):
            return TransferProgress(bytesDone: bytesReceived, bytesTotal: expected)
        case .discard, nil:
            return nil
        }
    }

    /// Writes a piece of the body, deciding first if this is the first piece.
    func write(_ bytes: UnsafeRawBufferPointer, head: ResponseHead, url: String) throws(TransportError) {
        if decision == nil {
            decision = try decide(head, url: url)
        }
        switch decision {
        case .append, .restart:
            try part.append(bytes, url: url)
        case .discard, nil:
            break
        }
    }

    /// Turns the end of a transfer into a result. `failure` is the transfer's error, if any.
    func finish(head: ResponseHead, failure: TransportError?, redirectURL: String?, url: String) throws(TransportError) -> Outcome {
        defer { part.closeFile() }
        if let failure {
            // Bytes of a 2xx answer that made it to disk are a valid prefix to resume from.
            if !isWritingFile { part.restore() }
            throw failure
        }
        if decision == nil {
            do throws(TransportError) {
                decision = try decide(head, url: url)
            } catch {
                part.restore()
                throw error
            }
        }
        switch decision {
        case .append(let resumedFrom, let expected):
            return .finished(result(head, resumedFrom: resumedFrom, expected: expected))
        case .restart(let expected):
            return .finished(result(head, resumedFrom: 0, expected: expected))
        case .discard, nil:
            part.restore()
            if isAlreadyComplete(head) {
                // The .part already holds the whole file: the server says the range starts past its end.
                return .finished(
                    DownloadResult(
                        status: 206, fileLength: part.length, resumedFrom: requestedOffset,
                        expectedLength: requestedOffset, contentType: head.header("Content-Type")))
            }
            if (300..<400).contains(head.status) {
                return .redirect(status: head.status, location: redirectURL)
            }
            throw TransportError(
                kind: .httpStatus(head.status),
                message: "The server answered HTTP \(head.status) instead of the file; the .part file was left as it was.",
                url: url)
        }
    }

    private var isWritingFile: Bool {
        switch decision {
        case .append, .restart: return true
        case .discard, nil: return false
        }
    }

    private func decide(_ head: ResponseHead, url: String) throws(TransportError) -> Decision {
        guard (200..<300).contains(head.status) else { return .discard }
        if head.status == 206 {
            guard let range = head.contentRange, let first = range.first, let last = range.last else {
                throw TransportError(
                    kind: .other,
                    message: "The server answered 206 Partial Content without a usable Content-Range header; the .part file was left as it was.",
                    url: url)
            }
            guard first == requestedOffset else {
                throw TransportError(
                    kind: .other,
                    message: "The server sent bytes from offset \(first) but the download asked to resume at \(requestedOffset); the .part file was left as it was.",
                    url: url)
            }
            let expected = range.completeLength ?? (last + 1)
            if requestedOffset > 0 {
                return .append(resumedFrom: requestedOffset, expectedLength: expected)
            }
            if part.priorLength > 0 { try part.truncate(url: url) }
            return .restart(expectedLength: expected)
        }
        // A whole answer (200, or any other 2xx): what was on disk is no prefix of it any more.
        if part.priorLength > 0 { try part.truncate(url: url) }
        return .restart(expectedLength: head.contentLength)
    }

    private func isAlreadyComplete(_ head: ResponseHead) -> Bool {
        guard head.status == 416, requestedOffset > 0, let range = head.contentRange else { return false }
        return range.first == nil && range.completeLength == requestedOffset
    }

    private func result(_ head: ResponseHead, resumedFrom: Int64, expected: Int64?) -> DownloadResult {
        DownloadResult(
            status: head.status, fileLength: part.length, resumedFrom: resumedFrom,
            expectedLength: expected, contentType: head.header("Content-Type"))
    }
}
