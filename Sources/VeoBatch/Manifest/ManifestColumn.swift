import Foundation

/// The columns a manifest may have (product.md §3). Any other header name is an error unless it
/// starts with `x_` or `note`, which are carried through to the report untouched.
public enum ManifestColumn: String, Sendable, Hashable, Codable, CaseIterable {
    case id
    case model
    case prompt
    case negativePrompt = "negative_prompt"
    case seed
    case aspectRatio = "aspect_ratio"
    case duration
    case resolution
    case generateAudio = "generate_audio"
    case firstFrame = "first_frame"
    case lastFrame = "last_frame"
    case referenceImages = "reference_images"
    case video
    case takes
    /// Shorthand for a chain of extends: the row renders, then N extend jobs follow (`ROW-ext1` …).
    case extendTimes = "extend_times"
    /// The extend endpoint of that chain (default: the official extend of the row's tier).
    case extendModel = "extend_model"
    /// The prompt of each extension (default: the row's prompt).
    case extendPrompt = "extend_prompt"

    /// The header name.
    public var name: String { rawValue }

    /// Columns every manifest must have.
    public static let required: [ManifestColumn] = [.id, .model]

    /// Columns whose value is free text: kept verbatim (other values are trimmed of spaces and tabs).
    public var isFreeText: Bool { self == .prompt || self == .negativePrompt || self == .extendPrompt }

    /// Columns that name media (files, URLs, `@ROW`).
    public var isMedia: Bool {
        switch self {
        case .firstFrame, .lastFrame, .referenceImages, .video: return true
        default: return false
        }
    }

    /// True for a header name that is carried through untouched (`x_*`, `note*`).
    public static func isCarried(_ name: String) -> Bool {
        name.hasPrefix("x_") || name.hasPrefix("note")
    }
}
