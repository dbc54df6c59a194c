import Foundation

/// The JSON shapes of `report.json` and the sidecars. Keys are camelCase like RunningHub's own;
/// money is `{"amount": "12.34", "currency": "USD"}` (a decimal string, never a float); times are
/// ISO 8601 in UTC.
struct ReportDocument: Encodable {
    struct Summary: Encodable {
        var jobs: Int
        var states: [String: Int]
        var wallTimeSeconds: Double?
    }

    /// The clip that stands for each row (`ROW/ROW.current.mp4`), chosen or by default.
    struct CurrentClip: Encodable {
        var row: String
        var take: Int
        var version: Int
        var clip: String
        var link: String
        var chosen: Bool
        var missing: Bool
    }

    var manifest: String
    var generatedAt: Date
    /// Every task of the manifest in the ledger, added up: charges, and estimates standing in
    /// for charges not reported yet.
    var spent: SpentDocument
    var summary: Summary
    var currentClips: [CurrentClip]
    var jobs: [JobDocument]
    /// Every task the manifest ever created, replaced versions and retries included.
    var ledger: [LedgerDocument]
}

/// `spent`: `{"amount": "12.34", "currency": "USD", "charged": 3, "standingEstimates": 1, "uncounted": 0}`.
struct SpentDocument: Encodable {
    var amount: String
    var currency: String
    /// Tasks whose charge RunningHub reported.
    var charged: Int
    /// Tasks whose estimate stands in because no charge is reported yet.
    var standingEstimates: Int
    /// Tasks that could not be added (no price, or another currency).
    var uncounted: Int

    init(_ total: LedgerTotal) {
        amount = total.spent.amountText
        currency = total.spent.currency.code
        charged = total.charged
        standingEstimates = total.standingEstimates
        uncounted = total.uncounted.count
    }
}

/// One line of the ledger.
struct LedgerDocument: Encodable {
    var row: String
    var take: Int
    var outputName: String
    var taskId: String?
    var state: String
    /// False for a replaced version or an earlier attempt.
    var current: Bool
    var estimate: Money?
    var estimateSource: String?
    var charged: Money?
    /// True while the estimate stands in for a charge not reported yet.
    var estimateStandsIn: Bool

    init(_ entry: LedgerEntry) {
        row = entry.rowID
        take = entry.take
        outputName = entry.outputName
        taskId = entry.taskID
        state = entry.state.rawValue
        current = entry.isCurrent
        estimate = entry.estimate
        estimateSource = entry.estimateSource?.rawValue
        charged = entry.charge
        estimateStandsIn = entry.isEstimateStandingIn
    }
}

/// One clip of a take in `versions` (report.json, `status --json`).
struct VersionDocument: Encodable {
    var version: Int
    var clip: String
    var seed: Int64?
    var estimate: Money?
    var estimateSource: String?
    var charged: Money?
    var date: Date?
    var probe: ClipProbe?
    var flags: [ClipMismatch]
    var current: Bool

    init(_ version: RunReport.Version) {
        self.version = version.version
        clip = version.clip
        seed = version.seed
        estimate = version.estimate?.money
        estimateSource = version.estimate?.source.rawValue
        charged = version.charge
        date = version.date
        probe = version.probe
        flags = version.mismatches
        current = version.isRowClip
    }
}

struct JobDocument: Encodable {
    struct Failure: Encodable {
        var code: String?
        var message: String?
    }

    struct Clip: Encodable {
        var path: String
        var sha256: String?
        var size: Int64?
        var mimeType: String?
        var missing: Bool
    }

    struct Input: Encodable {
        var field: String
        var kind: String
        var source: String
        var row: String?
        var sha256: String?
        var size: Int64?
    }

