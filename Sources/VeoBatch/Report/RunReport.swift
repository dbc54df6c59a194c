import Foundation

/// The state of one manifest's batch as the journal has it: the model every report file is
/// rendered from (`report.csv`, `report.json`, and `report.html` by whoever writes it).
public struct RunReport: Sendable {
    /// One take of one row.
    public struct Entry: Sendable {
        public var rowID: String
        public var take: Int
        public var outputName: String
        public var line: Int
        public var prompt: String?
        public var carried: [CarriedColumn]
        public var state: JobState
        public var resolution: String?
        public var taskID: String?
        public var endpoint: String?
        /// The estimate (price-preview, or the list price marked unverified).
        public var estimate: PriceEstimate?
        /// What RunningHub charged; nil until it reports it (the estimate stands in meanwhile).
        public var charge: Money?
        public var usage: TaskUsage?
        public var errorCode: String?
        public var errorMessage: String?
        /// Relative to the manifest folder (`ROW/ROW.mp4`), where the reports sit.
        public var clip: String?
        public var clipSHA256: String?
        public var clipSize: Int64?
        public var clipMIME: String?
        /// The clip is recorded but no longer on disk.
        public var clipMissing: Bool
        public var inputs: [InputFile]
        public var requestBody: JSONValue?
        public var attempts: Int
        public var fingerprint: String?
        /// When the job entered each state it went through, in pipeline order.
        public var timings: [(state: JobState, at: Date)]
        public var createdAt: Date?
        /// The seed as sent (nil on endpoints without one).
        public var seed: Int64? = nil
        /// What ffprobe read from the clip, or why it could not.
        public var probe: ClipProbe? = nil
        public var probeError: String? = nil
        /// How the clip differs from its request; non-empty means flagged.
        public var mismatches: [ClipMismatch] = []
        /// The length the request asked for (its `duration`, or the endpoint's default).
        public var requestedSeconds: Double? = nil
        /// Every clip this take produced, oldest first (re-renders go beside, never over).
        public var versions: [Version] = []
        /// This take's clip is the row's current clip (`ROW/ROW.current.mp4` points at it).
        public var isRowClip = false
        /// When the task was seen SUCCESS with its result URL (the 24 h of the result count from here).
        public var resultSeenAt: Date? = nil
    }

    /// One clip of a take, for the version lists of `status` and the reports.
    public struct Version: Sendable {
        public var version: Int
        /// Relative to the manifest folder (`ROW/ROW.v2.mp4`).
        public var clip: String
        public var seed: Int64?
        public var estimate: PriceEstimate?
        /// What RunningHub charged for this version's task (nil until reported).
        public var charge: Money?
        /// When the clip was saved.
        public var date: Date?
        public var probe: ClipProbe?
        public var mismatches: [ClipMismatch]
        /// It is the row's current clip.
        public var isRowClip: Bool
    }

    /// The clip that stands for a row (chosen with `veobatch select`, else take 1's newest).
    public struct RowChoice: Sendable {
        public var rowID: String
        public var take: Int
        public var version: Int
        /// Relative to the manifest folder.
        public var clip: String
        public var chosen: Bool
        public var probe: ClipProbe?
        /// The clip file is gone from disk.
        public var missing: Bool
    }

    public var manifest: String
    public var generatedAt: Date
    public var entries: [Entry]
    /// The carried columns (`x_*`, `note*`) in the order they first appear.
    public var carriedColumns: [String]
    /// Every task this manifest ever created (replaced versions and retries included), from the
    /// folder's ledger, and their total: the one spend figure every report shows.
    public var ledger: [LedgerEntry] = []
    public var spent = LedgerTotal(currency: .listPrices)
    /// Active rows in manifest order, with what each asked for (the export's gaps need it).
    public var rows: [RowRecord] = []
    /// Each row's current clip, by row id (rows without any clip are absent).
    public var rowClips: [String: RowChoice] = [:]
    /// Selections that name a take or version that has no clip (yet).
    public var unresolvedSelections: [String: SelectionRecord] = [:]

    /// Takes whose clip does not match its request.
    public var flaggedEntries: [Entry] { entries.filter { !$0.mismatches.isEmpty } }

    public var counts: [JobState: Int] {
        entries.reduce(into: [:]) { $0[$1.state, default: 0] += 1 }
    }

