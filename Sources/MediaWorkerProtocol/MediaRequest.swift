/// What veobatch asks `veobatch-media`: one JSON object on one line of its standard input, one
/// request at a time; the worker answers each with one `MediaAnswer` line before reading the next.
///
/// This target is all that veobatch and the worker share, so the worker never links VeoBatch
/// (and VeoBatch never links FFmpeg).
public struct MediaRequest: Codable, Sendable, Hashable {
    public enum Operation: String, Codable, Sendable {
        /// The clip's figures (`MediaAnswer.probe`).
        case probe
        /// The first frame, `MediaPicture.thumbnailWidth` wide, as a JPEG at `output`.
        case thumbnail
        /// `MediaPicture.filmstripFrames` frames spread over the clip, side by side, as a JPEG at `output`.
        case filmstrip
        /// A `probe` and a `filmstrip` of the same clip in one exchange: what veobatch asks of
        /// each clip it saves. The figures count even when the picture fails (`pictureError`).
        case inspect
    }

    public var operation: Operation
    /// The image or clip to read.
    public var path: String
    /// Where a picture goes: the worker writes a temporary file beside it and renames it there,
    /// so a reader never sees half a JPEG.
    public var output: String?

    public init(operation: Operation, path: String, output: String? = nil) {
        self.operation = operation
        self.path = path
        self.output = output
    }
}

/// The worker's answer: `error` says why the request could not be done (a damaged file, a file
/// with no picture); otherwise `probe` holds the figures of a probe or an inspection, and a
/// picture is on disk (an inspection's unless `pictureError` says why not).
public struct MediaAnswer: Codable, Sendable, Hashable {
    public var probe: MediaProbe?
    public var error: String?
    /// An `inspect` whose figures were read but whose picture was not drawn: why.
    public var pictureError: String?

    public init(probe: MediaProbe? = nil, error: String? = nil, pictureError: String? = nil) {
        self.probe = probe
        self.error = error
        self.pictureError = pictureError
    }
}

/// What a probe reads, spelled as `ffprobe` prints it (veobatch used ffprobe before the worker,
/// and journals keep these figures).
public struct MediaProbe: Codable, Sendable, Hashable {
    /// The container's duration (else the video stream's), in seconds.
    public var durationSeconds: Double
    public var width: Int
    public var height: Int
    /// `r_frame_rate` (else `avg_frame_rate`) as `num/den`, e.g. `24/1` or `30000/1001`; `0/0` when neither is known.
    public var frameRate: String
    public var hasAudio: Bool
    /// FFmpeg's codec name (`h264`, `hevc`, `vp9`).
    public var videoCodec: String?

    public init(durationSeconds: Double, width: Int, height: Int, frameRate: String, hasAudio: Bool, videoCodec: String?) {
        self.durationSeconds = durationSeconds
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.hasAudio = hasAudio
        self.videoCodec = videoCodec
    }
}

/// The sizes of the pictures report.html embeds.
public enum MediaPicture {
    /// An input's thumbnail: a few KB whatever the plate size.
    public static let thumbnailWidth = 160
    public static let filmstripFrames = 5
    public static let filmstripFrameWidth = 96
}
