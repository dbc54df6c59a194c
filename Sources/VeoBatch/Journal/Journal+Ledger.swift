import Foundation
import GRDB

/// One task this folder may have paid for: every job that got a task id (current or replaced,
/// retries, charged failures, resolved unknowns) and every submit whose outcome is unknown or
/// was abandoned unsettled (it may have created a task). The ledger is the only source of
/// spend: the run summary, `status`, the reports and `--max-cost` all total these entries.
public struct LedgerEntry: Sendable, Hashable {
    public var jobID: Int64
    public var manifest: String
    public var rowID: String
    public var take: Int
    public var outputName: String
    public var taskID: String?
    public var state: JobState
    /// False for a replaced version or an earlier attempt of the take.
    public var isCurrent: Bool
    public var estimate: Money?
    public var estimateSource: EstimateSource?
    /// What RunningHub reported charging; nil until it does.
    public var charge: Money?

    /// What counts for this task: the charge, or until there is one the estimate (marked).
    public var standing: Money? { charge ?? estimate }
    /// True when the estimate stands in for a charge not reported yet.
    public var isEstimateStandingIn: Bool { charge == nil && estimate != nil }

    /// The columns a ledger line is read from (never the request body, inputs or probe: the
    /// ledger of a 10,000-job folder is read whole for every total).
    static let columns = "id, manifest, rowID, take, outputName, taskID, state, isCurrent, estimatedCost, estimateCurrency, estimateSource, actualCost, chargeCurrency"

    /// One ledger line from a row holding `columns`. A state that does not decode is an error:
    /// spend is never totalled from a guess.
    init(row: Row) throws {
        let stateText: String = row["state"]
        guard let state = JobState(rawValue: stateText) else {
            throw JournalError.undecodableJob(id: row["id"] as Int64, column: "state", reason: "unknown state \"\(stateText)\"")
        }
        jobID = row["id"]
        manifest = row["manifest"]
        rowID = row["rowID"]
        take = row["take"]
        outputName = row["outputName"]
        taskID = row["taskID"]
        self.state = state
        isCurrent = row["isCurrent"]
        let estimateAmount: String? = row["estimatedCost"], estimateCode: String? = row["estimateCurrency"]
        let chargeAmount: String? = row["actualCost"], chargeCode: String? = row["chargeCurrency"]
        estimate = Self.money(estimateAmount, estimateCode)
        estimateSource = (row["estimateSource"] as String?).flatMap(EstimateSource.init(rawValue:))
        charge = Self.money(chargeAmount, chargeCode)
    }

    private static func money(_ amount: String?, _ code: String?) -> Money? {
        guard let value = amount.flatMap(Money.decimal), let currency = code.flatMap(Currency.init(code:)) else { return nil }
        return Money(value, currency)
    }

    init(_ job: JobRecord) {
        jobID = job.id ?? 0
        manifest = job.manifest
        rowID = job.rowID
        take = job.take
        outputName = job.outputName
        taskID = job.taskID
        state = job.state
        isCurrent = job.isCurrent
        estimate = job.estimate
        estimateSource = job.estimateSource.flatMap(EstimateSource.init(rawValue:))
        charge = job.charge
    }
}

/// The ledger added up in one currency. Entries in another currency (or with no price at all)
/// are never converted: they are counted in `uncounted` and listed by the callers.
public struct LedgerTotal: Sendable, Hashable {
    public var spent: Money
    /// Entries whose estimate stands in for a charge not reported yet.
    public var standingEstimates: Int
    /// Entries that could not be added: no estimate and no charge, or another currency.
    public var uncounted: [LedgerEntry]
    /// Entries with a reported charge.
    public var charged: Int

    public init(_ entries: [LedgerEntry], currency: Currency) {
        self.init(currency: currency)
        for entry in entries { add(entry) }
    }

    /// Nothing yet, in `currency`: entries are added one at a time (`Journal.spent` reads the
    /// ledger a row at a time rather than whole).
    public init(currency: Currency) {
        spent = Money.zero(currency)
        standingEstimates = 0
        uncounted = []
        charged = 0
    }

    public mutating func add(_ entry: LedgerEntry) {
        guard let amount = entry.standing, let sum = spent.adding(amount) else {
            uncounted.append(entry)
            return
        }
        spent = sum
        if entry.isEstimateStandingIn { standingEstimates += 1 } else { charged += 1 }
    }

    /// `12.34 USD (3 charged, 1 estimate standing in)`.
    public var text: String {
        var parts: [String] = []
        parts.append("\(charged) charged")
        if standingEstimates > 0 { parts.append("\(standingEstimates) estimate\(standingEstimates == 1 ? "" : "s") standing in") }
        if !uncounted.isEmpty { parts.append("\(uncounted.count) not counted (no price in \(spent.currency.code))") }
        return "\(spent) (\(parts.joined(separator: ", ")))"
    }
}

extension Journal {
    /// The SQL condition for "this job may have been billed".
    static let ledgerCondition = "(taskID IS NOT NULL OR state IN ('submitting', 'unknown') OR resolution = 'abandoned')"

    /// Every task of the folder (or of one manifest), oldest first.
    public func ledger(manifest: String? = nil) throws -> [LedgerEntry] {
        try ledger(manifest: manifest, afterJobID: nil, limit: nil)
    }

