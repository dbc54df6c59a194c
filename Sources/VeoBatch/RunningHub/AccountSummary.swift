import Foundation

/// What `veobatch account` shows: the wallet, the key type and the concurrency picture, from
/// accountStatus and queue/status together. Rendered here so the text and JSON forms are tested;
/// the executable only prints them.
public struct AccountSummary: Sendable, Hashable, Codable {
    /// The wallet, which Standard-Model (Veo) tasks charge; null for accounts without one.
    public var remainMoney: Decimal?
    public var currency: Currency?
    public var remainCoins: String?
    /// `SHARED`, `EXCLUSIVE` or `NORMAL`, from queue/status.
    public var apiKeyType: String?
    /// accountStatus's `apiType`.
    public var accountType: String?
    public var concurrentLimit: Int
    public var runningCount: Int
    public var queuedCount: Int
    /// This key's quota and expiry from `GET /openapi/v2/api-key/list`, when that route answered.
    public var keyQuota: KeyQuota?
    /// Why there is no quota to show (the route did not answer, or did not list this key).
    public var keyQuotaNote: String?

    public init(account: AccountStatus, queue: QueueStatus) {
        remainMoney = account.remainMoney
        currency = account.currency
        remainCoins = account.remainCoins
        apiKeyType = queue.apiKeyType
        accountType = account.apiType
        concurrentLimit = queue.concurrentLimit
        runningCount = queue.runningCount
        queuedCount = queue.queuedCount
    }

    /// True when the key is documented as unable to call the Veo endpoints (code 1014): they are
    /// restricted to Enterprise-Shared keys.
    public var keyMayBeRefusedForVeo: Bool {
        guard let apiKeyType else { return false }
        return apiKeyType.uppercased() != "SHARED"
    }

    /// Aligned `label: value` lines, plus a note when the key type is not Enterprise-Shared.
    public var text: String {
        let money = remainMoney.map { Money.text($0) + (currency.map { " \($0.code)" } ?? " (currency not reported)") } ?? "not reported (this account has no wallet)"
        let rows: [(String, String)] = [
            ("Wallet balance", money),
            ("RH coins", remainCoins ?? "not reported"),
            ("API key type", apiKeyType ?? "not reported"),
            ("Account type", accountType ?? "not reported"),
            ("Concurrency limit", "\(concurrentLimit) task\(concurrentLimit == 1 ? "" : "s") at once"),
            ("Tasks running", "\(runningCount) (\(queuedCount) queued)"),
        ] + ((keyQuota?.text ?? keyQuotaNote).map { [("Key quota", $0)] } ?? [])
        let width = rows.map(\.0.count).max() ?? 0
        var lines = rows.map { label, value in
            "\(label):" + String(repeating: " ", count: width - label.count + 1) + value
        }
        if keyMayBeRefusedForVeo, let apiKeyType {
            lines.append("")
            lines.append("Note: RunningHub restricts the Veo 3.1 endpoints to Enterprise-Shared keys; this key's type is \(apiKeyType), so submits may be refused with code 1014.")
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object with sorted keys; absent values are left out.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and decimals cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
