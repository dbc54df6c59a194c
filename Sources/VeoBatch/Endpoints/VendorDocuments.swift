import Foundation

// The shapes of the vendor's two JSON files (`veo31-registry.json`, `veo31-pricing.json`), decoded
// as they are. `EndpointTable` turns them into checked `Endpoint` values; nothing else reads these.

struct VendorRegistryDocument: Decodable {
    var source: String?
    var version: String?
    /// Set when `VendorAmendments` merged the 2026-12 corrections in.
    var amendments_version: String?
    var models: [VendorRegistryModel]
}

struct VendorRegistryModel: Decodable {
    var name_cn: String?
    var name_en: String
    var endpoint: String
    var output_type: String?
    var params: [VendorRegistryParam]
    /// Amendments: marked delisted from RunningHub's catalog, with a replacement to use.
    var delisted: VendorDelisting?
    /// Amendments: the catalog's 2026-06 headline list price, as text (`"1.5"`, `"0.32 per second"`).
    var catalog_list_price: String?
    /// Amendments: what else the catalog says about this endpoint.
    var notes: [String]?
    var price_related: [String]?
}

struct VendorDelisting: Decodable {
    var note: String
    var replacement: String?
}

struct VendorRegistryParam: Decodable {
    var fieldKey: String
    var type: String
    var required: Bool?
    var defaultValue: JSONValue?
    var minLength: Int?
    var maxLength: Int?
    var min: Int64?
    var max: Int64?
    var options: [VendorRegistryOption]?
    var multipleInputs: Bool?
    var maxInputNum: Int?
    /// A JSON array inside a string, e.g. `"[\"JPG\",\"PNG\"]"`.
    var accept: String?
    /// Megabytes per input file.
    var maxSize: Double?
}

struct VendorRegistryOption: Decodable {
    var value: String
}

struct VendorPricingDocument: Decodable {
    var source: String?
    var version: String?
    var pricing: [VendorPricingEntry]
}

struct VendorPricingEntry: Decodable {
    var endpoint: String
    var currency: String
    /// `/次` per job or `/秒` per second of output.
    var unit: String
    var pricing_type: String
    var price: Double?
    var depends_on: [String]?
    var rules: [VendorPricingRule]?
}

struct VendorPricingRule: Decodable {
    var when: [String: String]
    var price: Double
}
