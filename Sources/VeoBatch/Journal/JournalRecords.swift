import Foundation
import GRDB

/// A manifest row as the journal remembers it, so reports can be rebuilt without the manifest.
public struct RowRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rows"

    public var manifest: String
    public var rowID: String
    public var line: Int
    public var prompt: String?
    /// `[CarriedColumn]` as JSON, in manifest column order.
    public var carriedJSON: String
    /// How many takes the manifest asks for.
    public var takes: Int
    /// False once a later run's manifest no longer has this row (its history stays).
    public var active: Bool
    public var updatedAt: Date

    public var carried: [CarriedColumn] {
        (try? JSONDecoder().decode([CarriedColumn].self, from: Data(carriedJSON.utf8))) ?? []
    }
}

/// One job: one take of one row with one fingerprint. A changed row, a `--retry-failed` retry or
/// a `resolve --resubmit` adds a new job and marks the old one not current; nothing is deleted.
public struct JobRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "jobs"

    public var id: Int64?
    public var manifest: String
    public var rowID: String
    public var take: Int
    public var outputName: String
    public var line: Int
    public var endpoint: String
    /// The non-media body fields as canonical JSON.
    public var parametersJSON: String
    /// `[MediaInput]` as JSON: where each media field comes from.
    public var mediaJSON: String
    /// `[InputFile]` as JSON: the inputs with their content hashes.
    public var inputsJSON: String
    public var fingerprint: String
    public var state: JobState
    public var isCurrent: Bool
    /// How a person settled this job with `veobatch resolve` (`task-id`, `resubmit`, `abandoned`).
    public var resolution: String?
    public var taskID: String?
    /// Submit requests sent for this job (capacity answers included).
    public var attempts: Int
    public var errorCode: String?
    public var errorMessage: String?
    /// Decimal amounts are kept as strings so no binary rounding creeps in.
    public var estimatedCost: String?
    public var actualCost: String?
    public var usageJSON: String?
    /// The body exactly as sent: upload URLs, never the key.
    public var requestBodyJSON: String?
    public var resultURL: String?
    public var resultSeenAt: Date?
    /// Relative to the output folder (`STEM/ROW/ROW.mp4`).
    public var outputPath: String?
    public var outputSHA256: String?
    public var outputSize: Int64?
    public var outputMIME: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var uploadingAt: Date?
    public var submittingAt: Date?
    public var submittedAt: Date?
    public var queuedAt: Date?
    public var runningAt: Date?
    public var downloadingAt: Date?
    public var doneAt: Date?
    public var failedAt: Date?
    public var blockedAt: Date?
    public var unknownAt: Date?
    public var timeoutAt: Date?
    /// The currency of `estimatedCost` (v2-ledger).
    public var estimateCurrency: String? = nil
    /// Where the estimate came from: `EstimateSource` raw value.
    public var estimateSource: String? = nil
    /// The currency of `actualCost`: the account's when the charge was read.
    public var chargeCurrency: String? = nil
    /// `ClipProbe` as JSON: what the clip on disk really is (ffprobe, after the download).
    public var probeJSON: String?
    /// Why the clip has no probe (ffprobe missing or refusing the file).
    public var probeError: String?
    /// Added by the journal migration `v2-expiry`.
    public var expiredAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public var estimatedCostValue: Decimal? { estimatedCost.flatMap(Money.decimal) }
    public var actualCostValue: Decimal? { actualCost.flatMap(Money.decimal) }

    /// The estimate with its currency; nil when there is none (or its currency is not known).
    public var estimate: Money? {
        guard let amount = estimatedCostValue, let currency = estimateCurrency.flatMap(Currency.init(code:)) else { return nil }
        return Money(amount, currency)
    }

    /// What RunningHub reported charging, with the account's currency.
    public var charge: Money? {
        guard let amount = actualCostValue, let currency = chargeCurrency.flatMap(Currency.init(code:)) else { return nil }
        return Money(amount, currency)
    }

    /// The estimate with its source (a v1 journal's estimates are list prices).
    public var priceEstimate: PriceEstimate? {
        estimate.map { PriceEstimate(money: $0, source: estimateSource.flatMap(EstimateSource.init(rawValue:)) ?? .listPrice) }
    }

    /// Sets the estimate and its currency and source together.
    mutating func setEstimate(_ estimate: PriceEstimate?) {
        estimatedCost = estimate.map { $0.money.amountText }
        estimateCurrency = estimate?.money.currency.code
        estimateSource = estimate?.source.rawValue
    }

    /// Records RunningHub's charge (nil: none reported) in the account's currency (nil when the
    /// run could not learn it: a later run fills it in, see `Journal.recordAccountCurrency`).
    mutating func setCharge(_ amount: Decimal?, currency: Currency?) {
        actualCost = amount.map(Money.text)
        chargeCurrency = amount == nil ? nil : currency?.code
    }

    /// The inputs with their content hashes, as stored. Throws `JournalError.undecodableJob` for a
    /// damaged or unknown-format row: the submit path must never go on with an empty list.
    public func decodedInputs() throws -> [InputFile] {
        try decode([InputFile].self, from: inputsJSON, column: "inputsJSON")
    }

    /// The non-media body fields, as stored (throws like `decodedInputs`); never an empty default.
    public func decodedParameters() throws -> [String: JSONValue] {
        guard let object = try decode(JSONValue.self, from: parametersJSON, column: "parametersJSON").objectValue else {
            throw JournalError.undecodableJob(id: id ?? -1, column: "parametersJSON", reason: "it is not a JSON object")
        }
        return object
    }

    private func decode<T: Decodable>(_ type: T.Type, from json: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(json.utf8))
        } catch {
            throw JournalError.undecodableJob(id: id ?? -1, column: column, reason: "\(error)")
        }
    }

    public var probe: ClipProbe? {
        probeJSON.flatMap { try? JSONDecoder().decode(ClipProbe.self, from: Data($0.utf8)) }
    }

    public var usage: TaskUsage? {
        usageJSON.flatMap { try? JSONDecoder().decode(TaskUsage.self, from: Data($0.utf8)) }
    }

    /// Stamps the time this job entered `state`.
    mutating func stamp(_ state: JobState, at date: Date) {
        setStamp(state, date)
    }

    mutating func clearStamp(_ state: JobState) {
        setStamp(state, nil)
    }

    private mutating func setStamp(_ state: JobState, _ date: Date?) {
        switch state {
        case .pending: break
        case .uploading: uploadingAt = date
        case .submitting: submittingAt = date
        case .queued: queuedAt = date
        case .running: runningAt = date
        case .downloading: downloadingAt = date
        case .done: doneAt = date
        case .failed: failedAt = date
        case .blocked: blockedAt = date
        case .unknown: unknownAt = date
        case .timeout: timeoutAt = date
        case .expired: expiredAt = date
        }
    }
}

/// The take (and version) a person chose for a row with `veobatch select`.
public struct SelectionRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "selections"

    public var manifest: String
    public var rowID: String
    public var take: Int
    /// Nil: the newest version of the take.
    public var version: Int?
    public var chosenAt: Date
}

/// One upload, cached by content: the same bytes are never sent twice while the URL is young.
public struct UploadRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "uploads"

    public var sha256: String
    public var downloadURL: String
    public var uploadedAt: Date
    public var size: Int64
    /// The last local path uploaded with this content, for people reading the journal.
    public var path: String
}

/// One line of the append-only history: a state change, or a note about a job or the run.
public struct EventRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "events"

    public var id: Int64?
    public var at: Date
    public var jobID: Int64?
    public var manifest: String?
    public var rowID: String?
    public var take: Int?
    public var fromState: JobState?
    public var toState: JobState?
    public var message: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension JobState: DatabaseValueConvertible {}
