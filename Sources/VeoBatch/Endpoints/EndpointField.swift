import Foundation

/// The wire types the vendor registry uses for body fields.
public enum EndpointFieldType: String, Sendable, Hashable, Codable, CaseIterable {
    case string = "STRING"
    case int = "INT"
    case boolean = "BOOLEAN"
    case list = "LIST"
    case image = "IMAGE"
    case video = "VIDEO"

    /// IMAGE and VIDEO fields take media (a URL on the wire, a file or URL in the manifest).
    public var isMedia: Bool { self == .image || self == .video }
}

/// One body field of an endpoint, as the vendor registry declares it.
public struct EndpointField: Sendable, Hashable {
    /// The body key, e.g. `firstFrameUrl`.
    public var key: String
    public var type: EndpointFieldType
    public var isRequired: Bool
    /// Allowed values of a LIST field, in the vendor's order.
    public var options: [String]
    /// The default the table applies when the manifest leaves the field empty. Only LIST, BOOLEAN
    /// and INT defaults are kept: the registry's STRING defaults are sample prompts for the vendor's
    /// UI and must never be sent on the user's behalf.
    public var defaultValue: JSONValue?
    /// Character limits (prompt: 5 by the vendor contract, maximum from the registry).
    public var minLength: Int?
    public var maxLength: Int?
    /// INT bounds when the registry gives them (only the Lite endpoints do).
    public var minimum: Int64?
    public var maximum: Int64?
    /// Accepted formats as the vendor writes them (`JPG`, `PNG`, `WEBP`, `MP4`).
    public var acceptedFormats: [String]
    /// The same formats as the MIME types libmagic reports, e.g. `image/jpeg`.
    public var acceptedMIMETypes: [String]
    /// Per-file limit in MB (MiB: 1 MB = 1,048,576 bytes, the stricter reading).
    public var maxSizeMB: Double?
    /// How many media inputs the field takes (1 for single fields).
    public var maxInputs: Int
    /// True when the wire value is an array (`imageUrls`).
    public var isList: Bool

    public init(key: String, type: EndpointFieldType, isRequired: Bool, options: [String] = [], defaultValue: JSONValue? = nil,
                minLength: Int? = nil, maxLength: Int? = nil, minimum: Int64? = nil, maximum: Int64? = nil,
                acceptedFormats: [String] = [], acceptedMIMETypes: [String] = [], maxSizeMB: Double? = nil,
                maxInputs: Int = 1, isList: Bool = false) {
        self.key = key
        self.type = type
        self.isRequired = isRequired
        self.options = options
        self.defaultValue = defaultValue
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.acceptedFormats = acceptedFormats
        self.acceptedMIMETypes = acceptedMIMETypes
        self.maxSizeMB = maxSizeMB
        self.maxInputs = maxInputs
        self.isList = isList
    }

    /// The size limit in bytes, if any.
    public var maxSizeBytes: Int64? {
        maxSizeMB.map { Int64(($0 * 1_048_576).rounded(.down)) }
    }

    /// The size limit as the vendor writes it: `10`, `2.5`; "" when there is none.
    public var maxSizeText: String {
        guard let megabytes = maxSizeMB else { return "" }
        return megabytes == megabytes.rounded() ? String(Int(megabytes)) : String(megabytes)
    }

    /// The MIME type for a vendor format name; nil for a format this tool does not know.
    static func mimeType(forFormat format: String) -> String? {
        switch format.uppercased() {
        case "JPG", "JPEG": return "image/jpeg"
        case "PNG": return "image/png"
        case "WEBP": return "image/webp"
        case "MP4": return "video/mp4"
        default: return nil
        }
    }
}
