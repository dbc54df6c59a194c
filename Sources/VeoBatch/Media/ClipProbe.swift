import Foundation

/// What a clip really is, read from the file by `ffprobe` after it is downloaded: the sidecar,
/// `status`, the reports and the editorial export use these figures rather than what was asked.
public struct ClipProbe: Codable, Sendable, Hashable {
    public var durationSeconds: Double
    public var width: Int
    public var height: Int
    /// As ffprobe gives it (`24/1`, `30000/1001`): exact, for timecode.
    public var frameRate: String
    public var hasAudio: Bool
    public var videoCodec: String?

    public init(durationSeconds: Double, width: Int, height: Int, frameRate: String, hasAudio: Bool, videoCodec: String?) {
        self.durationSeconds = durationSeconds
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.hasAudio = hasAudio
        self.videoCodec = videoCodec
    }

    /// Frames per second as a number (`30000/1001` → 29.97); nil when ffprobe had none.
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

    /// Reads `ffprobe -print_format json -show_format -show_streams` output.
    public static func parse(ffprobeJSON data: Data) throws -> ClipProbe {
        struct Output: Decodable {
            struct Stream: Decodable {
                var codec_type: String?
                var codec_name: String?
                var width: Int?
                var height: Int?
                var r_frame_rate: String?
                var avg_frame_rate: String?
                var duration: String?
            }
            struct Format: Decodable { var duration: String? }
            var streams: [Stream]?
            var format: Format?
        }
        let output = try JSONDecoder().decode(Output.self, from: data)
        let streams = output.streams ?? []
        guard let video = streams.first(where: { $0.codec_type == "video" }), let width = video.width, let height = video.height else {
            throw ClipProbeError(reason: "ffprobe found no video stream")
        }
        guard let duration = (output.format?.duration ?? video.duration).flatMap(Double.init) else {
            throw ClipProbeError(reason: "ffprobe gave no duration")
        }
        let rate = [video.r_frame_rate, video.avg_frame_rate].compactMap { $0 }.first { $0 != "0/0" } ?? "0/0"
        return ClipProbe(
            durationSeconds: duration, width: width, height: height, frameRate: rate,
            hasAudio: streams.contains { $0.codec_type == "audio" }, videoCodec: video.codec_name)
    }
}

public struct ClipProbeError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// Runs `ffprobe` on downloaded clips. Without ffprobe every probe is nil, and the first caller
/// is told so once (`missingNotice`).
public struct ClipProber: Sendable {
    public let tool: FFmpegTool?

    public init(tool: FFmpegTool? = FFmpegTool.locate(.ffprobe)) {
        self.tool = tool
    }

    public static let missingNotice =
        "ffprobe was not found (install ffmpeg, or set VEOBATCH_FFPROBE): clips are not probed, so their duration, resolution, frame rate and audio are not checked against the request."

    /// The figures of the clip at `path`, or why there are none. `.toolMissing` is returned
    /// every time; `MissingToolNotice.firstTime` tells whether to say it.
    public func probe(path: String) async -> Result<ClipProbe, ClipProbeError> {
        guard let tool else { return .failure(ClipProbeError(reason: Self.missingNotice)) }
        do {
            let data = try await tool.run(["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path])
            return .success(try ClipProbe.parse(ffprobeJSON: data))
        } catch let error as ClipProbeError {
            return .failure(error)
        } catch {
            return .failure(ClipProbeError(reason: "\(error)"))
        }
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
