import Foundation
import MediaWorkerProtocol
import Synchronization

/// What a clip really is, read from the file by the media worker after it is downloaded: the
/// sidecar, `status`, the reports and the editorial export use these figures rather than what was
/// asked. The worker's answer type itself (shared with `veobatch-media`), so there is one shape;
/// its fields are spelled as ffprobe prints them, as journals written before the worker hold them.
public typealias ClipProbe = MediaProbe

extension MediaProbe {
    /// Frames per second as a number (`30000/1001` → 29.97); nil when the clip had no rate.
    public var framesPerSecond: Double? {
        let parts = frameRate.split(separator: "/").compactMap { Double($0) }
        if parts.count == 2, parts[1] > 0, parts[0] > 0 { return parts[0] / parts[1] }
        if parts.count == 1, parts[0] > 0 { return parts[0] }
        return nil
    }

    /// `6.0 s · 1280×720 · 24 fps · audio`.
    public var summary: String {
        let fps = framesPerSecond.map { ProbeText.number($0) + " fps" } ?? "? fps"
        return "\(ProbeText.number(durationSeconds)) s · \(width)×\(height) · \(fps) · \(hasAudio ? "audio" : "no audio")"
    }
}

public struct ClipProbeError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// Probes downloaded clips through the media worker. Without the worker every probe fails with
/// `missingNotice`, which the first caller says once (`firstMissing`).
public struct ClipProber: Sendable {
    public let worker: MediaWorker?

    public init(worker: MediaWorker? = MediaWorker.shared) {
        self.worker = worker
    }

    public static let missingNotice =
        "veobatch-media was not found (install it beside veobatch, or set VEOBATCH_MEDIA_WORKER): clips are not probed, so their duration, resolution, frame rate and audio are not checked against the request."

    private static let said = Mutex(false)

    /// True the first time it is asked in this process: the notice is worth one line, not one per clip.
    static func firstMissing() -> Bool {
        said.withLock { said in
            defer { said = true }
            return !said
        }
    }

    /// The figures of the clip at `path`, or why there are none. With `filmstrip`, the worker
    /// also draws the clip's filmstrip there in the same exchange; a picture that fails is left
    /// for the report, which tries again and says what is missing.
    public func probe(path: String, filmstrip: String? = nil) async -> Result<ClipProbe, ClipProbeError> {
        guard let worker else { return .failure(ClipProbeError(reason: Self.missingNotice)) }
        let figures = if let filmstrip { await worker.inspect(path: path, filmstrip: filmstrip) } else { await worker.probe(path: path) }
        return figures.mapError { ClipProbeError(reason: $0.reason) }
    }
}

enum ProbeText {
    /// `6`, `6.04`, `29.97`: at most two decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
