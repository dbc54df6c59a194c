import Foundation

/// Live prices: the vendor's CNY list price, converted for a USD account the way runninghub.ai
/// was seen to bill (list ÷ 6.90, rounded to cents: runninghub-api.md §A.2), then multiplied by
/// `--price-scale` so tests can make the live price differ from the embedded table (§A.3).
/// Decimal throughout: the simulator's charges are exact, like the ones a client must add up.
struct SimPricing: Sendable {
    let currency: String
    let scale: Decimal

    /// CNY list price per USD, as observed on two live charges.
    static let cnyPerUSD = Decimal(string: "6.9")!

    func livePrice(listCNY: Double) -> Decimal {
        // The list is read from its shortest text form, so 0.2 is 0.2 and not 0.2000000000000000111.
        let list = Decimal(string: "\(listCNY)", locale: Locale(identifier: "en_US_POSIX")) ?? 0
        if currency == "CNY" { return Self.round(list * scale, places: 3) }
        return Self.round(Self.round(list / Self.cnyPerUSD, places: 2) * scale, places: 2)
    }

    static func round(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    /// Plain decimal text (`0.58`, `1.2`, `0`), as the API writes money.
    static func text(_ value: Decimal) -> String { "\(value)" }
}
