import Foundation

/// What scanning needs to know about each Veo 3.1 endpoint: which inputs it takes, which file
/// types and how many bytes.
///
/// Derived from the embedded endpoint table (`EndpointTable.vendor()`) and the one column mapping
/// (`ColumnMapping`), so scanning and validation can never disagree about an endpoint.
public struct ScanEndpointFacts: Sendable, Hashable {
    /// The generic manifest inputs an endpoint takes.
    public enum Input: Sendable, Hashable {
        case firstFrame, lastFrame, referenceImages, video
    }

    /// Endpoint path, e.g. `rhart-video-v3.1-fast/start-end-to-video`.
    public var path: String
    /// The vendor's doc name, e.g. `google/veo3.1-fast/start-end-to-video-channel-low-price`.
    public var docName: String
    public var inputs: Set<Input>
    /// MIME types the image fields accept (`JPG`/`JPEG` → image/jpeg, `PNG`, `WEBP`).
    public var imageTypes: Set<String>
    public var maxImageBytes: Int64
    /// MIME types the video field accepts (`MP4` → video/mp4).
    public var videoTypes: Set<String>
    public var maxVideoBytes: Int64
    public var maxReferenceImages: Int
    /// Whether the endpoint has an `aspectRatio` field (video-extend and reference-to-video do not).
    public var takesAspectRatio: Bool
    /// The values of the endpoint's `resolution` field (empty when it has none).
    public var resolutions: [String] = []

    /// Looks an endpoint up by path or doc name, case-insensitively; nil when it is not a Veo 3.1 endpoint.
    public static func named(_ model: String) -> ScanEndpointFacts? {
        let key = model.trimmingSpaces().lowercased()
        return all.first { $0.path == key || $0.docName.lowercased() == key }
    }

    /// Every Veo 3.1 endpoint of the embedded table (empty only if the embedded table is broken,
    /// which the endpoint tests rule out).
    public static let all: [ScanEndpointFacts] = ((try? EndpointTable.vendor())?.endpoints ?? []).map(ScanEndpointFacts.init)
}

extension ScanEndpointFacts {
    /// What scanning needs of one endpoint of the table.
    init(_ endpoint: Endpoint) {
        let columns: [(ManifestColumn, Input)] = [
            (.firstFrame, .firstFrame), (.lastFrame, .lastFrame), (.referenceImages, .referenceImages), (.video, .video),
        ]
        let taken = columns.compactMap { column, input in ColumnMapping.field(for: column, on: endpoint).map { (input, $0) } }
        let images = endpoint.fields.filter { $0.type == .image }
        let videos = endpoint.fields.filter { $0.type == .video }
        self.init(
            path: endpoint.path, docName: endpoint.docName, inputs: Set(taken.map(\.0)),
            imageTypes: Set(images.flatMap(\.acceptedMIMETypes)), maxImageBytes: images.compactMap(\.maxSizeBytes).max() ?? 0,
            videoTypes: Set(videos.flatMap(\.acceptedMIMETypes)), maxVideoBytes: videos.compactMap(\.maxSizeBytes).max() ?? 0,
            maxReferenceImages: taken.first { $0.0 == .referenceImages }?.1.maxInputs ?? 0,
            takesAspectRatio: endpoint.field("aspectRatio") != nil, resolutions: endpoint.field("resolution")?.options ?? [])
    }
}
