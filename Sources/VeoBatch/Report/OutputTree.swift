import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output folder's layout (product.md §7): `OUT/MANIFEST-STEM/ROW/ROW.mp4`, takes as
/// `ROW-take2.mp4`, the sidecar `ROW.json` beside each clip, reports in `OUT/MANIFEST-STEM/`.
///
/// Every name that comes from the manifest goes through `checkedName`, and every built path is
/// checked to stay inside the manifest folder, whatever the manifest says or the disk holds: a
/// symbolic link at or below the manifest folder that leads out of it is refused (`confined`).
public struct OutputTree: Sendable, Hashable {
    public struct UnsafeName: Error, Sendable, CustomStringConvertible {
        public var name: String
        public var reason: String
        public var description: String { "The output name \"\(name)\" cannot be used: \(reason). Use letters, digits, '.', '_' and '-'." }
    }

    /// The output folder, absolute and standardized.
    public let outputDirectory: String
    public let manifestStem: String
    /// `OUT/MANIFEST-STEM`: every path of a job is checked against it, so it is made once.
    public let manifestFolder: String

    public init(outputDirectory: String, manifestStem: String) throws {
        let absolute =
            outputDirectory.hasPrefix("/")
            ? outputDirectory
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(outputDirectory)
        self.outputDirectory = (absolute as NSString).standardizingPath
        self.manifestStem = try Self.checkedName(manifestStem, allowingAnyCharacters: true)
        if manifestStem == Journal.folderName {
            throw UnsafeName(name: manifestStem, reason: "it is the journal's own folder")
        }
        manifestFolder = (self.outputDirectory as NSString).appendingPathComponent(self.manifestStem)
    }

    public func rowFolder(rowID: String) throws -> String {
        try confined((manifestFolder as NSString).appendingPathComponent(Self.checkedName(rowID)))
    }

    /// `ROW/NAME.mp4`, or `ROW/NAME.vN.mp4` for the N-th clip that had to stand beside an
    /// existing different one (a clip is never overwritten).
    public func clipPath(rowID: String, outputName: String, version: Int = 1) throws -> String {
        let name = try Self.checkedName(outputName)
        let file = version <= 1 ? "\(name).mp4" : "\(name).v\(version).mp4"
        // The row folder is confined (symlinks resolved); a checked file name cannot leave it.
        return (try rowFolder(rowID: rowID) as NSString).appendingPathComponent(file)
    }

    /// Where a result downloads to before it is checked and renamed into place.
    public func partPath(rowID: String, outputName: String) throws -> String {
        try clipPath(rowID: rowID, outputName: outputName) + ".part"
    }

    /// `ROW/ROW.current.mp4`: the stable path of the row's current (or chosen) clip, a relative
    /// symbolic link to one of the clips beside it. No clip name can take this form (clips are
    /// `NAME.mp4`, `NAME.vN.mp4`, `NAME-takeN…`), so the link never stands where a clip would.
    ///
    /// Only the row folder is checked: the link itself is ours, read with `readlink` and replaced
    /// with `rename` (which never follows it), so where it points — even nowhere, once its clip
    /// was deleted by hand — cannot lead a write outside.
    public func currentClipPath(rowID: String) throws -> String {
        let name = try Self.checkedName(rowID)
        return (try rowFolder(rowID: rowID) as NSString).appendingPathComponent("\(name).current.mp4")
    }

    public func sidecarPath(rowID: String, outputName: String) throws -> String {
        let name = try Self.checkedName(outputName)
        return (try rowFolder(rowID: rowID) as NSString).appendingPathComponent("\(name).json")
    }

    public func reportPath(fileName: String) throws -> String {
        try confined((manifestFolder as NSString).appendingPathComponent(Self.checkedName(fileName)))
    }

