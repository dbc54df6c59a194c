import Foundation

/// The currency rules of `--max-cost` (product.md §10): a limit without a currency is in the
/// account's; a limit in another currency than the account's is refused before anything is
/// sent; spend in another currency is never converted.
enum MoneyRules {
    static func limit(_ limit: MoneyLimit?, accountCurrency: Currency?) throws -> Money? {
        guard let limit else { return nil }
        guard let currency = limit.currency ?? accountCurrency else {
            throw BatchRunError(
                "--max-cost \(limit) names no currency and the account's could not be read (accountStatus failed). Name it, e.g. --max-cost \(Money.text(limit.amount))USD. Nothing was uploaded or submitted.")
        }
        if let account = accountCurrency, account != currency {
            throw BatchRunError(
                "--max-cost \(limit) is in \(currency.code), but this account is billed in \(account.code) (accountStatus) and its prices come in \(account.code): veobatch never converts between currencies. Give the limit in \(account.code), e.g. --max-cost \(Money.text(limit.amount))\(account.code). Nothing was uploaded or submitted.")
        }
        return Money(limit.amount, currency)
    }

    /// What the ledger already counts, as `total` (the folder's ledger in the limit's currency)
    /// has it. Tasks counted in another currency cannot be added to a limit in this one: the run
    /// refuses rather than guess (exit 2).
    static func counted(_ total: LedgerTotal) throws -> Money {
        let currency = total.spent.currency
        let foreign = total.uncounted.filter { $0.standing != nil }
        guard foreign.isEmpty else {
            let names = foreign.prefix(5).map { "\($0.manifest)/\($0.outputName) (\($0.standing.map { "\($0)" } ?? "-"))" }.joined(separator: ", ")
            throw BatchRunError(
                "--max-cost is in \(currency.code), but \(foreign.count) task(s) of this folder are counted in another currency: \(names). veobatch never converts between currencies; settle or drop the limit. Nothing was uploaded or submitted.")
        }
        return total.spent
    }
}

/// Which manifest a name in the output folder belongs to. The name (the manifest's file stem,
/// or `--name`) is held by the first manifest file that used it, for as long as that file
/// exists: a second manifest with the same stem from another folder is refused (exit 2) with
/// both paths and the way out, so two manifests never replace each other's jobs. A holder that
/// no longer exists (the manifest was moved) passes the name on.
enum ManifestName {
    static func check(_ name: String, path: String, journal: Journal, outputDirectory: String) throws {
        guard let holder = try journal.manifestNameHolder(name), holder != path, FileManager.default.fileExists(atPath: holder) else { return }
        throw BatchRunError(
            "\(path) and \(holder) both want the name \"\(name)\" in \(outputDirectory): their jobs would replace each other. Give this one its own name with --name NAME (its clips and reports then go to \(outputDirectory)/NAME/), or use another --out. Nothing was uploaded or submitted.")
    }
}
