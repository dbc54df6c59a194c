import Foundation

/// One job's way through a run: wait for `@ROW` inputs, decide against the journal what is left
/// to do (new job, skip, resume, retry), then submit, follow, download, as far as this run can.
/// Per-job trouble ends up as a state in the journal; only a journal failure is thrown.
struct JobFlow {
    let context: RunContext

    func run(_ spec: JobSpec, ordinal: Int) async throws -> RowOutputs.Availability {
        let current = try context.journal.currentJob(manifest: context.manifest, rowID: spec.rowID, take: spec.take)
        // A task that exists is followed to its end whatever happened to the row since: it is paid for.
        if let current, current.state.hasLiveTask {
            return availability(of: try await drive(current, ordinal: ordinal))
        }
        if let reason = context.inputs.settlingReason(of: spec) {
            return try waitForSettle(spec, current: current, reason: reason)
        }
        var dependencyClips: [String: LocalFile] = [:]
        // Waiting for an input row must not hold up the submits of the rows after this one.
        if !spec.dependencies.isEmpty { await context.window.pass(ordinal: ordinal) }
        for rowID in Self.unique(spec.dependencies) {
            switch await context.outputs.wait(for: rowID) {
            case .ready(let clip):
                dependencyClips[rowID] = clip
            case .interrupted:
                return .interrupted
            case .unavailable(let state, let blocks):
                return try settleUnavailableInput(spec, current: current, input: rowID, state: state, blocks: blocks)
            }
        }
        let inputs = try Self.inputs(of: spec, digests: context.digests, clips: dependencyClips)
        let spec = Self.keepingRenderedSeed(spec, current: current, inputs: inputs)
        let fingerprint = Fingerprint.of(endpoint: spec.endpoint, parameters: spec.parameters, inputs: inputs)
        // Priced only when this run may submit it: a done take costs no price-preview request.
        let estimate = mayBeSubmitted(current, fingerprint: fingerprint) ? await context.prices.estimate(spec) : nil
        var job = try reconcile(spec, current: current, inputs: inputs, fingerprint: fingerprint, estimate: estimate)
        if let estimate, job.taskID == nil, job.state == .pending, job.priceEstimate != estimate {
            job = try context.note(job, "Estimated at \(estimate.text).") { $0.setEstimate(estimate) }
        }
        return availability(of: try await drive(job, ordinal: ordinal))
    }

    /// Whether reconciling leads to a job this run could submit (so it needs a price).
    private func mayBeSubmitted(_ current: JobRecord?, fingerprint: String) -> Bool {
        guard let current, current.fingerprint == fingerprint else { return true }
        switch current.state {
        case .pending, .uploading, .blocked: return true
        case .failed: return context.configuration.retryFailed
        default: return false
        }
    }

    /// Chooses the job that stands for this take now. A changed fingerprint or a retry adds a new
    /// job (the old one stays as history); a blocked job whose input is ready goes back to pending.
    private func reconcile(_ spec: JobSpec, current: JobRecord?, inputs: [InputFile], fingerprint: String, estimate: PriceEstimate?) throws -> JobRecord {
        guard let current else {
            if let reused = try reuseTwin(spec, inputs: inputs, fingerprint: fingerprint) { return reused }
            return try insert(spec, inputs: inputs, fingerprint: fingerprint, estimate: estimate, superseding: nil, message: "New job.")
        }
        if current.fingerprint != fingerprint {
            return try insert(spec, inputs: inputs, fingerprint: fingerprint, estimate: estimate, superseding: current,
                              message: "The row changed (endpoint, parameters or input content): new job; job \(current.id ?? 0) stays in the history.")
        }
        switch current.state {
        case .failed where context.configuration.retryFailed, .expired where context.configuration.retryFailed:
            return try insert(spec, inputs: inputs, fingerprint: fingerprint, estimate: estimate, superseding: current,
                              message: "Retrying \(current.state.rawValue) job \(current.id ?? 0) (--retry-failed).")
        case .blocked:
            return try context.move(current, to: .pending, "Its input is ready now.") {
                $0.errorCode = nil
                $0.errorMessage = nil
            }
        default:
            return current
        }
    }

