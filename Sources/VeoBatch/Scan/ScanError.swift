/// Why a scan could not be done at all (as opposed to a file being rejected, which is a result).
public enum ScanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A folder named on the command line does not exist.
    case folderNotFound(path: String)
    /// A path named on the command line exists but is not a folder.
    case notAFolder(path: String)
    /// A folder named on the command line cannot be listed.
    case folderUnreadable(path: String, reason: String)
    case unknownModel(option: String, model: String)
    case modelDoesNotFit(option: String, model: String, kind: ShotKind)
    /// The existing manifest cannot be read or parsed, so it cannot be merged into.
    case manifestUnreadable(path: String, reason: String)
    /// Writing the draft manifest failed; the previous file, if any, is untouched.
    case manifestWriteFailed(path: String, reason: String)

    /// True when the command line or its inputs are at fault (exit 2), false for I/O failures.
    public var isUsageError: Bool {
        if case .manifestWriteFailed = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .folderNotFound(let path):
            "The folder \(path) does not exist; check the path given to `veobatch scan`."
        case .notAFolder(let path):
            "\(path) is not a folder; `veobatch scan` takes folders of shots (use `veobatch validate` for a manifest)."
        case .folderUnreadable(let path, let reason):
            "The folder \(path) cannot be listed (\(reason)); check its permissions."
        case .unknownModel(let option, let model):
            "\(option) \(model) is not a Veo 3.1 endpoint; `veobatch models` lists them (path or doc name)."
        case .modelDoesNotFit(let option, let model, let kind):
            "\(option) \(model) cannot render a \(kind.rawValue) shot: it does not take "
                + "\(Self.inputsPhrase(kind)); choose an endpoint that does (see `veobatch models`)."
        case .manifestUnreadable(let path, let reason):
            "The existing manifest \(path) cannot be read (\(reason)); fix or move it, then scan again. Nothing was written."
        case .manifestWriteFailed(let path, let reason):
            "Writing the manifest \(path) failed (\(reason)); the previous file, if any, is unchanged."
        }
    }

    private static func inputsPhrase(_ kind: ShotKind) -> String {
        switch kind {
        case .startEnd: "a first and a last frame"
        case .frame: "a first frame"
        case .reference: "reference images"
        case .clip: "a video"
        }
    }
}
