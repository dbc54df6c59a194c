/// Where one media input of a job comes from: a local file, a URL, or another row's output
/// (`@ROW`). One type from the manifest cell to the report, so that the manifest parser, the job
/// spec, the journal and the report cannot disagree about what the three sources are (they once
/// had four spellings of them). The manifest keeps the text as written beside it for messages
/// (`PendingMedia.written`); the journal keeps it inside `InputFile`, with the content hash.
///
/// The synthesized `Codable` shape is stored in `jobs.mediaJSON`: the case and label names are
/// part of the journal format and must not be renamed.
public enum MediaSource: Sendable, Hashable, Codable {
    /// A local file (absolute path, already checked by validation); uploaded before submit.
    case file(path: String)
    /// An https URL (or http on loopback, `SecureURL`) passed through as it is.
    case url(String)
    /// The output clip of another manifest row (`@ROW`), available once that row is done.
    case rowOutput(rowID: String)

    /// The name the journal (`inputsJSON`) and the sidecars (`kind`) give this source.
    public var kindName: String {
        switch self {
        case .file: return "file"
        case .url: return "url"
        case .rowOutput: return "rowOutput"
        }
    }

    /// The row whose clip this is, for `@ROW`.
    public var rowID: String? {
        if case .rowOutput(let rowID) = self { return rowID }
        return nil
    }
}
