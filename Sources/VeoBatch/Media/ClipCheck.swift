import Foundation

/// One way a clip differs from what its request asked for. The low-price channels are documented
/// as unstable, so a clip is checked, never trusted; a mismatch is flagged in `status`, the run
/// summary and the reports, and the clip is kept (nothing is rendered again by itself).
public struct ClipMismatch: Codable, Sendable, Hashable, CustomStringConvertible {
    /// `duration`, `resolution` or `audio`.
    public var field: String
    public var expected: String
    public var actual: String

    public var description: String { "\(field) \(actual), asked \(expected)" }
}

/// Compares a probe with the request as sent (falling back to the endpoint's defaults for
/// fields the request left out). Fields an endpoint does not have are not checked: video-extend
/// has no duration, low-price channels have no resolution or audio switch.
public enum ClipCheck {
    /// A clip may be this much longer or shorter than asked (container rounding, a last frame).
    public static let durationTolerance = 0.5

    public static func mismatches(probe: ClipProbe, endpoint: String, requestBody: JSONValue?) -> [ClipMismatch] {
        let definition = table?.endpoint(named: endpoint)
        func requested(_ key: String) -> JSONValue? {
            if case .object(let fields)? = requestBody, let value = fields[key] { return value }
            return definition?.field(key)?.defaultValue
        }
        var found: [ClipMismatch] = []
        if let seconds = requested("duration").flatMap(Self.number), abs(probe.durationSeconds - seconds) > durationTolerance {
            found.append(ClipMismatch(field: "duration", expected: "\(ProbeText.number(seconds)) s", actual: "\(ProbeText.number(probe.durationSeconds)) s"))
        }
        if case .string(let resolution)? = requested("resolution"), let lines = shortSide(resolution) {
            let actual = min(probe.width, probe.height)
            if abs(actual - lines) > 8 {
                found.append(ClipMismatch(field: "resolution", expected: resolution, actual: "\(probe.width)×\(probe.height)"))
            }
        }
        if case .bool(let audio)? = requested("generateAudio"), audio != probe.hasAudio {
            found.append(ClipMismatch(field: "audio", expected: audio ? "with audio" : "silent", actual: probe.hasAudio ? "has audio" : "no audio"))
        }
        return found
    }

    /// The length a request asks for: its `duration` field, else the endpoint's default; nil on
    /// endpoints without one (video-extend adds 7 s to whatever it is given).
    public static func requestedSeconds(endpoint: String, requestBody: JSONValue?) -> Double? {
        if case .object(let fields)? = requestBody, let value = fields["duration"] { return number(value) }
        return table?.endpoint(named: endpoint)?.field("duration")?.defaultValue.flatMap(number)
    }

    /// `720p` → 720, `1080p` → 1080, `4k` → 2160 lines on the short side (portrait or landscape).
    static func shortSide(_ resolution: String) -> Int? {
        switch resolution.lowercased() {
        case "720p": return 720
        case "1080p": return 1080
        case "4k", "2160p": return 2160
        default: return nil
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        case .string(let text):
            // `8`, `8s` or ` 8 s`: the unit is dropped only when it is there (most bodies send `8`).
            let trimmed = text.trimmingSpaces()
            return Double(trimmed.utf8.contains(UInt8(ascii: "s")) ? trimmed.replacingOccurrences(of: "s", with: "") : trimmed)
        default: return nil
        }
    }

    private static let table: EndpointTable? = try? EndpointTable.vendor()
}
