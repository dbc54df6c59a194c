/// Why a file found while scanning is not part of any shot.
public enum ScanRejectionReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The content is not a type the shot's endpoint accepts (e.g. a `.mp4` that is text).
    case wrongType = "wrong-type"
    /// Larger than the endpoint's limit for that kind of input.
    case tooLarge = "too-large"
    /// Could not be opened or read (permissions, I/O error, not a regular file).
    case unreadable
    /// Zero bytes.
    case empty
    /// A symbolic link whose target does not exist.
    case brokenSymlink = "broken-symlink"
    /// `NAME_end` without a `NAME_start`.
    case unpairedEndFrame = "unpaired-end-frame"
    /// The name cannot be turned into a shot (bad reference index, no usable id, `;` in the path).
    case unknownNaming = "unknown-naming"
    /// A second file for the same place in the same shot (`shot010.png` and `shot010.jpg`).
    case duplicate
    /// Fine on its own, but another file of the same shot was rejected, so the shot is left out.
    case shotIncomplete = "shot-incomplete"
}

/// A file that was found but is not part of any shot, with a sentence saying why and what to do.
public struct ScanRejection: Sendable, Hashable, Codable {
    public var path: String
    public var reason: ScanRejectionReason
    public var message: String

    public init(path: String, reason: ScanRejectionReason, message: String) {
        self.path = path
        self.reason = reason
        self.message = message
    }
}

/// Something the user should know that did not stop a file or shot from being used.
public struct ScanNote: Sendable, Hashable, Codable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// Everything one scan found: shots in manifest order, rejected files and notes, each sorted by path.
public struct ScanResult: Sendable, Hashable, Codable {
    public var shots: [Shot]
    public var rejections: [ScanRejection]
    public var notes: [ScanNote]

    public init(shots: [Shot], rejections: [ScanRejection], notes: [ScanNote]) {
        self.shots = shots
        self.rejections = rejections
        self.notes = notes
    }
}
