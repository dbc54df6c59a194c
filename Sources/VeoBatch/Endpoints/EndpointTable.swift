import Foundation
import VendorData

/// The Veo 3.1 endpoints this tool can submit to, built once at start-up from the vendor's
/// registry and price list (embedded verbatim in `VendorData`, version noted in `registryVersion`).
///
/// Building it checks the data: an unknown field type, an unparseable `accept` list, an endpoint
/// path that does not name a tier and kind, or a duplicate endpoint is an `EndpointTableError`.
public struct EndpointTable: Sendable {
    /// Endpoints in a stable display order: tier, channel, kind.
    public let endpoints: [Endpoint]
    /// Where the data came from and which version, for `models` and reports.
    public let source: String
    public let registryVersion: String
    public let pricingVersion: String
    /// The 2026-12 corrections applied on top (`VendorAmendments`), or nil for a bare vendor table.
    public let amendmentsVersion: String?

    /// The vendor prompt contract: every Veo prompt is at least 5 characters (runninghub-api.md §1.2).
    public static let promptMinimumLength = 5

    private let byName: [String: Int]

    /// The table from the data compiled into the binary, with the 2026-12 amendments merged in
    /// (the same merge rh-sim reads).
    public static func vendor() throws -> EndpointTable {
        switch VendorAmendments.embedded {
        case .success(let merged):
            return try EndpointTable(registryJSON: merged.registryJSON, pricingJSON: merged.pricingJSON)
        case .failure(let error):
            throw EndpointTableError("the amendments do not apply (\(error.message))")
        }
    }

    public init(registryJSON: String, pricingJSON: String) throws {
        let decoder = JSONDecoder()
        let registry: VendorRegistryDocument
        let pricing: VendorPricingDocument
        do {
            registry = try decoder.decode(VendorRegistryDocument.self, from: Data(registryJSON.utf8))
        } catch {
            throw EndpointTableError("the registry JSON does not decode (\(error))")
        }
        do {
            pricing = try decoder.decode(VendorPricingDocument.self, from: Data(pricingJSON.utf8))
        } catch {
            throw EndpointTableError("the pricing JSON does not decode (\(error))")
        }

        var prices: [String: PriceRule] = [:]
        for entry in pricing.pricing {
            prices[entry.endpoint] = try Self.priceRule(entry)
        }

        var built: [Endpoint] = []
        for model in registry.models {
            built.append(try Self.endpoint(model, price: prices[model.endpoint]))
        }
        built.sort { Self.order($0).lexicographicallyPrecedes(Self.order($1)) }

        var index: [String: Int] = [:]
        for (position, endpoint) in built.enumerated() {
            for name in [endpoint.path, endpoint.docName] {
                if index[name] != nil {
                    throw EndpointTableError("the endpoint name '\(name)' appears twice")
                }
                index[name] = position
            }
        }
        self.endpoints = built
        self.byName = index
        self.source = registry.source ?? "vendor registry"
        self.registryVersion = registry.version ?? "unknown"
        self.pricingVersion = pricing.version ?? "unknown"
        self.amendmentsVersion = registry.amendments_version
    }

    /// Finds an endpoint by doc name (`google/veo3.1-pro/...`) or path (`rhart-video-v3.1-pro/...`),
    /// ignoring surrounding spaces and a leading `/openapi/v2/`.
    public func endpoint(named name: String) -> Endpoint? {
        var key = name.trimmingSpaces()
        if key.hasPrefix("/openapi/v2/") { key.removeFirst("/openapi/v2/".count) }
        return byName[key].map { endpoints[$0] }
    }

    /// Every name `endpoint(named:)` accepts, for "did you mean" hints.
    public var allNames: [String] {
        endpoints.flatMap { [$0.docName, $0.path] }
    }

    // MARK: - Building

    private static func order(_ endpoint: Endpoint) -> [Int] {
        [EndpointTier.allCases.firstIndex(of: endpoint.tier) ?? 0,
         EndpointChannel.allCases.firstIndex(of: endpoint.channel) ?? 0,
         EndpointKind.allCases.firstIndex(of: endpoint.kind) ?? 0]
    }

    private static func endpoint(_ model: VendorRegistryModel, price: PriceRule?) throws -> Endpoint {
        let (tier, channel, kind) = try classify(path: model.endpoint)
        var fields: [EndpointField] = []
        for param in model.params {
            if fields.contains(where: { $0.key == param.fieldKey }) {
                throw EndpointTableError("\(model.endpoint) declares the field '\(param.fieldKey)' twice")
            }
            fields.append(try field(param, endpoint: model.endpoint))
        }
        var endpoint = Endpoint(path: model.endpoint, docName: model.name_en, chineseName: model.name_cn,
                                kind: kind, tier: tier, channel: channel, fields: fields, price: price,
                                producesVideo: (model.output_type ?? "video") == "video")
        endpoint.delisting = model.delisted.map { Endpoint.Delisting(note: $0.note, replacement: $0.replacement) }
        endpoint.catalogListPrice = model.catalog_list_price
        endpoint.notes = model.notes ?? []
        return endpoint
    }

