import ArgumentParser
import Logging
import VeoBatch

/// `veobatch account`: the wallet balance, RH coins, API key type, concurrency limit and tasks
/// running, from accountStatus and queue/status. Exits 5 when the key or account is refused.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Show the balance, API key type, concurrency limit and tasks running on the account.",
        discussion: """
            Exit codes: 0 shown, 2 no usable key or base URL, 5 the key or account was refused, 1 any \
            other failure.

            \(HelpText.environment)
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Print one JSON object instead of text. Default: text.")
    var json = false

    func run() async throws {
        try await runCommand(global.logging) { logger in
            let client = try makeClient(connection: connection, logger: logger)
            async let account = client.accountStatus()
            async let queue = client.queueStatus()
            var summary = AccountSummary(account: try await account, queue: try await queue)
            do {
                summary.keyQuota = try await client.keyQuota()
                if summary.keyQuota == nil { summary.keyQuotaNote = "not shown (GET /openapi/v2/api-key/list does not list this key)" }
            } catch {
                summary.keyQuotaNote = "not available (GET /openapi/v2/api-key/list did not answer: \(error))"
            }
            print(json ? summary.json : summary.text)
        }
    }
}
