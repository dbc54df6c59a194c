#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// A directory entry found while walking that may belong to a shot.
struct FoundFile: Sendable, Hashable {
    enum State: Sendable, Hashable {
        /// A regular file, or a symlink to one (size of the target).
        case file(byteCount: Int64)
        case brokenSymlink(target: String)
        /// A FIFO, socket or device: nothing scanning should open.
        case notRegular(what: String)
    }

    /// Absolute path (symlinks not resolved).
    var path: String
    var folder: String
    var fileName: String
    var state: State
}

/// Walks folders with opendir/readdir and one lstat per entry, skipping hidden entries, excluded
/// paths, veobatch output folders and manifests.
///
/// Symlinked folders are not followed (a note says so), which also makes cycles impossible; each
/// real folder is listed once even when two roots overlap.
struct FolderWalk {
    var files: [FoundFile] = []
    var rejections: [ScanRejection] = []
    var notes: [ScanNote] = []

    private var visited: Set<String> = []
    private let excluded: Set<String>

    private init(excluded: Set<String>) {
        self.excluded = excluded
    }

    static func walk(roots: [String], excluding: [String]) throws(ScanError) -> FolderWalk {
        var walk = FolderWalk(excluded: Set(excluding.compactMap { realPath(absolutePath($0)) }))
        for root in roots {
            let path = absolutePath(root)
            var info = stat()
            guard stat(path, &info) == 0 else { throw .folderNotFound(path: root) }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(path: root) }
            guard let dir = opendir(path) else { throw .folderUnreadable(path: root, reason: errnoText()) }
            closedir(dir)
            walk.walkTree(from: path)
        }
        return walk
    }

    private mutating func walkTree(from root: String) {
        var pending = [root]
        while let folder = pending.popLast() {
            guard let real = Self.realPath(folder), !visited.contains(real), !excluded.contains(real) else { continue }
            visited.insert(real)
            guard let names = list(folder) else { continue }
            if names.contains(".veobatch") {
                notes.append(ScanNote(path: folder, message: "Skipped \(folder): it is a veobatch output folder (it holds .veobatch/)."))
                continue
            }
            for name in names where !name.hasPrefix(".") {
                let path = folder == "/" ? "/\(name)" : "\(folder)/\(name)"
                if excluded.contains("\(real)/\(name)") { continue }
                if let subfolder = visit(path: path, folder: folder, name: name) { pending.append(subfolder) }
            }
        }
    }

    /// Records one entry; returns its path when it is a folder to descend into.
    private mutating func visit(path: String, folder: String, name: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            rejections.append(
                ScanRejection(
                    path: path, reason: .unreadable, message: "\(path) cannot be examined (\(Self.errnoText())); check its permissions."))
            return nil
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return path
        case S_IFREG:
            record(path: path, folder: folder, name: name, state: .file(byteCount: Int64(info.st_size)))
        case S_IFLNK:
            var target = stat()
            if stat(path, &target) != 0 {
                record(path: path, folder: folder, name: name, state: .brokenSymlink(target: Self.linkTarget(path)))
            } else if target.st_mode & S_IFMT == S_IFDIR {
                notes.append(
                    ScanNote(path: path, message: "Skipped \(path): symlinked folders are not followed; scan their target folder directly.")
                )
            } else if target.st_mode & S_IFMT == S_IFREG {
                record(path: path, folder: folder, name: name, state: .file(byteCount: Int64(target.st_size)))
            } else {
                record(path: path, folder: folder, name: name, state: .notRegular(what: "a link to a FIFO, socket or device"))
            }
        default:
            record(path: path, folder: folder, name: name, state: .notRegular(what: "a FIFO, socket or device"))
        }
        return nil
    }

    private mutating func record(path: String, folder: String, name: String, state: FoundFile.State) {
        // Manifests live beside their media (relative paths resolve against their folder): not shots.
        if ShotFileName.splitExtension(name).fileExtension == "csv" {
            notes.append(ScanNote(path: path, message: "Skipped \(path): CSV files are manifests, not media."))
            return
        }
        files.append(FoundFile(path: path, folder: folder, fileName: name, state: state))
    }

    /// The entry names of a folder, or nil (with a rejection) when it cannot be listed.
    private mutating func list(_ folder: String) -> [String]? {
        guard let dir = opendir(folder) else {
            rejections.append(
                ScanRejection(
                    path: folder, reason: .unreadable,
                    message: "The folder \(folder) cannot be listed (\(Self.errnoText())); its files were not scanned."))
            return nil
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String? in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
                return String(validatingCString: base)
            }
            guard let name else {
                rejections.append(
                    ScanRejection(
                        path: "\(folder)/?", reason: .unknownNaming,
                        message: "A file in \(folder) has a name that is not valid UTF-8; rename it."))
                continue
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func absolutePath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).standardized.path
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func linkTarget(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