    /// Job identity is what is sent: when another manifest name in this folder already rendered
    /// exactly this request for this take (the manifest was renamed, or copied under `--name`),
    /// its clip is copied here and the take is done without a submit, so it is never paid twice.
    private func reuseTwin(_ spec: JobSpec, inputs: [InputFile], fingerprint: String) throws -> JobRecord? {
        for twin in try context.journal.finishedTwins(rowID: spec.rowID, take: spec.take, fingerprint: fingerprint, notIn: context.manifest) {
            guard let relative = twin.outputPath, let sha256 = twin.outputSHA256,
                  let source = try? OutputTree(outputDirectory: context.tree.outputDirectory, manifestStem: twin.manifest).absolute(fromOutputRelative: relative),
                  (try? FileDigest.sha256(ofFileAt: source))?.hex == sha256
            else { continue }
            let part = try context.tree.partPath(rowID: spec.rowID, outputName: spec.outputName)
            try FileWrite.makeFolder((part as NSString).deletingLastPathComponent)
            FileWrite.remove(part)
            try FileManager.default.copyItem(atPath: source, toPath: part)
            let placed = try context.downloads.place(part: part, rowID: spec.rowID, outputName: spec.outputName, sha256: sha256)
            FileDurability.flushFolder(containing: placed)
            var record = try Self.newRecord(spec, manifest: context.manifest, inputs: inputs, fingerprint: fingerprint, state: .done)
            record.setEstimate(nil)
            record.resolution = "reused"
            record.requestBodyJSON = twin.requestBodyJSON
            record.outputPath = context.tree.relativeToOutput(placed)
            record.outputSHA256 = sha256
            record.outputSize = twin.outputSize
            record.outputMIME = twin.outputMIME
            // The same bytes: the twin's probe holds for the copy.
            record.probeJSON = twin.probeJSON
            record.probeError = twin.probeError
            record.doneAt = record.createdAt
            let message = "Same request as \(twin.manifest)/\(twin.outputName) (job \(twin.id ?? 0), task \(twin.taskID ?? "-")), already rendered and paid: its clip was copied, nothing was submitted."
            let job = try context.journal.insertJob(record, superseding: nil, message: message)
            context.announce(job, from: nil, message: message)
            return job
        }
        return nil
    }

    private func insert(_ spec: JobSpec, inputs: [InputFile], fingerprint: String, estimate: PriceEstimate?, superseding: JobRecord?,
                        message: String) throws -> JobRecord {
        var record = try Self.newRecord(spec, manifest: context.manifest, inputs: inputs, fingerprint: fingerprint, state: .pending)
        if let estimate { record.setEstimate(estimate) }
        // Deferred: a pending job guards nothing; its `submitting` (synced) carries it to disk.
        let job = try context.journal.insertJob(record, superseding: superseding, message: message, commit: .deferred)
        context.announce(job, from: nil, message: message)
        return job
    }

    /// An input is still being written: nothing of this take is uploaded or submitted this run.
    /// A job that already has a result keeps it; a pending one stays pending with the reason.
    private func waitForSettle(_ spec: JobSpec, current: JobRecord?, reason: String) throws -> RowOutputs.Availability {
        let message = "Waiting: \(reason). Not uploaded or submitted; the next run takes it."
        guard let current, current.state == .pending || current.state == .uploading else {
            if let current { return availability(of: current) }
            context.announceWaiting(spec, state: .pending, message: message)
            return .unavailable(state: .pending, blocks: false)
        }
        try context.note(current, message) {
            $0.errorCode = "settling"
            $0.errorMessage = message
        }
        context.announceWaiting(spec, state: current.state, message: message)
        return .unavailable(state: current.state, blocks: false)
    }

    /// The `@ROW` input has no clip. If it ended in trouble this job is `blocked`; if it simply
    /// is not done yet (budget, interruption), this job waits for a later run as it is.
    private func settleUnavailableInput(_ spec: JobSpec, current: JobRecord?, input: String, state: JobState, blocks: Bool) throws -> RowOutputs.Availability {
        guard blocks else { return .unavailable(state: current?.state ?? .pending, blocks: false) }
        // A clip already made stays; an unknown submit still needs a person, whatever its input did.
        if let current, current.state == .done || current.state == .unknown { return availability(of: current) }
        let message = "Blocked: its input row \(input) ended \(state.rawValue) without a clip."
        let job: JobRecord
        if let current {
            job = current.state == .blocked ? current : try context.move(current, to: .blocked, message) {
                $0.errorCode = "input-\(state.rawValue)"
                $0.errorMessage = message
            }
        } else {
            var record = try Self.newRecord(spec, manifest: context.manifest, inputs: [], fingerprint: "", state: .blocked)
            record.errorCode = "input-\(state.rawValue)"
            record.errorMessage = message
            record.blockedAt = record.createdAt
            job = try context.journal.insertJob(record, superseding: nil, message: message)
            context.announce(job, from: nil, message: message)
        }
        return .unavailable(state: job.state, blocks: true)
    }

