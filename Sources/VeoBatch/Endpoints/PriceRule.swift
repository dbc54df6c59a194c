import Foundation

/// How the vendor price list prices one endpoint (veo31-pricing.json, a guide, not the bill).
public struct PriceRule: Sendable, Hashable {
    /// Per job (`/次`) or per second of output (`/秒`, the Lite official text/image-to-video).
    public enum Unit: String, Sendable, Hashable, Codable {
        case perJob = "job"
        case perSecond = "second"
    }

    /// One row of a parameter-based price: applies when every `when` value matches the body.
    public struct Case: Sendable, Hashable {
        /// Body field → value as the price list writes it (`"8"`, `"true"`).
        public var when: [String: String]
        public var price: Decimal
    }

    public enum Kind: Sendable, Hashable {
        case fixed(Decimal)
        case parameterBased(dependsOn: [String], cases: [Case])
    }

    public var kind: Kind
    public var unit: Unit
    public var currency: String

    public init(kind: Kind, unit: Unit, currency: String) {
        self.kind = kind
        self.unit = unit
        self.currency = currency
    }

    /// The estimated price of one job with these body parameters (defaults already applied), or nil
    /// when no rule matches (or a per-second price has no `duration`).
    public func estimatedPrice(parameters: [String: JSONValue]) -> Decimal? {
        let base: Decimal
        switch kind {
        case .fixed(let price):
            base = price
        case .parameterBased(_, let cases):
            guard let match = cases.first(where: { Self.matches($0.when, parameters) }) else { return nil }
            base = match.price
        }
        switch unit {
        case .perJob:
            return base
        case .perSecond:
            guard let seconds = parameters["duration"].flatMap(Self.priceListText).flatMap({ Decimal(string: $0) }) else {
                return nil
            }
            return base * seconds
        }
    }

    private static func matches(_ when: [String: String], _ parameters: [String: JSONValue]) -> Bool {
        when.allSatisfy { key, expected in
            guard let value = parameters[key], let text = priceListText(value) else { return false }
            return text.caseInsensitiveCompare(expected) == .orderedSame
        }
    }

    /// A body value written the way the price list writes it: `true`, `8`, `720p`.
    static func priceListText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        default: return nil
        }
    }

    /// A human summary: `6.56 CNY/job`, or `duration=8, generateAudio=true: 18.80 CNY/job; …`.
    public var summary: String {
        let unitText = "\(currency)/\(unit.rawValue)"
        switch kind {
        case .fixed(let price):
            return "\(PriceFormat.format(price)) \(unitText)"
        case .parameterBased(let dependsOn, let cases):
            let parts = cases.map { rule in
                let condition = dependsOn.compactMap { key in rule.when[key].map { "\(key)=\($0)" } }.joined(separator: ", ")
                return "\(condition): \(PriceFormat.format(rule.price))"
            }
            return parts.joined(separator: "; ") + " \(unitText)"
        }
    }
}

/// Prices as the vendor's price list writes them: decimal, at least two places (`18.80`, `0.504`).
public enum PriceFormat {
    public static func format(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 6, .plain)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let places = text.distance(from: dot, to: text.endIndex) - 1
        return places >= 2 ? text : text + String(repeating: "0", count: 2 - places)
    }

    /// For JSON output, where scripts want numbers; prices are short decimals, so a Double is exact enough.
    public static func jsonNumber(_ amount: Decimal) -> Double {
        NSDecimalNumber(decimal: amount).doubleValue
    }

    /// A price-list number (decoded as Double) as an exact Decimal: `4.7` → 4.7, never 4.7000000000000002.
    static func decimal(_ value: Double) -> Decimal? {
        Decimal(string: String(value))
    }
}
