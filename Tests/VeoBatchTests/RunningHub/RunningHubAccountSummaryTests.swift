import Foundation
import Testing
import VeoBatch

/// What `veobatch account` prints, in both forms.
@Suite struct RunningHubAccountSummaryTests {
    let account = AccountStatus(remainCoins: "99999", currentTaskCounts: 0, remainMoney: Decimal(string: "999.50"), currency: "CNY", apiType: "NORMAL")
    let queue = QueueStatus(apiKeyType: "SHARED", concurrentLimit: 50, runningCount: 1, queuedCount: 2, totalCurrentTasks: 3)

    @Test func textShowsBalanceKeyTypeLimitAndRunningTasks() {
        let text = AccountSummary(account: account, queue: queue).text
        #expect(text == """
            Wallet balance:    999.5 CNY
            RH coins:          99999
            API key type:      SHARED
            Account type:      NORMAL
            Concurrency limit: 50 tasks at once
            Tasks running:     1 (2 queued)
            """)
    }

    @Test func nonSharedKeyGetsANoteAboutCode1014() {
        var normal = queue
        normal.apiKeyType = "NORMAL"
        normal.concurrentLimit = 1
        let wallet = AccountStatus(remainCoins: "76600", currentTaskCounts: 0, remainMoney: nil, currency: nil, apiType: "NORMAL")
        let summary = AccountSummary(account: wallet, queue: normal)
        #expect(summary.keyMayBeRefusedForVeo)
        #expect(summary.text.contains("Wallet balance:    not reported (this account has no wallet)"))
        #expect(summary.text.contains("1 task at once"))
        #expect(summary.text.contains("Enterprise-Shared"))
        #expect(summary.text.contains("1014"))
        #expect(!AccountSummary(account: account, queue: queue).keyMayBeRefusedForVeo)
    }

    @Test func jsonIsOneObjectWithExactMoney() throws {
        let json = AccountSummary(account: account, queue: queue).json
        let object = try #require(try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)).objectValue)
        #expect(object["remainMoney"] == .double(999.5))
        #expect(object["currency"] == .string("CNY"))
        #expect(object["remainCoins"] == .string("99999"))
        #expect(object["apiKeyType"] == .string("SHARED"))
        #expect(object["accountType"] == .string("NORMAL"))
        #expect(object["concurrentLimit"] == .int(50))
        #expect(object["runningCount"] == .int(1))
        #expect(object["queuedCount"] == .int(2))
        #expect(json.contains("\"remainMoney\":999.5"))
    }
}
