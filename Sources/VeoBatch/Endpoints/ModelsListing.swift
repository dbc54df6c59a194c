import Foundation

/// `veobatch models` as data: every endpoint with its fields and prices, and the column mapping.
/// The CLI prints `text` or `jsonString`; tests read the values.
public struct ModelsListing: Codable, Sendable {
    public struct Field: Codable, Sendable, Hashable {
        public var key: String
        public var type: String
        public var required: Bool
        public var options: [String]?
        public var defaultValue: JSONValue?
        public var minLength: Int?
        public var maxLength: Int?
        public var minimum: Int64?
        public var maximum: Int64?
        public var accept: [String]?
        public var maxSizeMB: Double?
        public var maxInputs: Int?
        public var isList: Bool
        /// The manifest columns that fill this field on this endpoint.
        public var columns: [String]
    }

    public struct PriceCase: Codable, Sendable, Hashable {
        public var when: [String: String]
        public var price: Double
    }

    public struct Price: Codable, Sendable, Hashable {
        /// `fixed` or `parameter_based`.
        public var type: String
        public var currency: String
        /// `job` or `second`.
        public var unit: String
        public var price: Double?
        public var dependsOn: [String]?
        public var rules: [PriceCase]?
        public var summary: String
    }

    public struct Model: Codable, Sendable, Hashable {
        public var docName: String
        public var path: String
        public var kind: String
        public var tier: String
        public var channel: String
        public var fields: [Field]
        public var price: Price?
        /// Why RunningHub's catalog no longer lists the endpoint; nil while it is listed.
        public var delisted: String?
        /// The endpoint to use instead of a delisted one.
        public var replacement: String?
        /// The catalog's 2026-06 headline list price in CNY, as text; nil when none is known.
        public var catalogListPrice: String?
        public var notes: [String]?
    }

    public struct Mapping: Codable, Sendable, Hashable {
        public var column: String
        public var fields: String
    }

    public var source: String
    public var registryVersion: String
    public var pricingVersion: String
    public var amendmentsVersion: String?
    public var endpoints: [Model]
    public var columnMapping: [Mapping]

    public init(table: EndpointTable) {
        source = table.source
        registryVersion = table.registryVersion
        pricingVersion = table.pricingVersion
        amendmentsVersion = table.amendmentsVersion
        endpoints = table.endpoints.map(Self.model)
        columnMapping = ColumnMapping.documentation.map { Mapping(column: $0.column, fields: $0.fields) }
    }

    private static func model(_ endpoint: Endpoint) -> Model {
        let fields = endpoint.fields.map { field in
            Field(key: field.key, type: field.type.rawValue, required: field.isRequired,
                  options: field.options.isEmpty ? nil : field.options, defaultValue: field.defaultValue,
                  minLength: field.minLength, maxLength: field.maxLength, minimum: field.minimum, maximum: field.maximum,
                  accept: field.acceptedFormats.isEmpty ? nil : field.acceptedFormats, maxSizeMB: field.maxSizeMB,
                  maxInputs: field.type.isMedia ? field.maxInputs : nil, isList: field.isList,
                  columns: ColumnMapping.columns(filling: field.key, on: endpoint).map(\.name))
        }
        return Model(docName: endpoint.docName, path: endpoint.path, kind: endpoint.kind.rawValue,
                     tier: endpoint.tier.rawValue, channel: endpoint.channel.rawValue, fields: fields,
                     price: endpoint.price.map(price), delisted: endpoint.delisting?.note,
                     replacement: endpoint.delisting?.replacement, catalogListPrice: endpoint.catalogListPrice,
                     notes: endpoint.notes.isEmpty ? nil : endpoint.notes)
    }

    private static func price(_ rule: PriceRule) -> Price {
        switch rule.kind {
        case .fixed(let amount):
            return Price(type: "fixed", currency: rule.currency, unit: rule.unit.rawValue, price: PriceFormat.jsonNumber(amount),
                         dependsOn: nil, rules: nil, summary: rule.summary)
        case .parameterBased(let dependsOn, let cases):
            return Price(type: "parameter_based", currency: rule.currency, unit: rule.unit.rawValue, price: nil,
                         dependsOn: dependsOn, rules: cases.map { PriceCase(when: $0.when, price: PriceFormat.jsonNumber($0.price)) },
                         summary: rule.summary)
        }
    }

    public var jsonString: String { Self.prettyPrinted(self) }

    /// Pretty JSON with sorted keys, so command output is stable from run to run.
    static func prettyPrinted<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A readable listing: one block per endpoint, then the column mapping.
    public var text: String {
        let amended = amendmentsVersion.map { ", \($0)" } ?? ""
        var lines: [String] = ["Veo 3.1 endpoints (\(source), registry \(registryVersion), prices \(pricingVersion)\(amended); prices are a guide, not the bill)", ""]
        for model in endpoints {
            lines.append(model.delisted == nil ? model.docName : model.docName + "  [DELISTED]")
            lines.append("  path    \(model.path)  (\(model.tier), \(model.channel), \(model.kind))")
            if let note = model.delisted {
                let instead = model.replacement.map { "; use \($0) instead" } ?? ""
                lines.append("  delisted: \(note)\(instead) (it still runs if you insist)")
            }
            if let price = model.price { lines.append("  price   \(price.summary)") }
            if let list = model.catalogListPrice {
                let text = list.contains(" per second") ? list.replacingOccurrences(of: " per second", with: " CNY/second") : list + " CNY/job"
                lines.append("  catalog list price 2026-06 (cheapest combination): \(text)")
            }
            for note in model.notes ?? [] { lines.append("  note    \(note)") }
            for (index, field) in model.fields.enumerated() {
                let label = index == 0 ? "  fields  " : "          "
                let column = field.columns.isEmpty ? "" : "  ← \(field.columns.joined(separator: " | "))"
                lines.append(label + pad(field.key, 15) + pad(field.type, 8) + pad(field.required ? "required" : "optional", 9)
                             + Self.constraints(field) + column)
            }
            lines.append("")
        }
        lines.append("Manifest column → body field (the first field the endpoint has):")
        for mapping in columnMapping {
            lines.append("  " + pad(mapping.column, 17) + mapping.fields)
        }
        let delisted = endpoints.filter { $0.delisted != nil }.count
        lines.append("\(endpoints.count) endpoints, \(delisted) delisted.")
        lines.append("id, model, takes, extend_times, extend_model and extend_prompt describe jobs and never enter a body")
        lines.append("(manifests/README.md: takes, chains of extends and the extend_times shorthand).")
        return lines.joined(separator: "\n")
    }

    private static func constraints(_ field: Field) -> String {
        var parts: [String] = []
        if let options = field.options { parts.append(options.joined(separator: "|")) }
        if let value = field.defaultValue { parts.append("[default \(value.canonicalString)]") }
        if field.minLength != nil || field.maxLength != nil {
            parts.append("\(field.minLength ?? 0)–\(field.maxLength.map(String.init) ?? "…") chars")
        }
        if field.minimum != nil || field.maximum != nil {
            parts.append("\(field.minimum.map(String.init) ?? "…")…\(field.maximum.map(String.init) ?? "…")")
        }
        if let accept = field.accept { parts.append(accept.joined(separator: "/")) }
        if let size = field.maxSizeMB { parts.append("≤\(size == size.rounded() ? String(Int(size)) : String(size)) MB") }
        if let inputs = field.maxInputs, field.isList { parts.append("up to \(inputs) files") }
        return parts.joined(separator: " ")
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
