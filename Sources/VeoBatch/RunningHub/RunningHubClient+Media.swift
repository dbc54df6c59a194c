import Foundation

extension RunningHubClient {
    /// `POST /openapi/v2/media/upload/binary`: one multipart part named `file`, streamed from disk,
    /// Bearer header only. `UploadAnswer` reads the `{code, message, data}` envelope.
    public func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia {
        let fileName = (path as NSString).lastPathComponent
        let route = RouteContext(kind: .upload, name: "media/upload/binary", phrase: "upload of \(fileName)")
        let request = HTTPRequest(
            method: .post, url: "\(baseURL)/openapi/v2/media/upload/binary", headers: apiHeaders,
            body: .multipartFile(field: "file", path: path, fileName: fileName, contentType: nil),
            timeouts: uploadTimeouts)
        let response = try await send(request, route: route, progress: progress)
        guard (200..<300).contains(response.status) else { throw httpFailure(response, route: route) }
        switch UploadAnswer.read(response.body) {
        case .uploaded(let media):
            logger.debug("Uploaded", metadata: ["file": "\(fileName)", "bytes": "\(media.size.map(String.init) ?? "?")"])
            return media
        case .refused(let code, let message):
            throw failure(.refused(code: code, serverMessage: scrubbed(message)), route: route)
        case .noDownloadURL:
            throw failure(.unreadable(detail: "the answer has no data.download_url"), route: route)
        case .notJSON:
            throw failure(.unreadable(detail: unreadableDetail(response)), route: route)
        }
    }

    /// Streams a result to `partPath`, resuming a partial file. Result URLs live on third-party
    /// object storage: no `Authorization` header goes with them, and plain http is refused unless
    /// the host is loopback (the simulator).
    public func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult {
        let shown = SecureURL.withoutQuery(url)
        let route = RouteContext(kind: .download, name: "download", phrase: "download of \(shown)")
        if let refusal = SecureURL.refusal(for: url) {
            throw RunningHubError(
                category: .protocolViolation,
                message: "The result URL \(shown) was not downloaded: \(refusal). RunningHub should only hand out https result URLs.",
                route: route.name)
        }
        let request = DownloadRequest(url: url, headers: [], partPath: partPath, resume: true, timeouts: downloadTimeouts)
        logger.debug("Downloading result", metadata: ["url": "\(shown)", "part": "\(partPath)"])
        do {
            let result = try await transport.download(request, progress: progress)
            logger.debug(
                "Downloaded result",
                metadata: ["url": "\(shown)", "bytes": "\(result.fileLength)", "resumedFrom": "\(result.resumedFrom)"])
            return result
        } catch let error as TransportError {
            throw failure(.transport(error), route: route)
        } catch {
            let wrapped = TransportError(kind: error is CancellationError ? .cancelled : .other, message: "\(error)", url: url)
            throw failure(.transport(wrapped), route: route)
        }
    }
}
