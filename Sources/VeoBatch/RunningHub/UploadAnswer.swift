import Foundation

/// What the body of a 2xx answer to `POST /openapi/v2/media/upload/binary` says (runninghub-api.md
/// §2.1), read in one place for the client (`RunningHubClient.upload`) and for the developer's
/// `veobatch transfer upload`. RunningHub refuses an upload with HTTP 200 and a non-zero code in
/// the `{code, message, data}` envelope, so the status alone never means success.
public enum UploadAnswer: Sendable, Hashable {
    /// Success: `data.download_url` (spelled `downloadUrl` too) and what else `data` says.
    case uploaded(UploadedMedia)
    /// A refusal: a real `errorCode`, or a `code` other than 0 and 200 (both mean success), with
    /// the server's message as sent (the client scrubs the key from it before keeping it).
    case refused(code: String, message: String?)
    /// A JSON object with neither a refusal nor a download URL.
    case noDownloadURL
    /// Not a JSON object (empty, not JSON, or another JSON value).
    case notJSON

    /// Reads an answer body. Never throws: each caller decides what an unreadable answer means
    /// (the client fails the upload; the transfer tool, which also talks to plain test servers,
    /// reports the HTTP status alone).
    public static func read(_ body: Data) -> UploadAnswer {
        guard let object = WireObject(body: body) else { return .notJSON }
        return read(object)
    }

    static func read(_ object: WireObject) -> UploadAnswer {
        if let code = object.refusalCode {
            return .refused(code: code, message: object.string("message", "msg", "errorMessage"))
        }
        guard let data = object.object("data"), let url = data.nonEmptyString("download_url", "downloadUrl") else {
            return .noDownloadURL
        }
        return .uploaded(
            UploadedMedia(
                downloadURL: url,
                fileName: data.nonEmptyString("fileName", "filename"),
                type: data.nonEmptyString("type"),
                size: data.string("size").flatMap { Int64($0.trimmingSpaces()) }))
    }
}
