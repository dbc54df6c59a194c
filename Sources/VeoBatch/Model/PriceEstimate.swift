import Foundation

/// Where an estimate came from. Only price-preview is RunningHub's own price for the exact body;
/// the embedded table is a 2026-04 CNY list that the live catalog has since moved away from (up
/// to 7× for low-price endpoints), so it is always shown as unverified.
public enum EstimateSource: String, Sendable, Hashable, Codable {
    case pricePreview = "price-preview"
    case listPrice = "list-price"
}

/// A job's estimated price, with where it came from.
public struct PriceEstimate: Sendable, Hashable, Codable {
    public var money: Money
    public var source: EstimateSource
    /// Why a list price stands in where a live one was wanted (e.g. price-preview answered 1501).
    public var note: String?

    public init(money: Money, source: EstimateSource, note: String? = nil) {
        self.money = money
        self.source = source
        self.note = note
    }

    /// The embedded table's price (CNY list prices).
    public static func listPrice(_ amount: Decimal?, note: String? = nil) -> PriceEstimate? {
        amount.map { PriceEstimate(money: Money($0, .listPrices), source: .listPrice, note: note) }
    }

    /// `0.58 USD` or `4 CNY (list price, unverified)`.
    public var text: String {
        source == .listPrice ? "\(money) (list price, unverified)" : "\(money)"
    }
}
