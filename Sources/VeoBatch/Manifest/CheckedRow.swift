import Foundation

/// One media value of a row after parsing, waiting for the file checks and job building.
struct PendingMedia: Sendable {
    var column: ManifestColumn
    var columnNumber: Int
    /// The body field it fills; nil when the row's model is unknown (files are still checked).
    var field: EndpointField?
    /// The value as written in the cell (one item of a `reference_images` list), for messages.
    var written: String
    var source: MediaSource
}

/// A row after its values were checked and typed: what the job builder needs.
struct CheckedRow: Sendable {
    var row: ManifestRow
    var endpoint: Endpoint?
    /// Non-media body fields from the manifest, typed for the wire (no defaults yet).
    var parameters: [String: JSONValue] = [:]
    var media: [PendingMedia] = []
    var takes = 1
    var origin = RowOrigin.written
}

/// Whether a checked row is in the manifest as written or was generated from one.
enum RowOrigin: Sendable, Hashable {
    case written
    /// Extension `index` of the `count` that `extend_times` on row `base` asks for (`BASE-extINDEX`).
    case extendTimes(base: String, index: Int, count: Int)
}
