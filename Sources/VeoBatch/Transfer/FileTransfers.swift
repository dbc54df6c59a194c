import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file moved by `veobatch transfer`, through the same transport (and the same upload-answer
/// reading) as a run, so what the tool measures is what a run does.
public enum FileTransfers {
    /// POSTs the file as multipart/form-data (field `file`), streamed from disk. A status other
    /// than 2xx, or an upload answer that refuses (RunningHub answers a refusal with HTTP 200),
    /// fails it. A RunningHub answer's download URL goes into the detail, for later downloads; a
    /// server that answers something else (a plain test server) is judged by its status alone.
    public static func upload(
        file path: String, to url: String, headers: [HTTPHeader], over transport: any HTTPTransport
    ) async throws -> TransferBatch.Done {
        let name = (path as NSString).lastPathComponent
        let response = try await transport.send(
            HTTPRequest(
                method: .post, url: url, headers: headers,
                body: .multipartFile(field: "file", path: path, fileName: name, contentType: nil),
                isIdempotent: true),
            progress: nil)
        guard (200..<300).contains(response.status) else {
            throw TransferBatch.Failure("the server answered HTTP \(response.status)")
        }
        var detail = "HTTP \(response.status)"
        switch UploadAnswer.read(response.body) {
        case .refused(let code, let message):
            throw TransferBatch.Failure("the server refused the upload (code \(code): \(message ?? ""))")
        case .uploaded(let media):
            detail += " → \(media.downloadURL)"
        case .noDownloadURL, .notJSON:
            break
        }
        return TransferBatch.Done(bytes: fileSize(path), detail: detail)
    }

    /// Streams `url` into `path.part`, flushes it to disk first when `flush` is set (as a run does
    /// with every clip), then renames it to `path`: a file at `path` is always complete.
    public static func download(
        _ url: String, to path: String, flush: Bool, over transport: any HTTPTransport
    ) async throws -> TransferBatch.Done {
        let part = path + ".part"
        let result = try await transport.download(DownloadRequest(url: url, partPath: part), progress: nil)
        if flush { try FileDurability.flush(file: part) }
        guard rename(part, path) == 0 else {
            throw TransferBatch.Failure("could not rename \(part) to \(path): \(String(cString: strerror(errno)))")
        }
        return TransferBatch.Done(bytes: result.fileLength, detail: "HTTP \(result.status) → \(path)")
    }

    /// The uploaded file's length (0 if it vanished meanwhile: the line is informative only).
    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