    /// Takes a job as far as this run can. `ordinal` is nil for jobs that must never be
    /// submitted (superseded ones still finishing).
    func drive(_ start: JobRecord, ordinal: Int?) async throws -> JobRecord {
        var job = start
        var initial: SubmitStage.Answer?
        var holdsPlace = false
        let submits = (job.state == .pending || job.state == .uploading) && job.isCurrent
        if let ordinal, !submits {
            // Following, downloading or nothing to do: the next job's submit need not wait for this one.
            await context.window.pass(ordinal: ordinal)
        }
        if job.state == .pending || job.state == .uploading {
            guard let ordinal, job.isCurrent else { return job }
            switch try await SubmitStage(context: context).run(job, ordinal: ordinal) {
            case .submitted(let submitted, let answer):
                job = submitted
                initial = answer
                holdsPlace = true
            case .notSubmitted(let left):
                return left
            }
        }
        if [.queued, .running, .timeout].contains(job.state) {
            job = try await TaskFollower(context: context).follow(job, initial: initial, holdsPlace: holdsPlace)
            // The task succeeded just now: its download starts at once, fresh (a `.part` already
            // there can only be another job's left-over).
            if job.state == .downloading { job = try await fetch(job, fresh: true) }
        } else if job.state == .downloading {
            // An earlier run left the download unfinished: resume the `.part` file.
            job = try await fetch(job, fresh: false)
        }
        if job.state == .done {
            job = try await ensureClip(job)
        }
        return job
    }

    /// Downloads the job's result and records where it went.
    func fetch(_ job: JobRecord, fresh: Bool) async throws -> JobRecord {
        guard let url = job.resultURL else {
            return try context.move(job, to: .failed, "The task finished but no result URL was recorded.") {
                $0.errorCode = "no-result"
                $0.errorMessage = "The task finished but no result URL was recorded."
            }
        }
        switch await context.downloads.fetch(url: url, rowID: job.rowID, outputName: job.outputName, resultSeenAt: job.resultSeenAt, fresh: fresh) {
        case .saved(let path, let sha256, let size, let mimeType):
            let relative = context.tree.relativeToOutput(path)
            // report.html shows a filmstrip of each clip: drawn now, with the probe.
            let wantsFilmstrip = context.configuration.extraReports.contains { $0 is ReportHTML }
            let filmstrip = wantsFilmstrip ? context.previews.filmstripTarget(sha256: sha256) : nil
            let probe = await ClipInspection.inspect(path: path, job: job, prober: context.prober, filmstrip: filmstrip, logger: context.logger)
            return try context.move(job, to: .done, "Saved \(relative).\(probe.note)") {
                $0.probeJSON = probe.json
                $0.probeError = probe.error
                $0.outputPath = relative
                $0.outputSHA256 = sha256
                $0.outputSize = size
                $0.outputMIME = mimeType
                $0.errorCode = nil
                $0.errorMessage = nil
            }
        case .retryLater(let message):
            return try context.note(job, message) {
                $0.errorCode = "download"
                $0.errorMessage = message
            }
        case .failed(let code, let message):
            return try context.move(job, to: .failed, message) {
                $0.errorCode = code
                $0.errorMessage = message
            }
        case .expired(let message):
            return try context.move(job, to: .expired, message) {
                $0.errorCode = "result-expired"
                $0.errorMessage = message
            }
        case .interrupted:
            return job
        }
    }

