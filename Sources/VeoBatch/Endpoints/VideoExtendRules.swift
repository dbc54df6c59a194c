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