    /// `rhart-video-v3.1-fast-official/image-to-video` → (.fast, .officialStable, .imageToVideo).
    static func classify(path: String) throws -> (EndpointTier, EndpointChannel, EndpointKind) {
        let parts = path.split(separator: "/")
        let prefix = "rhart-video-v3.1-"
        guard parts.count == 2, parts[0].hasPrefix(prefix) else {
            throw EndpointTableError("the endpoint path '\(path)' is not of the form rhart-video-v3.1-TIER[-official]/KIND")
        }
        var family = parts[0].dropFirst(prefix.count)
        var channel = EndpointChannel.lowPrice
        if family.hasSuffix("-official") {
            family = family.dropLast("-official".count)
            channel = .officialStable
        }
        guard let tier = EndpointTier(rawValue: String(family)) else {
            throw EndpointTableError("the endpoint path '\(path)' names an unknown tier '\(family)'")
        }
        guard let kind = EndpointKind(rawValue: String(parts[1])) else {
            throw EndpointTableError("the endpoint path '\(path)' names an unknown kind '\(parts[1])'")
        }
        return (tier, channel, kind)
    }

    private static func field(_ param: VendorRegistryParam, endpoint: String) throws -> EndpointField {
        guard let type = EndpointFieldType(rawValue: param.type) else {
            throw EndpointTableError("\(endpoint) field '\(param.fieldKey)' has the unknown type '\(param.type)'")
        }
        var formats: [String] = []
        var mimeTypes: [String] = []
        if let accept = param.accept {
            guard let list = try? JSONDecoder().decode([String].self, from: Data(accept.utf8)) else {
                throw EndpointTableError("\(endpoint) field '\(param.fieldKey)' has an unreadable accept list \(accept)")
            }
            formats = list
            for format in list {
                guard let mime = EndpointField.mimeType(forFormat: format) else {
                    throw EndpointTableError("\(endpoint) field '\(param.fieldKey)' accepts the unknown format '\(format)'")
                }
                if !mimeTypes.contains(mime) { mimeTypes.append(mime) }
            }
        } else if type == .video {
            formats = ["MP4"]
            mimeTypes = ["video/mp4"]
        }
        let options = param.options?.map(\.value) ?? []
        var defaultValue: JSONValue?
        switch (type, param.defaultValue) {
        case (.list, .string(let value)?):
            guard options.contains(value) else {
                throw EndpointTableError("\(endpoint) field '\(param.fieldKey)' defaults to '\(value)', which is not one of its options")
            }
            defaultValue = .string(value)
        case (.boolean, .bool(let value)?):
            defaultValue = .bool(value)
        case (.int, .int(let value)?):
            defaultValue = .int(value)
        default:
            defaultValue = nil  // STRING defaults are sample prompts; never sent.
        }
        let isList = param.multipleInputs ?? false
        return EndpointField(
            key: param.fieldKey, type: type, isRequired: param.required ?? false, options: options,
            defaultValue: defaultValue,
            minLength: param.minLength ?? (param.fieldKey == "prompt" ? promptMinimumLength : nil),
            maxLength: param.maxLength, minimum: param.min, maximum: param.max,
            acceptedFormats: formats, acceptedMIMETypes: mimeTypes, maxSizeMB: param.maxSize,
            maxInputs: isList ? max(1, param.maxInputNum ?? 1) : 1, isList: isList)
    }

    private static func priceRule(_ entry: VendorPricingEntry) throws -> PriceRule {
        let unit: PriceRule.Unit
        switch entry.unit {
        case "/次": unit = .perJob
        case "/秒": unit = .perSecond
        default: throw EndpointTableError("\(entry.endpoint) is priced in the unknown unit '\(entry.unit)'")
        }
        switch entry.pricing_type {
        case "fixed":
            guard let value = entry.price, let price = PriceFormat.decimal(value) else {
                throw EndpointTableError("\(entry.endpoint) has a fixed price without a price")
            }
            return PriceRule(kind: .fixed(price), unit: unit, currency: entry.currency)
        case "parameter_based":
            guard let rules = entry.rules, !rules.isEmpty else {
                throw EndpointTableError("\(entry.endpoint) has a parameter-based price without rules")
            }
            var cases: [PriceRule.Case] = []
            for rule in rules {
                guard let price = PriceFormat.decimal(rule.price) else {
                    throw EndpointTableError("\(entry.endpoint) has an unreadable price \(rule.price)")
                }
                cases.append(PriceRule.Case(when: rule.when, price: price))
            }
            let dependsOn = entry.depends_on ?? Array(Set(rules.flatMap { $0.when.keys })).sorted()
            return PriceRule(kind: .parameterBased(dependsOn: dependsOn, cases: cases), unit: unit, currency: entry.currency)
        default:
            throw EndpointTableError("\(entry.endpoint) has the unknown pricing type '\(entry.pricing_type)'")
        }
    }
}
