import Foundation

/// Takes a pending job through `uploading → submitting → queued|running`: waits for a place in
/// the submit window, checks the budget, uploads the inputs, commits `submitting` (with the body)
/// and only then sends the submit, then commits the task id before anything else happens.
///
/// What RunningHub answers decides what follows (runninghub-api.md §4): capacity → back off and
/// try again (not a failure); a fault that certainly created nothing → retry a few times;
/// an ambiguous outcome → `unknown`, never sent again without `resolve`; key or account → stop
/// all submitting; refused parameters or a failed task → `failed`.
struct SubmitStage {
    /// RunningHub's answer to a submit, and when it arrived: the task's own clock started just
    /// before, so the poller counts the task's pace from here (`TaskPace`).
    struct Answer: Sendable {
        let snapshot: TaskSnapshot
        let arrivedAt: ContinuousClock.Instant
    }

    enum Result: Sendable {
        case submitted(JobRecord, Answer)
        /// Not submitted (now): the job is `pending`, `failed` or `unknown`.
        case notSubmitted(JobRecord)
    }

    let context: RunContext

    func run(_ start: JobRecord, ordinal: Int) async throws -> Result {
        var job = start
        let inputs: [InputFile]
        let parameters: [String: JSONValue]
        do {
            inputs = try job.decodedInputs()
            parameters = try job.decodedParameters()
        } catch let error as JournalError {
            // Never a submit with defaults: a row that does not read back stops here, unpaid.
            job = try context.move(job, to: .failed, "\(error)") {
                $0.errorCode = "journal-undecodable"
                $0.errorMessage = "\(error)"
            }
            return .notSubmitted(job)
        }
        let cost = job.priceEstimate
        var capacityAnswers = 0
        var retries = 0
        if let blocked = try blockOversizedChainInput(job, inputs) { return .notSubmitted(blocked) }
        while true {
            switch await context.window.acquire(ordinal: ordinal, cost: cost) {
            case .granted:
                break
            case .overBudget(let verdict):
                let why: String
                switch verdict {
                case .over(let counted, let estimate, let limit):
                    why = "\(job.outputName) is estimated at \(cost?.text ?? "\(estimate)") and this folder's ledger already counts \(counted): together they would pass --max-cost \(limit)"
                case .unpriced(let reason):
                    why = "\(job.outputName) cannot be bounded by --max-cost: \(reason)"
                case .fits:
                    why = ""
                }
                let message = "Not submitted: \(why). Submitting stopped at this job; the jobs after it in the manifest were not sent either."
                context.budget.recordStop(message)
                context.logger.notice("--max-cost stopped submitting.", metadata: ["row": "\(job.rowID)", "take": "\(job.take)"])
                job = try context.note(job, message)
                return .notSubmitted(job)
            case .stopped, .cancelled:
                return .notSubmitted(job)
            }
            let urls: [String]
            switch try await upload(&job, inputs) {
            case .success(let resolved):
                urls = resolved
            case .failure(let failure):
                if failure.category == .auth || failure.category == .insufficientBalance {
                    await context.window.stop(.account(failure.message))
                }
                await giveBack(cost)
                return .notSubmitted(try await settleUploadFailure(job, failure))
            }
            if Task.isCancelled {
                await giveBack(cost)
                return .notSubmitted(try backToPending(job, "The run was interrupted before the submit was sent."))
            }
            let body = RequestBody.make(parameters: parameters, inputs: inputs, urls: urls)
            job = try context.move(job, to: .submitting, "Sending the submit.") {
                $0.attempts += 1
                $0.requestBodyJSON = body.canonicalString
                $0.errorCode = nil
                $0.errorMessage = nil
            }
            // The submit runs in its own task so a cancelled run still hears the answer (and
            // records the task id) instead of abandoning a request that may create a task.
            let api = context.api
            let endpoint = job.endpoint
            let answer = await Task { await Self.send(api, endpoint: endpoint, body: body) }.value
            let arrivedAt = ContinuousClock.now
            switch answer {
            case .success(let snapshot):
                // The task id is on disk before anything else happens with this task.
                let state: JobState = snapshot.status == .running ? .running : .queued
                job = try context.move(job, to: state, "Submitted as task \(snapshot.taskID).") {
                    $0.taskID = snapshot.taskID
                    $0.submittedAt = Date()
                }
                await context.window.confirm()
                return .submitted(job, Answer(snapshot: snapshot, arrivedAt: arrivedAt))
            case .failure(let error):
                switch error.category {
                case .capacity:
                    await giveBack(cost)
                    await context.window.requestRefresh()
                    capacityAnswers += 1
                    if capacityAnswers >= context.timing.capacityAnswersPerJob {
                        return .notSubmitted(try backToPending(job, "RunningHub had no room \(capacityAnswers) times (\(error.description)); left pending for the next run.", error: error))
                    }
                    let wait = context.timing.capacityWait(afterAnswer: capacityAnswers)
                    job = try backToPending(job, "No room on RunningHub (\(error.description)); trying again in \(Int(wait.seconds.rounded())) s.")
                    guard await pause(wait) else { return .notSubmitted(job) }
                case .transient:
                    await giveBack(cost)
                    guard retries < context.timing.submitRetryDelays.count else {
                        return .notSubmitted(try backToPending(job, "The submit failed \(retries + 1) times without creating a task (last: \(error.description)); left pending for the next run.", error: error))
                    }
                    let wait = context.timing.jittered(context.timing.submitRetryDelays[retries])
                    retries += 1
                    job = try backToPending(job, "The submit failed without creating a task (\(error.description)); trying again.")
                    guard await pause(wait) else { return .notSubmitted(job) }
                case .outcomeUnknown, .protocolViolation:
                    // The task may exist and be billed: keep its estimate reserved, never resend.
                    await context.window.release(confirmed: false)
                    job = try context.move(job, to: .unknown, "The submit's outcome is unknown: \(error.description)") {
                        $0.errorCode = error.code ?? "submit-outcome-unknown"
                        $0.errorMessage = "\(error.description). The task may exist on RunningHub. Look for it in the console, then run `veobatch resolve --task-id ID`, `--resubmit` or `--abandon`."
                    }
                    return .notSubmitted(job)
                case .auth, .insufficientBalance:
                    // Stop before giving the place back, or the next job would take it and submit.
                    await context.window.stop(.account(error.description))
                    await giveBack(cost)
                    return .notSubmitted(try backToPending(job, "The key or account was refused; submitting stopped.", error: error))
                case .invalidParameters, .taskFailed, .notFound:
                    await giveBack(cost)
                    job = try context.move(job, to: .failed, "RunningHub refused the submit: \(error.description)") {
                        $0.errorCode = error.code ?? "\(error.category)"
                        $0.errorMessage = error.description
                    }
                    return .notSubmitted(job)
                }
            }
        }
    }

