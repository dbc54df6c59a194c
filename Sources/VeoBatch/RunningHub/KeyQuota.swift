import Foundation

/// One API key's quota from `GET /openapi/v2/api-key/list` (runninghub-api.md section A item 9): a key
/// near its quota or its expiry starts refusing submits. The list shows keys masked, so the entry
/// is matched to our key by its visible start and end.
public struct KeyQuota: Sendable, Hashable, Codable {
    /// The key as the list shows it, masked (`sk-a****f3c9`).
    public var maskedKey: String?
    /// Amounts in the account's currency (the list names none).
    public var quotaLimit: Decimal?
    public var quotaUsed: Decimal?
    public var expireAt: String?
    public var expireInMinutes: Int?

    public init(maskedKey: String?, quotaLimit: Decimal?, quotaUsed: Decimal?, expireAt: String?, expireInMinutes: Int?) {
        self.maskedKey = maskedKey
        self.quotaLimit = quotaLimit
        self.quotaUsed = quotaUsed
        self.expireAt = expireAt
        self.expireInMinutes = expireInMinutes
    }

    /// `quotaLimit − quotaUsed`, when both are known.
    public var remaining: Decimal? {
        guard let quotaLimit, let quotaUsed else { return nil }
        return quotaLimit - quotaUsed
    }

    /// Whether a masked key such as `sk-a****f3c9` can be `key`: its visible parts start and end it.
    static func masked(_ masked: String, matches key: String) -> Bool {
        let parts = masked.split(whereSeparator: { $0 == "*" || $0 == "…" }).map(String.init)
        guard let first = parts.first, let last = parts.last, parts.count >= 2 else { return false }
        return key.hasPrefix(first) && key.hasSuffix(last) && first.count + last.count < key.count
    }

    /// `account`'s line: `12.34 of 1000.00 used (987.66 left); expires 2027-01-05T… (in 30 days)`.
    public var text: String {
        var parts: [String] = []
        if let quotaLimit {
            let used = quotaUsed.map { "\($0)" } ?? "?"
            parts.append("\(used) of \(quotaLimit) used" + (remaining.map { " (\($0) left)" } ?? ""))
        } else {
            parts.append("no quota limit reported")
        }
        if let expireAt {
            let days = expireInMinutes.map { minutes in minutes >= 2880 ? " (in \(minutes / 1440) days)" : " (in \(minutes) min)" } ?? ""
            parts.append("expires \(expireAt)\(days)")
        }
        return parts.joined(separator: "; ")
    }

    /// The warning `run` prints when the plan's estimate passes what the key has left. Amounts are
    /// compared only in one currency: the quota is in the account's currency (accountStatus), the
    /// estimate in the price table's; when they differ or one is unknown, nothing is compared.
    public func warning(estimate: Decimal, estimateCurrency: Currency, accountCurrency: Currency?) -> String? {
        guard let remaining else { return nil }
        guard let accountCurrency, accountCurrency == estimateCurrency else { return nil }
        guard estimate > remaining else { return nil }
        return "The jobs left to submit are estimated at \(estimate) \(estimateCurrency), more than this API key's remaining quota of \(remaining) \(accountCurrency); RunningHub refuses submits once the quota is used up."
    }
}

extension RunningHubClient {
    /// `GET /openapi/v2/api-key/list`: this key's quota and expiry, or nil when the list does not
    /// show it. Throws when the route does not answer (older sites lack it).
    public func keyQuota() async throws -> KeyQuota? {
        let route = RouteContext(kind: .accountStatus, name: "api-key/list", phrase: "API key list request")
        let request = HTTPRequest(method: .get, url: "\(baseURL)/openapi/v2/api-key/list", headers: apiHeaders, timeouts: apiTimeouts)
        let response = try await send(request, route: route)
        guard (200..<300).contains(response.status) else { throw httpFailure(response, route: route) }
        guard let object = WireObject(body: response.body) else {
            throw failure(.unreadable(detail: unreadableDetail(response)), route: route)
        }
        if let code = object.refusalCode {
            throw failure(.refused(code: code, serverMessage: scrubbed(object.string("errorMessage", "msg", "message"))), route: route)
        }
        let entries = (object.array("data") ?? object.object("data")?.array("list") ?? object.object("data")?.array("records") ?? [])
            .compactMap { $0.objectValue.map(WireObject.init) }
        let secret = apiKey.revealedForRequestBody
        let mine = entries.first { entry in entry.nonEmptyString("apiKey", "key", "maskedKey").map { KeyQuota.masked($0, matches: secret) } ?? false }
            ?? (entries.count == 1 ? entries[0] : nil)
        guard let mine else { return nil }
        return KeyQuota(
            maskedKey: mine.nonEmptyString("apiKey", "key", "maskedKey").map { apiKey.redacting(in: $0) },
            quotaLimit: mine.decimal("quotaLimit"), quotaUsed: mine.decimal("quotaUsed"),
            expireAt: mine.nonEmptyString("expireAt"), expireInMinutes: mine.int("expireInMinute"))
    }
}
