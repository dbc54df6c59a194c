/// One media input of a job with the content hash that makes it part of the fingerprint.
/// Kept in the journal (`jobs.inputsJSON`) and in the sidecar.
public struct InputFile: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A local file, uploaded before submit.
        case file
        /// A URL passed through as it is.
        case url
        /// The output clip of another row (`@ROW`), uploaded like a local file.
        case rowOutput
    }

    /// The body field (`firstFrameUrl`, `imageUrls`, `video`, …).
    public var field: String
    public var isList: Bool
    public var kind: Kind
    /// The local path (file, or the other row's clip), or the URL.
    public var source: String
    /// For `rowOutput`: the row whose clip this is.
    public var rowID: String?
    /// SHA-256 of the content (hex); nil for URLs, whose content is not read.
    public var sha256: String?
    public var size: Int64?

    public init(field: String, isList: Bool, kind: Kind, source: String, rowID: String? = nil, sha256: String? = nil, size: Int64? = nil) {
        self.field = field
        self.isList = isList
        self.kind = kind
        self.source = source
        self.rowID = rowID
        self.sha256 = sha256
        self.size = size
    }

    /// What the fingerprint sees: content for files and clips, the address for URLs.
    var fingerprintValue: String {
        switch kind {
        case .file: return "sha256:\(sha256 ?? "")"
        case .rowOutput: return "row-output-sha256:\(sha256 ?? "")"
        case .url: return "url:\(source)"
        }
    }

    /// A local file to upload, when this input is one.
    var localFile: LocalFile? {
        guard kind != .url, let sha256 else { return nil }
        return LocalFile(path: source, sha256: sha256, size: size ?? 0)
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