    /// A `done` job whose clip left the disk is downloaded again while its URL still works.
    private func ensureClip(_ job: JobRecord) async throws -> JobRecord {
        guard let relative = job.outputPath else { return job }
        let path = try context.tree.absolute(fromOutputRelative: relative)
        if FileManager.default.fileExists(atPath: path) { return job }
        if job.resultURL != nil, let seen = job.resultSeenAt, Date().timeIntervalSince(seen) < context.timing.resultURLLifetime.seconds {
            let moved = try context.move(job, to: .downloading, "The clip \(relative) is missing from disk; downloading it again.")
            return try await fetch(moved, fresh: true)
        }
        let message = "The clip \(relative) is missing from disk and its result URL has expired; rerun with a changed row or restore the file."
        guard job.errorCode != "output-missing" else { return job }
        return try context.note(job, message) {
            $0.errorCode = "output-missing"
            $0.errorMessage = message
        }
    }

    func availability(of job: JobRecord) -> RowOutputs.Availability {
        switch job.state {
        case .done:
            if let relative = job.outputPath, let sha256 = job.outputSHA256,
               let path = try? context.tree.absolute(fromOutputRelative: relative), FileManager.default.fileExists(atPath: path) {
                return .ready(LocalFile(path: path, sha256: sha256, size: job.outputSize ?? 0))
            }
            return .unavailable(state: .done, blocks: true)
        case .failed, .blocked, .unknown, .timeout, .expired:
            return .unavailable(state: job.state, blocks: true)
        case .pending, .uploading, .submitting, .queued, .running, .downloading:
            return .unavailable(state: job.state, blocks: false)
        }
    }

    // MARK: - Building jobs

    static func inputs(of spec: JobSpec, digests: [String: LocalFile], clips: [String: LocalFile]) throws -> [InputFile] {
        try spec.media.map { media in
            switch media.source {
            case .file(let path):
                guard let digest = digests[path] else {
                    throw BatchRunError("Row \(spec.rowID): the input \(path) was not hashed before the run; this is a bug in veobatch.")
                }
                return .file(field: media.field, isList: media.isList, LocalFile(path: path, sha256: digest.sha256, size: digest.size))
            case .url(let url):
                return .url(field: media.field, isList: media.isList, url)
            case .rowOutput(let rowID):
                guard let clip = clips[rowID] else {
                    throw BatchRunError("Row \(spec.rowID): the clip of row \(rowID) is not ready; this is a bug in veobatch.")
                }
                return .rowOutput(field: media.field, isList: media.isList, rowID: rowID, clip: clip)
            }
        }
    }

    static func newRecord(_ spec: JobSpec, manifest: String, inputs: [InputFile], fingerprint: String, state: JobState, at date: Date = Date()) throws -> JobRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var record = JobRecord(
            id: nil, manifest: manifest, rowID: spec.rowID, take: spec.take, outputName: spec.outputName, line: spec.line,
            endpoint: spec.endpoint, parametersJSON: JSONValue.object(spec.parameters).canonicalString,
            mediaJSON: String(decoding: try encoder.encode(spec.media), as: UTF8.self),
            inputsJSON: String(decoding: try encoder.encode(inputs), as: UTF8.self),
            fingerprint: fingerprint, state: state, isCurrent: true, resolution: nil, taskID: nil, attempts: 0,
            errorCode: nil, errorMessage: nil, estimatedCost: nil, actualCost: nil,
            usageJSON: nil, requestBodyJSON: nil, resultURL: nil, resultSeenAt: nil, outputPath: nil, outputSHA256: nil,
            outputSize: nil, outputMIME: nil, createdAt: date, updatedAt: date)
        // The list price until a live one is known (`PriceBook`).
        record.setEstimate(.listPrice(spec.estimatedCost))
        return record
    }

    /// Take 1 of a row with no seed in the manifest sends none. Journals written before that rule
    /// rendered take 1 of a multi-take row with a derived seed: when the take's current job differs
    /// from the spec only by that seed, the spec keeps it, so the finished take is not paid again.
    static func keepingRenderedSeed(_ spec: JobSpec, current: JobRecord?, inputs: [InputFile]) -> JobSpec {
        guard spec.take == 1, spec.parameters["seed"] == nil, let current,
              // An unreadable row keeps no seed here; the submit path refuses it with a message.
              let rendered = (try? current.decodedParameters())?["seed"]
        else { return spec }
        var candidate = spec
        candidate.parameters["seed"] = rendered
        let fingerprint = Fingerprint.of(endpoint: candidate.endpoint, parameters: candidate.parameters, inputs: inputs)
        return fingerprint == current.fingerprint ? candidate : spec
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