    /// A path inside the output folder as the journal stores it (`STEM/ROW/ROW.mp4`).
    public func relativeToOutput(_ path: String) -> String {
        let prefix = outputDirectory.hasSuffix("/") ? outputDirectory : outputDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The absolute path of a journal-relative path, refused if it leads outside the manifest folder.
    public func absolute(fromOutputRelative relative: String) throws -> String {
        try confined((outputDirectory as NSString).appendingPathComponent(relative))
    }

    /// The path relative to the manifest folder (for reports that sit in it).
    public func relativeToManifestFolder(_ path: String) -> String {
        let prefix = manifestFolder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Row ids and output names: the manifest's id rule (`[A-Za-z0-9._-]`, not `.`/`..`).
    /// The manifest stem may hold any character but `/` and NUL.
    static func checkedName(_ name: String, allowingAnyCharacters: Bool = false) throws -> String {
        if name.isEmpty { throw UnsafeName(name: name, reason: "it is empty") }
        if name == "." || name == ".." { throw UnsafeName(name: name, reason: "it names a folder itself") }
        if name.utf8.count > 200 { throw UnsafeName(name: name, reason: "it is longer than 200 bytes") }
        // On bytes: `String.contains` with a string argument is Foundation's search, and this
        // runs for every path of every job.
        if name.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == 0 }) {
            throw UnsafeName(name: name, reason: "it contains a path separator")
        }
        if !allowingAnyCharacters {
            if !PortableName.isMadeOfAllowed(name.utf8) {
                throw UnsafeName(name: name, reason: "it contains characters other than letters, digits, '.', '_' and '-'")
            }
        }
        return name
    }

    /// `path` without `.`, `..` and repeated slashes, checked to stay inside the manifest folder
    /// on disk too: each part from the manifest folder down is looked at with `lstat` (no part is
    /// trusted from an earlier call, so a link made since is still caught). The manifest folder
    /// may not be a symbolic link; a link below it must resolve inside it. A missing part ends
    /// the check: nothing below it exists yet.
    ///
    /// Done by hand rather than with `standardizingPath`: Foundation's resolution reads every
    /// part of the path and resolves relative links against the working folder, so it was both
    /// the costliest step of a job's file handling and blind to `ROW -> ../../elsewhere`.
    ///
    /// The parts are looked at in one C string of the path, each ended in turn by a NUL written
    /// over the slash after it: a job's paths go through here several times.
    private func confined(_ path: String) throws -> String {
        let normalized = Self.lexicallyNormalized(path)
        let folder = manifestFolder
        guard normalized == folder || (normalized.hasPrefix(folder) && normalized.utf8.dropFirst(folder.utf8.count).first == UInt8(ascii: "/")) else {
            throw UnsafeName(name: path, reason: "it leads outside \(folder)")
        }
        var text = Array(normalized.utf8CString)
        let end = text.count - 1
        let slash = CChar(bitPattern: UInt8(ascii: "/"))
        // The end of each part from the manifest folder down: the folder itself, then each part below it.
        var cut = folder.utf8.count
        while true {
            let kept = text[cut]
            text[cut] = 0
            var info = stat()
            let found = text.withUnsafeBufferPointer { lstat($0.baseAddress!, &info) } == 0
            let part = found && (info.st_mode & S_IFMT) == S_IFLNK ? text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } : nil
            text[cut] = kept
            guard found else { break }
            if let part {
                guard cut > folder.utf8.count, let real = Self.realPath(part), let realFolder = Self.realPath(folder), real.hasPrefix(realFolder + "/") else {
                    throw UnsafeName(name: path, reason: "it leads outside \(folder) through the symbolic link \(part)")
                }
            }
            guard cut < end else { break }
            cut += 1
            while cut < end, text[cut] != slash { cut += 1 }
        }
        return normalized
    }

    /// An absolute path with `.`, `..` and repeated slashes resolved as text, without the disk.
    /// The paths built here almost always are already; they come back as they are.
    static func lexicallyNormalized(_ path: String) -> String {
        if isNormal(path) { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Absolute, without an empty, `.` or `..` part and without a trailing slash. One pass over
    /// the bytes, with nothing allocated.
    private static func isNormal(_ path: String) -> Bool {
        let bytes = path.utf8
        guard bytes.first == UInt8(ascii: "/"), bytes.count > 1 else { return false }
        var partLength = 0
        var partIsDots = true
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: "/") {
                if partLength == 0 || (partIsDots && partLength <= 2) { return false }
                partLength = 0
                partIsDots = true
            } else {
                partLength += 1
                partIsDots = partIsDots && byte == UInt8(ascii: ".")
            }
        }
        return partLength > 0 && !(partIsDots && partLength <= 2)
    }

    /// `realpath(3)`: every link resolved; nil when some part does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
