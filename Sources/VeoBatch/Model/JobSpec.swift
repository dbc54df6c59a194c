import Foundation

/// One media field of a request body.
public struct MediaInput: Sendable, Hashable, Codable {
    /// The endpoint's body field, e.g. `firstFrameUrl`, `imageUrls`, `video`.
    public var field: String
    /// True for array fields (`imageUrls`): every input with this field goes into one array, in order.
    public var isList: Bool
    public var source: MediaSource

    public init(field: String, isList: Bool, source: MediaSource) {
        self.field = field
        self.isList = isList
        self.source = source
    }
}

/// One render the run will submit: a manifest row's take, resolved against its endpoint.
/// Validation produces these; the pipeline consumes them.
public struct JobSpec: Sendable, Hashable, Codable {
    /// The manifest row's `id`.
    public var rowID: String
    /// 1-based take number (`takes` column).
    public var take: Int
    /// Endpoint path after `/openapi/v2/`, e.g. `rhart-video-v3.1-pro/start-end-to-video`.
    public var endpoint: String
    /// The non-media body fields, typed as the wire wants them, defaults applied.
    public var parameters: [String: JSONValue]
    /// The media body fields, in manifest order.
    public var media: [MediaInput]
    /// From the embedded price table; nil when the table has no rule for these parameters.
    public var estimatedCost: Decimal?
    /// File stem of the output: `ROW` for take 1, `ROW-take2` for take 2, …
    public var outputName: String
    /// The physical manifest line the row starts on, for messages.
    public var line: Int

    public init(rowID: String, take: Int, endpoint: String, parameters: [String: JSONValue], media: [MediaInput], estimatedCost: Decimal?, outputName: String, line: Int) {
        self.rowID = rowID
        self.take = take
        self.endpoint = endpoint
        self.parameters = parameters
        self.media = media
        self.estimatedCost = estimatedCost
        self.outputName = outputName
        self.line = line
    }

    /// Rows whose output this job needs first.
    public var dependencies: [String] {
        media.compactMap(\.source.rowID)
    }
}
