import Foundation

/// What the vendor says about `video-extend` (runninghub-api.md §1.2): each call appends about
/// 7 s to the clip it is given, a clip can be extended at most 20 times, and the longest result is
/// 148 s (an 8 s clip plus 20 × 7 s). Validation checks chains against these numbers before
/// anything is sent, because a refused link would only be found after paying for the ones before.
public enum VideoExtendRules {
    public static let secondsPerExtension = 7.0
    public static let maxExtensions = 20
    public static let maxSeconds = 148.0
    /// Rounding room when comparing clip lengths with `maxSeconds` (the same as the simulator's).
    public static let tolerance = 0.001
    /// The extend `video` input is capped at 10 MB, MP4 (runninghub-api.md section A item 13).
    public static let maxInputMegabytes = 10.0
    public static var maxInputBytes: Int64 { Int64(maxInputMegabytes * 1_048_576) }
    /// A parent's RunningHub result URL is handed to the next link while younger than this
    /// (results live 24 h; the margin covers the time the link waits and runs).
    public static let parentURLMaxAgeSeconds = 20.0 * 3600

    /// Observed size of Veo output: about 0.4 MB per second at 720p ([XP10], [XP15]); the larger
    /// resolutions are scaled by pixel count. An estimate for warnings only, never a refusal.
    public static func estimatedMegabytesPerSecond(resolution: String) -> Double {
        switch resolution.lowercased() {
        case "1080p": return 0.9
        case "4k": return 3.6
        default: return 0.4
        }
    }

    /// What Veo renders when an endpoint has no `duration` field (reference-to-video, Lite
    /// start-end): an 8 s clip.
    public static let defaultClipSeconds = 8.0
}

extension Endpoint {
    /// How long a clip this endpoint renders from these manifest parameters: `duration` as given,
    /// else the field's default, else 8 s. Nil for `video-extend`, whose length depends on its input.
    public func renderedSeconds(parameters: [String: JSONValue]) -> Double? {
        guard kind != .videoExtend else { return nil }
        let value = parameters["duration"] ?? field("duration")?.defaultValue
        switch value {
        case .string(let text)?: return Double(text) ?? VideoExtendRules.defaultClipSeconds
        case .int(let number)?: return Double(number)
        case .double(let number)?: return number
        default: return VideoExtendRules.defaultClipSeconds
        }
    }
}

extension EndpointTable {
    /// The extend endpoint `extend_times` uses when a row names none: the official-stable extend of
    /// the row's own tier (fast → fast, pro → pro). Lite has no extend endpoint, so Lite clips are
    /// extended with fast, the cheaper of the two.
    public func defaultExtend(for endpoint: Endpoint) -> Endpoint? {
        let tier: EndpointTier = endpoint.tier == .pro ? .pro : .fast
        return endpoints.first { $0.kind == .videoExtend && $0.tier == tier && $0.channel == .officialStable }
    }

    /// Every extend endpoint, for hints.
    public var extendEndpoints: [Endpoint] {
        endpoints.filter { $0.kind == .videoExtend }
    }
}
