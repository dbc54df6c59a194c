import Foundation

/// The one place the 2026-12 amendments (`amendmentsJSON`) are applied to the vendor registry and
/// price list. The client's `EndpointTable` and the simulator's `VeoCatalog` both decode the merged
/// JSON, so `models`, validation, scan, the request builder and rh-sim see the same endpoints; each
/// still decodes with its own types.
///
/// What the merge does (runninghub-api.md section A, items 10–12):
/// - `added_endpoints` join the registry; a numeric `list_price_cny` becomes a fixed per-job price.
/// - `changed_fields`: `add_param` adds (or replaces) a field; `prompt_minLength` and `seed_range`
///   apply to every endpoint whose path starts with a prefix named as `rhart-video-v3.1-NAME*` in
///   the entry's `endpoints` text, the seed range only where the registry gives none; notes are kept.
/// - `delisted_endpoints` stay in the table, marked `delisted` with the note and a replacement (the
///   official-stable endpoint of the same tier and kind), because the user may still insist.
/// - `list_prices_cny_2026_06` is recorded per endpoint as `catalog_list_price` text. Existing table
///   prices are NOT replaced: the catalog gives one headline figure per endpoint, not the
///   per-parameter rules, and every table price is an unverified CNY estimate either way.
public enum VendorAmendments {
    /// The merged registry and price list as JSON text, plus the amendments' version.
    public struct Merged: Sendable {
        public let registryJSON: String
        public let pricingJSON: String
        public let version: String
    }

    /// The amended table built from the embedded files. Computed once.
    public static let embedded: Result<Merged, MergeError> = Result {
        try merge(registryJSON: VendorData.registryJSON, pricingJSON: VendorData.pricingJSON,
                  amendmentsJSON: VendorData.amendmentsJSON)
    }.mapError { $0 as? MergeError ?? MergeError(message: "\($0)") }

    public struct MergeError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static func merge(registryJSON: String, pricingJSON: String, amendmentsJSON: String) throws -> Merged {
        var registry = try object(registryJSON, "the registry")
        var pricing = try object(pricingJSON, "the price list")
        let amendments = try object(amendmentsJSON, "the amendments")
        guard var models = registry["models"] as? [[String: Any]], var prices = pricing["pricing"] as? [[String: Any]] else {
            throw MergeError(message: "the registry or price list has no models/pricing array")
        }
        let version = amendments["version"] as? String ?? "unknown amendments"

        for added in amendments["added_endpoints"] as? [[String: Any]] ?? [] {
            guard let path = added["endpoint"] as? String else { throw MergeError(message: "an added endpoint has no path") }
            models.removeAll { $0["endpoint"] as? String == path }
            var model = added
            model.removeValue(forKey: "list_price_cny")
            model["amended_by"] = version
            models.append(model)
            if let price = number(added["list_price_cny"]), !prices.contains(where: { $0["endpoint"] as? String == path }) {
                prices.append(["endpoint": path, "name_en": added["name_en"] ?? path, "currency": "CNY", "unit": "/次",
                               "pricing_type": "fixed", "price": price, "source": "catalog list price, \(version)"])
            }
        }

        for change in amendments["changed_fields"] as? [[String: Any]] ?? [] {
            let note = change["note"] as? String
            if let path = change["endpoint"] as? String {
                guard let index = models.firstIndex(where: { $0["endpoint"] as? String == path }) else {
                    throw MergeError(message: "the amendments change the unknown endpoint \(path)")
                }
                if let param = change["add_param"] as? [String: Any], let key = param["fieldKey"] as? String {
                    var params = models[index]["params"] as? [[String: Any]] ?? []
                    if let at = params.firstIndex(where: { $0["fieldKey"] as? String == key }) {
                        params[at] = param
                    } else {
                        params.append(param)
                    }
                    models[index]["params"] = params
                }
                if let related = change["price_related"] as? [String] {
                    models[index]["price_related"] = related
                }
                if let note { models[index]["notes"] = (models[index]["notes"] as? [String] ?? []) + [note] }
            }
            guard let text = change["endpoints"] as? String else { continue }
            let prefixes = prefixes(in: text)
            guard !prefixes.isEmpty else { throw MergeError(message: "the amendment '\(text)' names no endpoint prefix") }
            for index in models.indices {
                guard let path = models[index]["endpoint"] as? String, prefixes.contains(where: { path.hasPrefix($0) }) else { continue }
                var params = models[index]["params"] as? [[String: Any]] ?? []
                for at in params.indices {
                    let key = params[at]["fieldKey"] as? String
                    if key == "prompt", let minimum = number(change["prompt_minLength"]) {
                        params[at]["minLength"] = Int(minimum)
                    }
                    if key == "seed", let range = change["seed_range"] as? [Any], range.count == 2,
                       params[at]["min"] == nil, params[at]["max"] == nil,
                       let low = number(range[0]), let high = number(range[1]) {
                        params[at]["min"] = Int64(low)
                        params[at]["max"] = Int64(high)
                    }
                }
                models[index]["params"] = params
            }
        }

        for delisted in amendments["delisted_endpoints"] as? [[String: Any]] ?? [] {
            guard let path = delisted["endpoint"] as? String,
                  let index = models.firstIndex(where: { $0["endpoint"] as? String == path }) else {
                throw MergeError(message: "the amendments delist an unknown endpoint")
            }
            var mark: [String: Any] = ["note": delisted["note"] as? String ?? "delisted"]
            if let replacement = replacement(for: path, among: models) { mark["replacement"] = replacement }
            models[index]["delisted"] = mark
        }

        if let list = amendments["list_prices_cny_2026_06"] as? [String: Any] {
            for index in models.indices {
                guard let path = models[index]["endpoint"] as? String, let value = list[path] else { continue }
                if let text = value as? String {
                    models[index]["catalog_list_price"] = text
                } else if let amount = number(value) {
                    models[index]["catalog_list_price"] = String(amount)
                }
            }
        }

        registry["models"] = models
        registry["amendments_version"] = version
        pricing["pricing"] = prices
        pricing["amendments_version"] = version
        return Merged(registryJSON: try text(registry), pricingJSON: try text(pricing), version: version)
    }

    /// `rhart-video-v3.1-lite/text-to-video` → `rhart-video-v3.1-lite-official/text-to-video`.
    static func replacement(for path: String, among models: [[String: Any]]) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count == 2, !parts[0].hasSuffix("-official") else { return nil }
        let candidate = "\(parts[0])-official/\(parts[1])"
        return models.contains { $0["endpoint"] as? String == candidate } ? candidate : nil
    }

    /// `"every rhart-video-v3.1-fast*, rhart-video-v3.1-pro* endpoint"` → the two prefixes.
    static func prefixes(in text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "*") })
            .filter { $0.hasPrefix("rhart-video-") && $0.hasSuffix("*") }
            .map { String($0.dropLast()) }
    }

    /// A JSON number (never a JSON boolean, which Foundation may also hand over as an NSNumber).
    private static func number(_ value: Any?) -> Double? {
        guard let value, type(of: value) != Bool.self, let number = value as? NSNumber else { return nil }
        #if canImport(Darwin)
        if CFGetTypeID(number) == CFBooleanGetTypeID() { return nil }
        #endif
        return number.doubleValue
    }

    private static func object(_ json: String, _ what: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw MergeError(message: "\(what) JSON does not decode to an object")
        }
        return object
    }

    private static func text(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
