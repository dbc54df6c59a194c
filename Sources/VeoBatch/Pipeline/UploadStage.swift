import Foundation
import Logging

/// Uploads local files, each distinct content once: the journal's upload cache answers for
/// content uploaded less than `uploadReuseAge` ago, and concurrent requests for the same content
/// share one upload. Uploads run `uploadParallelism` at a time.
actor UploadStage {
    /// Why an input could not be uploaded.
    struct Failure: Error, Sendable {
        var category: RunningHubError.Category
        var code: String?
        var message: String
        /// The file no longer holds the content validated and hashed at the start of the run:
        /// what was uploaded is not what was checked, so nothing may be submitted with it.
        var inputChanged = false
    }

    private let api: any RunningHubAPI
    private let journal: Journal
    private let timing: RunTiming
    private let logger: Logger
    private let limit: WorkLimit
    private let transfers: TransferReporter
    private let beforeUpload: (@Sendable (String) async -> Void)?
    private var inProgress: [String: Task<Result<String, Failure>, Never>] = [:]

    init(api: any RunningHubAPI, journal: Journal, timing: RunTiming, logger: Logger, transfers: TransferReporter = TransferReporter(sink: nil),
         beforeUpload: (@Sendable (String) async -> Void)? = nil) {
        self.api = api
        self.beforeUpload = beforeUpload
        self.transfers = transfers
        self.journal = journal
        self.timing = timing
        self.logger = logger
        self.limit = WorkLimit(width: timing.uploadParallelism)
    }

    /// The URL to put in the body for this file's content.
    func url(for file: LocalFile) async -> Result<String, Failure> {
        let notBefore = Date().addingTimeInterval(-timing.uploadReuseAge.seconds)
        do {
            if let cached = try journal.upload(sha256: file.sha256, notBefore: notBefore) {
                return .success(cached.downloadURL)
            }
        } catch {
            logger.warning("Could not read the upload cache; uploading again.", metadata: ["file": "\(file.path)", "error": "\(error)"])
        }
        if let running = inProgress[file.sha256] {
            return await running.value
        }
        let task = Task { await self.limit.run { await self.send(file) } }
        inProgress[file.sha256] = task
        let result = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        inProgress[file.sha256] = nil
        return result
    }

    /// One upload with retries for faults that may pass.
    private func send(_ file: LocalFile) async -> Result<String, Failure> {
        var retry = 0
        while true {
            if Task.isCancelled {
                return .failure(Failure(category: .transient, code: nil, message: "The upload of \(file.path) was interrupted."))
            }
            do {
                let name = (file.path as NSString).lastPathComponent
                defer { transfers.finish(.upload, id: file.sha256, name: name) }
                if let beforeUpload { await beforeUpload(file.path) }
                let media = try await api.upload(fileAt: file.path, progress: transfers.handler(.upload, id: file.sha256, name: name))
                // Hash at upload must equal hash at validation: re-read the file now. A file
                // rewritten meanwhile is neither cached nor submitted; its row waits.
                guard InputSettle.stillMatches(file) else {
                    logger.notice("An input changed after it was checked; not submitting it.", metadata: ["file": "\(file.path)"])
                    return .failure(Failure(
                        category: .transient, code: "input-changed",
                        message: "\(file.path) changed after it was checked at the start of the run; it was not submitted",
                        inputChanged: true))
                }
                do {
                    try journal.recordUpload(UploadRecord(sha256: file.sha256, downloadURL: media.downloadURL, uploadedAt: Date(), size: file.size, path: file.path))
                } catch {
                    // The cache only saves a later upload; losing one entry costs no money.
                    logger.warning("Could not record the upload in the journal.", metadata: ["file": "\(file.path)", "error": "\(error)"])
                }
                logger.debug("Uploaded.", metadata: ["file": "\(file.path)", "sha256": "\(file.sha256)"])
                return .success(media.downloadURL)
            } catch {
                let failure = Self.failure(error, path: file.path)
                let retriable = failure.category == .transient || failure.category == .capacity || failure.category == .outcomeUnknown
                guard retriable, retry < timing.uploadRetryDelays.count, !Task.isCancelled else { return .failure(failure) }
                logger.info("Upload failed; trying again.", metadata: ["file": "\(file.path)", "error": "\(failure.message)"])
                guard await pause(timing.jittered(timing.uploadRetryDelays[retry])) else { return .failure(failure) }
                retry += 1
            }
        }
    }

    private static func failure(_ error: any Error, path: String) -> Failure {
        if let error = error as? RunningHubError {
            return Failure(category: error.category, code: error.code, message: "Uploading \(path) failed: \(error.description)")
        }
        return Failure(category: .transient, code: nil, message: "Uploading \(path) failed: \(error)")
    }
}
