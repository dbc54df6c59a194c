/// A file's type as read from its bytes.
public struct DetectedFileType: Sendable, Hashable {
    /// MIME type without parameters, e.g. `image/png`, `video/mp4`, `text/plain`.
    public var mimeType: String
    /// libmagic's human description, e.g. `PNG image data, 64 x 36, 8-bit/color RGB, non-interlaced`.
    public var description: String

    public init(mimeType: String, description: String) {
        self.mimeType = mimeType
        self.description = description
    }
}

/// Types files by content. The production conformer is `MagicFileTypeDetector` (libmagic).
public protocol FileTypeDetecting: Sendable {
    /// Reads the file's leading bytes and names its type; throws when it cannot be read.
    func detect(fileAt path: String) throws -> DetectedFileType

    /// The MIME type alone, for callers that only sort media from everything else and do it for
    /// thousands of files (scanning). It must be exact for images and videos; any kind of text may
    /// come back as plain `text/plain`. Throws like `detect`.
    func mediaType(fileAt path: String) throws -> String

    /// The MIME type of a downloaded result, for a check that accepts MP4 and QuickTime video
    /// only: exact for those and for anything `mediaType` is exact for. Throws like `detect`.
    func clipType(fileAt path: String) throws -> String
}

extension FileTypeDetecting {
    /// Detectors without a cheaper path answer with `detect`'s MIME type.
    public func mediaType(fileAt path: String) throws -> String {
        try detect(fileAt: path).mimeType
    }

    /// Detectors without a cheaper path answer with `mediaType`.
    public func clipType(fileAt path: String) throws -> String {
        try mediaType(fileAt: path)
    }
}
