import Foundation

/// One media value of a row after parsing, waiting for the file checks and job building.
struct PendingMedia: Sendable {
    var column: ManifestColumn
    var columnNumber: Int
    /// The body field it fills; nil when the row's model is unknown (files are still checked).
    var field: EndpointField?
    var reference: MediaReference
}

/// A row after its values were checked and typed: what the job builder needs.
struct CheckedRow: Sendable {
    var row: ManifestRow
    var endpoint: Endpoint?
    /// Non-media body fields from the manifest, typed for the wire (no defaults yet).
    var parameters: [String: JSONValue] = [:]
    var media: [PendingMedia] = []
    var takes = 1
}