    /// One page of the ledger, oldest first: the entries after job `afterJobID`, at most `limit`
    /// (reports stream a 10,000-task ledger this way).
    public func ledger(manifest: String?, afterJobID: Int64?, limit: Int?) throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        try forEachLedgerEntry(manifest: manifest, afterJobID: afterJobID, limit: limit) { entries.append($0) }
        return entries
    }

    /// The ledger's entries one at a time, oldest first, none kept: a total of a 10,000-task
    /// folder does not hold its ledger (nor GRDB's copy of every row) in memory at once.
    func forEachLedgerEntry(manifest: String?, afterJobID: Int64? = nil, limit: Int? = nil, _ body: (LedgerEntry) throws -> Void) throws {
        var sql = "SELECT \(LedgerEntry.columns) FROM jobs WHERE \(Self.ledgerCondition)"
        var arguments: StatementArguments = []
        if let manifest {
            sql += " AND manifest = ?"
            arguments += [manifest]
        }
        if let afterJobID {
            sql += " AND id > ?"
            arguments += [afterJobID]
        }
        sql += " ORDER BY id"
        if let limit { sql += " LIMIT \(limit)" }
        try read { db in
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            while let row = try rows.next() { try body(try LedgerEntry(row: row)) }
        }
    }

    /// Calls `body` with the ledger page by page, oldest first.
    public func forEachLedgerPage(manifest: String?, size: Int = 500, _ body: ([LedgerEntry]) throws -> Void) throws {
        var after: Int64?
        while true {
            let page = try ledger(manifest: manifest, afterJobID: after, limit: size)
            guard let last = page.last else { return }
            try body(page)
            after = last.jobID
        }
    }

    /// The currency the folder's spend is counted in: the account's (learned by a run), else the
    /// one most of the ledger is in, else the list prices' (nothing spent yet).
    /// The whole folder's ledger is read a row at a time for it.
    public func ledgerCurrency() throws -> Currency {
        if let account = try accountCurrency() { return account }
        var tally = CurrencyTally()
        try forEachLedgerEntry(manifest: nil) { tally.add($0) }
        return tally.mostUsed ?? .listPrices
    }

    /// The ledger totalled in `currency` (the folder's when nil), or only one manifest's share of
    /// it. Read a row at a time: a 10,000-task ledger is never held whole.
    public func spent(manifest: String? = nil, in currency: Currency? = nil) throws -> LedgerTotal {
        var total = LedgerTotal(currency: try currency ?? ledgerCurrency())
        try forEachLedgerEntry(manifest: manifest) { total.add($0) }
        return total
    }

    // MARK: - The account's currency

    /// The currency accountStatus last reported for this folder's account.
    public func accountCurrency() throws -> Currency? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM folderFacts WHERE key = 'accountCurrency'")
        }.flatMap(Currency.init(code:))
    }

    /// Records the account's currency; charges stored before the journal knew any currency
    /// (journals from before v2-ledger) are taken to be in it.
    public func recordAccountCurrency(_ currency: Currency) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO folderFacts (key, value) VALUES ('accountCurrency', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [currency.code])
            try db.execute(sql: "UPDATE jobs SET chargeCurrency = ? WHERE actualCost IS NOT NULL AND chargeCurrency IS NULL", arguments: [currency.code])
        }
    }

    // MARK: - Live prices

    /// A price-preview answer kept for the run that asked (keyed by the priced body).
    public func cachedPrice(key: String, since: Date) throws -> PriceEstimate? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM prices WHERE key = ? AND pricedAt >= ?", arguments: [key, since]) else { return nil }
            let amount: String = row["amount"], code: String = row["currency"], source: String = row["source"]
            guard let value = Money.decimal(amount), let currency = Currency(code: code), let kind = EstimateSource(rawValue: source) else { return nil }
            return PriceEstimate(money: Money(value, currency), source: kind, note: row["note"])
        }
    }

    public func storePrice(key: String, endpoint: String, estimate: PriceEstimate, at date: Date = Date()) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO prices (key, endpoint, amount, currency, source, note, pricedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET endpoint = excluded.endpoint, amount = excluded.amount, currency = excluded.currency,
                  source = excluded.source, note = excluded.note, pricedAt = excluded.pricedAt
                """, arguments: [key, endpoint, estimate.money.amountText, estimate.money.currency.code, estimate.source.rawValue, estimate.note, date])
        }
    }

    // MARK: - Manifest names

    /// The manifest file that holds `name` in this folder, if any.
    public func manifestNameHolder(_ name: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT path FROM manifestNames WHERE name = ?", arguments: [name]) }
    }

    /// Gives `name` to the manifest at `path` (first use, or the holder was moved away).
    public func claimManifestName(_ name: String, path: String, at date: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO manifestNames (name, path, claimedAt) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET path = excluded.path, claimedAt = excluded.claimedAt",
                           arguments: [name, path, date])
        }
    }
}

/// How many ledger entries stand in each currency, for the currency most of the ledger is in.
private struct CurrencyTally {
    private var counts: [Currency: Int] = [:]

    mutating func add(_ entry: LedgerEntry) {
        if let currency = entry.standing?.currency { counts[currency, default: 0] += 1 }
    }

    /// The most used; of two used as often, the code first in the alphabet.
    var mostUsed: Currency? {
        counts.max { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }?.key
    }
}