    var manifest: String
    var row: String
    var take: Int
    var outputName: String
    var line: Int
    var prompt: String?
    var carried: [String: String]?
    var state: String
    var resolution: String?
    var endpoint: String?
    var taskId: String?
    var attempts: Int
    /// `{"amount", "currency"}`; `estimateSource` says whether it is RunningHub's price-preview or
    /// the embedded list price (unverified).
    var estimate: Money?
    var estimateSource: String?
    /// What RunningHub charged; null until it reports it.
    var charged: Money?
    /// True when a task exists but no charge is reported yet: its estimate counts in `spent`.
    var estimateStandsIn: Bool
    var usage: TaskUsage?
    var error: Failure?
    var requestBody: JSONValue?
    var inputs: [Input]
    var output: Clip?
    var fingerprint: String?
    var timings: [String: Date]
    var seed: Int64?
    /// What ffprobe read from the clip.
    var probe: ClipProbe?
    var probeError: String?
    /// How the clip differs from its request; empty when it matches (or was not probed).
    var flags: [ClipMismatch]?
    /// Every clip of this take (reports only; a sidecar describes its own clip and never changes).
    var versions: [VersionDocument]?
    /// This take holds the row's current clip (reports only).
    var current: Bool?

    init(manifest: String, entry: RunReport.Entry, clipPath: String?, includeCarried: Bool) {
        self.manifest = manifest
        row = entry.rowID
        take = entry.take
        outputName = entry.outputName
        line = entry.line
        prompt = entry.prompt
        carried = includeCarried ? Dictionary(entry.carried.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }) : nil
        state = entry.state.rawValue
        resolution = entry.resolution
        endpoint = entry.endpoint
        taskId = entry.taskID
        attempts = entry.attempts
        estimate = entry.estimate?.money
        estimateSource = entry.estimate?.source.rawValue
        charged = entry.charge
        estimateStandsIn = entry.charge == nil && entry.taskID != nil
        usage = entry.usage
        error = (entry.errorCode != nil || entry.errorMessage != nil) ? Failure(code: entry.errorCode, message: entry.errorMessage) : nil
        requestBody = entry.requestBody
        inputs = entry.inputs.map {
            Input(field: $0.field, kind: $0.source.kindName, source: $0.location, row: $0.source.rowID, sha256: $0.sha256, size: $0.size)
        }
        output = clipPath.map {
            Clip(path: $0, sha256: entry.clipSHA256, size: entry.clipSize, mimeType: entry.clipMIME, missing: entry.clipMissing)
        }
        fingerprint = entry.fingerprint
        var timings: [String: Date] = [:]
        if let created = entry.createdAt { timings["created"] = created }
        for (state, at) in entry.timings { timings[state.rawValue] = at }
        self.timings = timings
        seed = entry.seed
        probe = entry.probe
        probeError = entry.probeError
        flags = entry.probe == nil ? nil : entry.mismatches
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

/// `report.json`: the summary and every job of the manifest. Written a page at a time: the
/// top-level keys in sorted order (as `JSONEncoder` with `.sortedKeys` would put them), each
/// current clip, job and ledger line encoded on its own. `currentClips` comes before `jobs`, so
/// the jobs wait in a scratch file until every page has given its clips.
struct ReportJSON: PagedReport {
    var fileName: String { "report.json" }

    func session(_ overview: ReportOverview, tree: OutputTree, into file: StreamedFile) throws -> any ReportSession {
        try Session(overview: overview, file: file, jobs: file.scratch())
    }

    /// The whole document (`status --json` lists one per manifest); the same pieces as the file.
    static func document(_ report: RunReport, tree: OutputTree) -> ReportDocument {
        let overview = ReportOverview(report)
        let states = Dictionary(overview.counts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +)
        return ReportDocument(
            manifest: report.manifest, generatedAt: report.generatedAt, spent: SpentDocument(report.spent),
            summary: .init(jobs: overview.jobs, states: states, wallTimeSeconds: overview.wallTime),
            currentClips: currentClips(of: report), jobs: report.entries.map { job($0, manifest: report.manifest) },
            ledger: report.ledger.map(LedgerDocument.init))
    }

    /// Each row's current clip, in manifest order.
    static func currentClips(of report: RunReport) -> [ReportDocument.CurrentClip] {
        report.rows.compactMap { row in
            report.rowClips[row.rowID].map {
                ReportDocument.CurrentClip(
                    row: $0.rowID, take: $0.take, version: $0.version, clip: $0.clip, link: "\(row.rowID)/\(row.rowID).current.mp4",
                    chosen: $0.chosen, missing: $0.missing)
            }
        }
    }

