import Foundation
import VendorData

/// The vendor's Veo 3.1 endpoint table and price list, decoded with the simulator's own types
/// (the simulator never shares code with the client, so a misreading in one shows in the other).
struct VeoCatalog: Sendable {
    let endpoints: [String: EndpointSpec]
    let prices: [String: PriceEntry]

    /// Every endpoint path (after `/openapi/v2/`), sorted.
    var endpointNames: [String] { endpoints.keys.sorted() }

    /// Decodes the vendor registry and price list with the 2026-12 amendments merged in
    /// (`VendorAmendments`, the same merge the client reads): 19 endpoints, two delisted.
    static func load() throws -> VeoCatalog {
        let merged = try VendorAmendments.embedded.get()
        let decoder = JSONDecoder()
        let registry = try decoder.decode(Registry.self, from: Data(merged.registryJSON.utf8))
        let pricing = try decoder.decode(PriceList.self, from: Data(merged.pricingJSON.utf8))
        var endpoints: [String: EndpointSpec] = [:]
        for model in registry.models {
            endpoints[model.endpoint] = EndpointSpec(endpoint: model.endpoint, nameEN: model.name_en, params: model.params,
                                                     delisted: model.delisted != nil)
        }
        var prices: [String: PriceEntry] = [:]
        for entry in pricing.pricing {
            prices[entry.endpoint] = entry
        }
        return VeoCatalog(endpoints: endpoints, prices: prices)
    }

    private struct Registry: Decodable {
        let models: [Model]
    }

    private struct Model: Decodable {
        let endpoint: String
        let name_en: String
        let params: [ParamSpec]
        let delisted: Delisted?
    }

    private struct Delisted: Decodable {
        let note: String
    }

    private struct PriceList: Decodable {
        let pricing: [PriceEntry]
    }
}

/// One Veo endpoint: its path and the body fields it takes.
struct EndpointSpec: Sendable {
    let endpoint: String
    let nameEN: String
    let params: [ParamSpec]
    /// Absent from RunningHub's 2026 catalog: a submit is answered with an error.
    var delisted = false

    func param(_ key: String) -> ParamSpec? { params.first { $0.fieldKey == key } }

    /// `video-extend` endpoints append about 7 s to an existing clip.
    var isExtend: Bool { endpoint.hasSuffix("/video-extend") }

    /// The body a careful client would build from the table: every field with a default, plus a
    /// value for each required field without one. Media fields get the given URL.
    func defaultBody(mediaURL: String) -> [String: SimJSON] {
        var body: [String: SimJSON] = [:]
        for param in params {
            if let value = param.defaultValue {
                body[param.fieldKey] = value
            } else if param.required {
                switch param.kind {
                case .media: body[param.fieldKey] = param.isMultiple ? .array([.string(mediaURL)]) : .string(mediaURL)
                case .string: body[param.fieldKey] = .string("A quiet harbour at dawn, gulls overhead.")
                case .list: body[param.fieldKey] = .string(param.optionValues.first ?? "")
                case .boolean: body[param.fieldKey] = .bool(false)
                case .int: body[param.fieldKey] = .int(1)
                case .other: break
                }
            }
        }
        return body
    }
}

/// One body field of an endpoint, as the vendor table describes it.
struct ParamSpec: Sendable, Decodable {
    let fieldKey: String
    let type: String
    let required: Bool
    let defaultValue: SimJSON?
    let minLength: Int?
    let maxLength: Int?
    let options: [Option]?
    let multipleInputs: Bool?
    let maxInputNum: Int?
    /// A JSON array inside a string, e.g. `"[\"JPG\",\"PNG\"]"`.
    let accept: String?
    /// Megabytes per input file.
    let maxSize: Double?
    let min: Int64?
    let max: Int64?

    struct Option: Sendable, Decodable {
        let value: String
    }

    enum Kind { case string, list, boolean, int, media, other }

    var kind: Kind {
        switch type {
        case "STRING": return .string
        case "LIST": return .list
        case "BOOLEAN": return .boolean
        case "INT": return .int
        case "IMAGE", "VIDEO", "AUDIO": return .media
        default: return .other
        }
    }

    var optionValues: [String] { options?.map(\.value) ?? [] }

    /// An array field (`imageUrls`) rather than a single URL.
    var isMultiple: Bool { multipleInputs == true || (maxInputNum ?? 1) > 1 }

    /// The accepted formats in upper case (`["JPG", "PNG"]`); empty when the table says nothing.
    var acceptedFormats: [String] {
        guard let accept, let data = accept.data(using: .utf8),
            let list = try? JSONDecoder().decode([String].self, from: data)
        else { return [] }
        return list.map { $0.uppercased() }
    }
}

/// One row of the vendor price list.
struct PriceEntry: Sendable, Decodable {
    let endpoint: String
    let currency: String
    /// `/次` (per job) or `/秒` (per second of output).
    let unit: String
    let pricing_type: String
    let depends_on: [String]?
    let rules: [Rule]?
    let price: Double?

    struct Rule: Sendable, Decodable {
        let when: [String: String]
        let price: Double
    }

    /// The price of one job with these (validated) body values, in `currency`, rounded to 0.001.
    func price(for body: [String: SimJSON], spec: EndpointSpec, outputSeconds: Double) -> Double? {
        var base: Double?
        if let price {
            base = price
        } else if let rules {
            let values = Dictionary(
                uniqueKeysWithValues: (depends_on ?? []).map { key in
                    (key, Self.priceKey(body[key] ?? spec.param(key)?.defaultValue))
                })
            base = rules.first { rule in rule.when.allSatisfy { values[$0.key] == $0.value } }?.price
        }
        guard var value = base else { return nil }
        if unit == "/秒" { value *= outputSeconds }
        return (value * 1000).rounded() / 1000
    }

    /// The price list writes every condition as a string: `"8"`, `"true"`.
    private static func priceKey(_ value: SimJSON?) -> String {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default: return ""
        }
    }
}

/// Money as the API writes it: at least two decimals, at most three (`"4.70"`, `"3.024"`).
func formatMoney(_ value: Double) -> String {
    var text = String(format: "%.3f", value)
    if text.hasSuffix("0") { text.removeLast() }
    return text
}
