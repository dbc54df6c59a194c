import Foundation

/// Where each generic manifest column goes in each endpoint's body. This is the only place that
/// knows; `veobatch models` prints `ColumnMapping.documentation`.
///
/// A column maps to the first candidate field the row's endpoint has (and whose kind condition
/// holds). When none matches, the endpoint does not take that column and a non-empty value is an
/// error. Decisions:
/// - `first_frame` on the low-price image-to-video endpoints (fast and lite) fills `imageUrls`
///   with a single image. What several images mean there is UNCONFIRMED (runninghub-api.md §1.2),
///   so `last_frame` is not accepted on those endpoints; `reference_images` may fill `imageUrls`
///   with 1–3 images instead, and a row may use one of the two columns, not both.
/// - `first_frame` never fills `imageUrls` on reference-to-video: those images are references,
///   not frames; use `reference_images`.
/// - `id`, `model`, `takes` and the `extend_*` columns describe jobs and never enter a body
///   (`extend_*` expands into extra jobs: `ExtendShorthand`).
public enum ColumnMapping {
    /// One possible body field for a column.
    public struct Candidate: Sendable, Hashable {
        public var field: String
        /// The candidate applies only to endpoints of these kinds (nil: any endpoint with the field).
        public var onlyFor: Set<EndpointKind>?

        public init(_ field: String, onlyFor: Set<EndpointKind>? = nil) {
            self.field = field
            self.onlyFor = onlyFor
        }
    }

    /// The table, in column order.
    public static let candidates: [(column: ManifestColumn, fields: [Candidate])] = [
        (.prompt, [Candidate("prompt")]),
        (.negativePrompt, [Candidate("negativePrompt")]),
        (.seed, [Candidate("seed")]),
        (.aspectRatio, [Candidate("aspectRatio")]),
        (.duration, [Candidate("duration")]),
        (.resolution, [Candidate("resolution")]),
        (.generateAudio, [Candidate("generateAudio")]),
        (.firstFrame, [Candidate("imageUrl"), Candidate("firstFrameUrl"), Candidate("firstImageUrl"),
                       Candidate("imageUrls", onlyFor: [.imageToVideo])]),
        (.lastFrame, [Candidate("lastImageUrl"), Candidate("lastFrameUrl")]),
        (.referenceImages, [Candidate("imageUrls")]),
        (.video, [Candidate("video")]),
    ]

    /// The body field `column` fills on `endpoint`, or nil when the endpoint does not take it.
    public static func field(for column: ManifestColumn, on endpoint: Endpoint) -> EndpointField? {
        guard let entry = candidates.first(where: { $0.column == column }) else { return nil }
        for candidate in entry.fields {
            if let kinds = candidate.onlyFor, !kinds.contains(endpoint.kind) { continue }
            if let field = endpoint.field(candidate.field) { return field }
        }
        return nil
    }

    /// The manifest columns that can fill `fieldKey` on `endpoint` (for "needs first_frame" messages).
    public static func columns(filling fieldKey: String, on endpoint: Endpoint) -> [ManifestColumn] {
        candidates.map(\.column).filter { field(for: $0, on: endpoint)?.key == fieldKey }
    }

    /// `first_frame → imageUrl | firstFrameUrl | firstImageUrl | imageUrls (image-to-video only)`, …
    public static var documentation: [(column: String, fields: String)] {
        candidates.map { entry in
            let fields = entry.fields.map { candidate in
                guard let kinds = candidate.onlyFor else { return candidate.field }
                let names = kinds.map(\.rawValue).sorted().joined(separator: ", ")
                return "\(candidate.field) (\(names) only)"
            }
            return (entry.column.name, fields.joined(separator: " | "))
        }
    }
}