    /// Reads the active rows of the tree's manifest and their current jobs from the journal,
    /// whole (`status`, `export`); the reports of a run read it a page at a time instead
    /// (`ReportStage`).
    public static func load(journal: Journal, tree: OutputTree, at date: Date = Date()) throws -> RunReport {
        let rows = try journal.rows(manifest: tree.manifestStem)
        var report = try page(rows: rows, jobs: journal.allJobs(manifest: tree.manifestStem),
                              selections: journal.selections(manifest: tree.manifestStem), tree: tree, at: date)
        report.ledger = try journal.ledger(manifest: tree.manifestStem)
        report.spent = try journal.spent(manifest: tree.manifestStem)
        return report
    }

    /// The report of some rows of a manifest: `jobs` are every job of those rows (current or
    /// not, any order) and `rows` come in manifest order; inactive rows are left out. The
    /// ledger and `spent` stay empty (they are the whole manifest's, read apart).
    static func page(rows: [RowRecord], jobs: [JobRecord], selections: [String: SelectionRecord], tree: OutputTree,
                     at date: Date) -> RunReport {
        let rows = rows.filter(\.active)
        let history = Dictionary(grouping: jobs.sorted { ($0.id ?? 0) < ($1.id ?? 0) }, by: \.rowID)
        var carriedNames: [String] = []
        var entries: [Entry] = []
        var rowClips: [String: RowChoice] = [:]
        var unresolved: [String: SelectionRecord] = [:]
        for row in rows {
            let carried = row.carried
            for column in carried where !carriedNames.contains(column.name) { carriedNames.append(column.name) }
            let rowJobs = history[row.rowID] ?? []
            let versions = ClipVersions.of(rowJobs: rowJobs)
            let current = ClipVersions.current(versions: versions, selection: selections[row.rowID])
            if let selection = selections[row.rowID], current == nil { unresolved[row.rowID] = selection }
            var currentByTake: [Int: JobRecord] = [:]
            for job in rowJobs where job.isCurrent && currentByTake[job.take] == nil { currentByTake[job.take] = job }
            // The row clip's probe once a version below has decoded it (which may be no probe).
            var rowClipProbe: ClipProbe??
            for take in 1...max(1, row.takes) {
                if let job = currentByTake[take] {
                    var item = entry(for: job, row: row, tree: tree)
                    item.versions = versions.filter { $0.take == take }.map { clip in
                        clip.job.id == job.id && clip.outputPath == job.outputPath
                            ? version(of: clip, current: current, madeBy: item) : version(of: clip, current: current, tree: tree)
                    }
                    if let rowClip = item.versions.first(where: \.isRowClip) { rowClipProbe = .some(rowClip.probe) }
                    item.isRowClip = current?.clip.take == take
                    entries.append(item)
                } else {
                    entries.append(
                        Entry(
                            rowID: row.rowID, take: take, outputName: take == 1 ? row.rowID : "\(row.rowID)-take\(take)",
                            line: row.line, prompt: row.prompt, carried: carried, state: .pending, clipMissing: false,
                            inputs: [], attempts: 0, timings: []))
                }
            }
            if let current, let path = try? tree.absolute(fromOutputRelative: current.clip.outputPath) {
                rowClips[row.rowID] = RowChoice(
                    rowID: row.rowID, take: current.clip.take, version: current.clip.version, clip: tree.relativeToManifestFolder(path),
                    chosen: current.chosen, probe: rowClipProbe ?? current.clip.job.probe, missing: !FileManager.default.fileExists(atPath: path))
            }
        }
        return RunReport(
            manifest: tree.manifestStem, generatedAt: date, entries: entries, carriedColumns: carriedNames, rows: rows,
            rowClips: rowClips, unresolvedSelections: unresolved)
    }

    /// The version `entry`'s own job made: what the entry already read from the job (its
    /// request body, its probe and their mismatches, its clip's path) is not decoded again.
    static func version(of clip: ClipVersion, current: RowClip?, madeBy entry: Entry) -> Version {
        version(of: clip, current: current, path: entry.clip ?? clip.outputPath, seed: entry.seed, probe: entry.probe,
                mismatches: entry.mismatches)
    }

    static func version(of clip: ClipVersion, current: RowClip?, tree: OutputTree) -> Version {
        let job = clip.job
        let path = (try? tree.absolute(fromOutputRelative: clip.outputPath)).map(tree.relativeToManifestFolder) ?? clip.outputPath
        let body = requestBody(of: job)
        let probe = job.probe
        return version(of: clip, current: current, path: path, seed: seed(in: body), probe: probe,
                       mismatches: probe.map { ClipCheck.mismatches(probe: $0, endpoint: job.endpoint, requestBody: body) } ?? [])
    }