    /// A `@ROW` extend whose parent clip is over the 10 MB the `video` input takes can be sent
    /// neither by URL nor by upload: the row is blocked before any place, upload or submit.
    private func blockOversizedChainInput(_ job: JobRecord, _ inputs: [InputFile]) throws -> JobRecord? {
        for input in inputs where input.field == "video" {
            guard case .rowOutput(let rowID) = input.source, let size = input.size, size > VideoExtendRules.maxInputBytes else { continue }
            let megabytes = String(format: "%.1f", Double(size) / 1_048_576)
            let message = "Blocked: the clip of row \(rowID) is \(megabytes) MB; an extend's video input takes at most \(Int(VideoExtendRules.maxInputMegabytes)) MB, so it can be sent neither by its result URL nor by upload. Nothing was submitted for this row."
            return try context.move(job, to: .blocked, message) {
                $0.errorCode = "input-too-large"
                $0.errorMessage = message
            }
        }
        return nil
    }

    /// The parent's RunningHub result URL for a `@ROW` extend input, when it may stand for the
    /// local clip: the same bytes (hash), an MP4 within the size limit, and a URL younger than
    /// 20 h (results live 24 h). Nil sends the local copy by upload instead.
    private func parentResultURL(for input: InputFile) throws -> String? {
        guard case .rowOutput(let rowID) = input.source, input.field == "video",
              let parent = try context.journal.currentJob(manifest: context.manifest, rowID: rowID, take: 1),
              let url = parent.resultURL, let seen = parent.resultSeenAt,
              parent.outputSHA256 == input.sha256, parent.outputMIME == "video/mp4",
              let size = input.size, size <= VideoExtendRules.maxInputBytes,
              Date().timeIntervalSince(seen) < min(VideoExtendRules.parentURLMaxAgeSeconds, context.timing.resultURLLifetime.seconds * 20 / 24)
        else { return nil }
        return url
    }

