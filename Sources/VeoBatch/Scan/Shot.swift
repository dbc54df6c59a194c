/// What a shot will be rendered as; decides the draft manifest's model and columns.
public enum ShotKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `NAME_start` + `NAME_end`: a start/end frame pair.
    case startEnd = "start-end"
    /// `NAME.png`/`NAME.jpg` (or a lone `NAME_start`): one frame animated by image-to-video.
    case frame
    /// `NAME_ref1..3`: reference images for reference-to-video.
    case reference
    /// `NAME.mp4`: a clip to continue with video-extend.
    case clip

    /// Suffix that tells two shots of the same NAME apart when one folder holds several kinds.
    var idSuffix: String {
        switch self {
        case .startEnd: "pair"
        case .frame: "frame"
        case .reference: "ref"
        case .clip: "clip"
        }
    }
}

/// The part one file plays in its shot.
public enum ShotFileRole: String, Sendable, Hashable, Codable {
    case start, end, frame, reference, clip
}

/// Width and height in pixels, as libmagic describes the image.
public struct PixelSize: Sendable, Hashable, Codable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The Veo aspect ratio that keeps this frame uncropped, or nil for a square frame.
    public var veoAspectRatio: String? {
        if width > height { return "16:9" }
        if height > width { return "9:16" }
        return nil
    }
}

/// One accepted file of a shot, typed by its content.
public struct ShotFile: Sendable, Hashable, Codable {
    /// Absolute path as found while walking (symlinks not resolved).
    public var path: String
    public var role: ShotFileRole
    /// MIME type read from the content, e.g. `image/jpeg` even for a file named `.png`.
    public var mimeType: String
    public var byteCount: Int64
    /// Pixel size when the type description names one.
    public var pixelSize: PixelSize?

    public init(path: String, role: ShotFileRole, mimeType: String, byteCount: Int64, pixelSize: PixelSize?) {
        self.path = path
        self.role = role
        self.mimeType = mimeType
        self.byteCount = byteCount
        self.pixelSize = pixelSize
    }
}

/// A shot recognised by the naming conventions: the unit that becomes one manifest row.
public struct Shot: Sendable, Hashable, Codable {
    /// Unique id made of `[A-Za-z0-9._-]`, derived from NAME; names the outputs.
    public var id: String
    /// NAME as written in the file (or folder) name, before sanitising.
    public var name: String
    public var kind: ShotKind
    /// Absolute path of the folder holding the shot's files.
    public var folder: String
    /// The shot's files in manifest order: start before end, references by index.
    public var files: [ShotFile]

    public init(id: String, name: String, kind: ShotKind, folder: String, files: [ShotFile]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.folder = folder
        self.files = files
    }

    public var firstFrame: ShotFile? { files.first { $0.role == .start || $0.role == .frame } }
    public var lastFrame: ShotFile? { files.first { $0.role == .end } }
    public var referenceImages: [ShotFile] { files.filter { $0.role == .reference } }
    public var video: ShotFile? { files.first { $0.role == .clip } }

    /// The aspect ratio the frames ask for (first frame, else first reference image).
    public var aspectRatio: String? {
        (firstFrame ?? referenceImages.first)?.pixelSize?.veoAspectRatio
    }
}