    /// One take, with its versions.
    static func job(_ entry: RunReport.Entry, manifest: String) -> JobDocument {
        var document = JobDocument(manifest: manifest, entry: entry, clipPath: entry.clip, includeCarried: true)
        document.versions = entry.versions.map(VersionDocument.init)
        document.current = entry.isRowClip
        return document
    }

    final class Session: ReportSession {
        let overview: ReportOverview
        let file: StreamedFile
        let jobs: StreamedFile
        let encoder = JobDocument.encoder()
        var clipCount = 0
        var jobCount = 0

        init(overview: ReportOverview, file: StreamedFile, jobs: StreamedFile) throws {
            self.overview = overview
            self.file = file
            self.jobs = jobs
            try file.write("{\n  \"currentClips\" : [")
        }

        func append(_ page: RunReport) throws {
            for clip in ReportJSON.currentClips(of: page) {
                try item(clip, index: clipCount, into: file)
                clipCount += 1
            }
            for entry in page.entries {
                try item(ReportJSON.job(entry, manifest: page.manifest), index: jobCount, into: jobs)
                jobCount += 1
            }
        }

        func finish() throws {
            try file.write(clipCount == 0 ? "\n\n  ],\n" : "\n  ],\n")
            try file.write("  \"generatedAt\" : \(try value(overview.generatedAt)),\n  \"jobs\" : [")
            try file.append(contentsOf: jobs)
            try file.write(jobCount == 0 ? "\n\n  ],\n" : "\n  ],\n")
            try file.write("  \"ledger\" : [")
            var ledgerCount = 0
            try overview.forEachLedgerPage { page in
                for entry in page {
                    try item(LedgerDocument(entry), index: ledgerCount, into: file)
                    ledgerCount += 1
                }
            }
            try file.write(ledgerCount == 0 ? "\n\n  ],\n" : "\n  ],\n")
            let states = Dictionary(overview.counts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +)
            try file.write("  \"manifest\" : \(try value(overview.manifest)),\n")
            try file.write("  \"spent\" : \(try value(SpentDocument(overview.spent))),\n")
            let summary = ReportDocument.Summary(jobs: overview.jobs, states: states, wallTimeSeconds: overview.wallTime)
            try file.write("  \"summary\" : \(try value(summary))\n}\n")
        }

        /// One element of a top-level array, indented as the pretty printer indents it there.
        private func item(_ value: some Encodable, index: Int, into target: StreamedFile) throws {
            try target.write(index == 0 ? "\n    " : ",\n    ")
            try target.write(try indented(value, by: "    "))
        }

        /// A value of a top-level key.
        private func value(_ value: some Encodable) throws -> String {
            try indented(value, by: "  ")
        }

        /// The encoder's pretty-printed text with every line after the first indented, blank
        /// lines (inside an empty array) left blank as the printer leaves them. A JSON string
        /// never holds a raw newline, so every newline is the printer's own.
        private func indented(_ value: some Encodable, by indent: String) throws -> String {
            let newline = UInt8(ascii: "\n")
            // Over the raw bytes: `Data`'s subscript, byte by byte, was a third of this report's time.
            return try encoder.encode(value).withUnsafeBytes { (text: UnsafeRawBufferPointer) in
                var result: [UInt8] = []
                result.reserveCapacity(text.count + text.count / 4)
                for (index, byte) in text.enumerated() {
                    result.append(byte)
                    if byte == newline, index + 1 < text.count, text[index + 1] != newline { result.append(contentsOf: indent.utf8) }
                }
                return String(decoding: result, as: UTF8.self)
            }
        }
    }
}

/// `ROW/NAME.json` beside each clip: everything about how it was made.
enum Sidecar {
    static func render(_ job: JobRecord, tree: OutputTree) throws -> Data {
        let entry = RunReport.entry(for: job, row: nil, tree: tree)
        // Inside the row folder the clip is named by its file name alone.
        let clip = entry.clip.map { ($0 as NSString).lastPathComponent }
        var document = JobDocument(manifest: job.manifest, entry: entry, clipPath: clip, includeCarried: false)
        document.prompt = nil
        return try JobDocument.encoder().encode(document) + Data("\n".utf8)
    }
}
