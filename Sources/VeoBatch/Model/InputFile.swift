/// One media input of a job as the job was built: where it comes from (`MediaSource`) and, for a
/// local file or a `@ROW` clip, the bytes that were read (path, SHA-256, size), which make it part
/// of the fingerprint. Kept in the journal (`jobs.inputsJSON`) and in the sidecar.
///
/// The clip of a `@ROW` input is a file the source does not name (it names only the row), so the
/// content is held beside the source, not in it. Build inputs with `file`, `url` and `rowOutput`:
/// they keep the rule "content for a file or a clip, none for a URL" that decoding enforces too.
public struct InputFile: Sendable, Hashable {
    /// The body field (`firstFrameUrl`, `imageUrls`, `video`, …).
    public let field: String
    public let isList: Bool
    public let source: MediaSource
    /// The local file whose bytes this input sends: the file itself, or the other row's clip.
    /// Nil for a URL, whose content is not read.
    public let localFile: LocalFile?

    private init(field: String, isList: Bool, source: MediaSource, localFile: LocalFile?) {
        self.field = field
        self.isList = isList
        self.source = source
        self.localFile = localFile
    }

    /// A local file, uploaded before submit.
    public static func file(field: String, isList: Bool, _ file: LocalFile) -> InputFile {
        InputFile(field: field, isList: isList, source: .file(path: file.path), localFile: file)
    }

    /// A URL passed through as it is.
    public static func url(field: String, isList: Bool, _ url: String) -> InputFile {
        InputFile(field: field, isList: isList, source: .url(url), localFile: nil)
    }

    /// The output clip of row `rowID` (`@ROW`), uploaded like a local file.
    public static func rowOutput(field: String, isList: Bool, rowID: String, clip: LocalFile) -> InputFile {
        InputFile(field: field, isList: isList, source: .rowOutput(rowID: rowID), localFile: clip)
    }

    /// Where the input is read from: the local path (the file, or the other row's clip) or the
    /// URL. Stored as `source` in the journal and the sidecar.
    public var location: String {
        if case .url(let url) = source { return url }
        return localFile?.path ?? ""
    }

    /// SHA-256 of the content (hex); nil for URLs.
    public var sha256: String? { localFile?.sha256 }
    public var size: Int64? { localFile?.size }

    /// What the fingerprint sees: content for files and clips, the address for URLs.
    var fingerprintValue: String {
        switch source {
        case .file: return "sha256:\(sha256 ?? "")"
        case .rowOutput: return "row-output-sha256:\(sha256 ?? "")"
        case .url(let url): return "url:\(url)"
        }
    }
}

/// The journal format of `InputFile`, unchanged since the first version: `kind` ("file", "url",
/// "rowOutput"), `source` (the path, the clip's path or the URL), `rowID` for a clip, and
/// `sha256` + `size` for a file or a clip. A row that lacks what its kind needs does not decode:
/// the paid path never fills a missing hash or row with a default.
extension InputFile: Codable {
    private enum CodingKeys: String, CodingKey {
        case field, isList, kind, source, rowID, sha256, size
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let field = try container.decode(String.self, forKey: .field)
        let isList = try container.decode(Bool.self, forKey: .isList)
        let kind = try container.decode(String.self, forKey: .kind)
        let location = try container.decode(String.self, forKey: .source)
        func content() throws -> LocalFile {
            LocalFile(
                path: location, sha256: try container.decode(String.self, forKey: .sha256),
                size: try container.decode(Int64.self, forKey: .size))
        }
        switch kind {
        case "file":
            self = .file(field: field, isList: isList, try content())
        case "url":
            self = .url(field: field, isList: isList, location)
        case "rowOutput":
            self = .rowOutput(field: field, isList: isList, rowID: try container.decode(String.self, forKey: .rowID), clip: try content())
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown input kind '\(kind)' (expected file, url or rowOutput)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(isList, forKey: .isList)
        try container.encode(source.kindName, forKey: .kind)
        try container.encode(location, forKey: .source)
        try container.encodeIfPresent(source.rowID, forKey: .rowID)
        try container.encodeIfPresent(sha256, forKey: .sha256)
        try container.encodeIfPresent(size, forKey: .size)
    }
}

/// A file on disk with its content hash: the unit of the upload cache.
public struct LocalFile: Sendable, Hashable {
    public var path: String
    public var sha256: String
    public var size: Int64

    public init(path: String, sha256: String, size: Int64) {
        self.path = path
        self.sha256 = sha256
        self.size = size
    }
}