    /// Uploads every local input (cache hits cost nothing); `uploading` only while real work may happen.
    private func upload(_ job: inout JobRecord, _ inputs: [InputFile]) async throws -> Swift.Result<[String], UploadStage.Failure> {
        var urls: [String] = []
        for input in inputs {
            guard let file = input.localFile else {
                urls.append(input.location)
                continue
            }
            if let url = try parentResultURL(for: input) {
                urls.append(url)
                continue
            }
            if job.state == .pending {
                job = try context.move(job, to: .uploading, "Uploading inputs.")
            }
            switch await context.uploads.url(for: file) {
            case .success(let url): urls.append(url)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(urls)
    }

    private func settleUploadFailure(_ job: JobRecord, _ failure: UploadStage.Failure) async throws -> JobRecord {
        if failure.inputChanged {
            let message = "Waiting: \(failure.message). The next run checks it again and takes it."
            return try context.move(job, to: .pending, message) {
                $0.errorCode = "input-changed"
                $0.errorMessage = message
            }
        }
        switch failure.category {
        case .auth, .insufficientBalance:
            let error = RunningHubError(category: failure.category, code: failure.code, message: failure.message, route: "media/upload/binary")
            return try backToPending(job, "The key or account was refused during an upload; submitting stopped.", error: error)
        case .invalidParameters, .notFound, .taskFailed:
            return try context.move(job, to: .failed, failure.message) {
                $0.errorCode = failure.code ?? "upload-refused"
                $0.errorMessage = failure.message
            }
        case .transient, .capacity, .outcomeUnknown, .protocolViolation:
            // Nothing billed: the next run tries the upload again.
            let message = Task.isCancelled ? "The run was interrupted during the upload." : failure.message + " Left pending for the next run."
            return try backToPending(job, message, error: RunningHubError(category: failure.category, code: failure.code, message: failure.message, route: "media/upload/binary"))
        }
    }

    private func backToPending(_ job: JobRecord, _ message: String, error: RunningHubError? = nil) throws -> JobRecord {
        try context.move(job, to: .pending, message) {
            if let error {
                $0.errorCode = error.code ?? "\(error.category)"
                $0.errorMessage = message
            }
        }
    }

    /// The place and the budget reservation of a submit that created nothing.
    private func giveBack(_ cost: PriceEstimate?) async {
        context.budget.refund(cost)
        await context.window.release(confirmed: false)
    }

    static func send(_ api: any RunningHubAPI, endpoint: String, body: JSONValue) async -> Swift.Result<TaskSnapshot, RunningHubError> {
        do {
            let snapshot = try await api.submit(endpoint: endpoint, body: body)
            guard !snapshot.taskID.isEmpty else {
                return .failure(RunningHubError(category: .outcomeUnknown, code: snapshot.errorCode,
                                                message: "The submit answer carried no task id (status \(snapshot.status), error \(snapshot.errorMessage ?? "none"))", route: endpoint))
            }
            return .success(snapshot)
        } catch let error as RunningHubError {
            return .failure(error)
        } catch {
            return .failure(RunningHubError(category: .outcomeUnknown, message: "The submit ended with an unexpected error (\(error)); the task may exist", route: endpoint))
        }
    }
}