    /// A version from what was read of its job's request body and probe.
    private static func version(of clip: ClipVersion, current: RowClip?, path: String, seed: Int64?, probe: ClipProbe?,
                                mismatches: [ClipMismatch]) -> Version {
        Version(
            version: clip.version, clip: path, seed: seed, estimate: clip.job.priceEstimate, charge: clip.job.charge,
            date: clip.job.doneAt ?? clip.job.updatedAt, probe: probe, mismatches: mismatches,
            isRowClip: current.map { $0.clip.outputPath == clip.outputPath } ?? false)
    }

    static func requestBody(of job: JobRecord) -> JSONValue? {
        job.requestBodyJSON.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
    }

    static func seed(in body: JSONValue?) -> Int64? {
        guard case .object(let fields)? = body else { return nil }
        switch fields["seed"] {
        case .int(let seed)?: return seed
        case .string(let text)?: return Int64(text)
        default: return nil
        }
    }

    static func entry(for job: JobRecord, row: RowRecord?, tree: OutputTree) -> Entry {
        var clip: String?
        var missing = false
        if let relative = job.outputPath, let path = try? tree.absolute(fromOutputRelative: relative) {
            clip = tree.relativeToManifestFolder(path)
            missing = !FileManager.default.fileExists(atPath: path)
        }
        let stamps: [(JobState, Date?)] = [
            (.uploading, job.uploadingAt), (.submitting, job.submittingAt), (.queued, job.queuedAt), (.running, job.runningAt),
            (.downloading, job.downloadingAt), (.done, job.doneAt), (.failed, job.failedAt), (.blocked, job.blockedAt),
            (.unknown, job.unknownAt), (.timeout, job.timeoutAt), (.expired, job.expiredAt),
        ]
        let timings = stamps.compactMap { state, date in date.map { (state: state, at: $0) } }.sorted { $0.at < $1.at }
        let body = requestBody(of: job)
        let probe = job.outputPath == nil ? nil : job.probe
        var made = Entry(
            rowID: job.rowID, take: job.take, outputName: job.outputName, line: row?.line ?? job.line, prompt: row?.prompt,
            carried: row?.carried ?? [], state: job.state, resolution: job.resolution, taskID: job.taskID, endpoint: job.endpoint,
            estimate: job.priceEstimate, charge: job.charge, usage: job.usage, errorCode: job.errorCode,
            errorMessage: job.errorMessage, clip: clip, clipSHA256: job.outputSHA256, clipSize: job.outputSize,
            clipMIME: job.outputMIME, clipMissing: missing, inputs: Self.readableInputs(of: job), requestBody: body, attempts: job.attempts,
            fingerprint: job.fingerprint.isEmpty ? nil : job.fingerprint, timings: timings, createdAt: job.createdAt)
        made.seed = seed(in: body)
        // The parameters stand in for a body not sent yet; a sent job's are not decoded.
        let asked = body ?? (try? JSONDecoder().decode(JSONValue.self, from: Data(job.parametersJSON.utf8)))
        made.requestedSeconds = ClipCheck.requestedSeconds(endpoint: job.endpoint, requestBody: asked)
        made.probe = probe
        made.resultSeenAt = job.resultSeenAt
        made.probeError = job.outputPath == nil ? nil : job.probeError
        made.mismatches = probe.map { ClipCheck.mismatches(probe: $0, endpoint: job.endpoint, requestBody: body) } ?? []
        return made
    }
}

extension RunReport {
    /// A report still lists a job whose stored inputs cannot be read (the run refuses to submit
    /// it and says why in its error); it shows no inputs rather than failing the whole report.
    static func readableInputs(of job: JobRecord) -> [InputFile] {
        (try? job.decodedInputs()) ?? []
    }
}

extension RunReport.Entry {
    /// When the submit was recorded (before the request left).
    public var submittedAt: Date? {
        timings.first { $0.state == .submitting }?.at
    }

    /// When the job reached its last verdict (`done`, `failed`, `blocked`, `unknown`, `timeout`).
    public var finishedAt: Date? {
        timings.last { $0.state.isProblem || $0.state == .done }?.at
    }

    /// How long the task took: RunningHub's own `taskCostTime`, else submit to verdict.
    public var taskSeconds: Double? {
        if let reported = usage?.taskCostTime { return NSDecimalNumber(decimal: reported).doubleValue }
        guard let start = submittedAt, let end = finishedAt, end >= start else { return nil }
        return end.timeIntervalSince(start)
    }
}
