import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps `ROW/ROW.current.mp4` pointing at the row's current clip.
///
/// The link is relative (`ROW.current.mp4 -> ROW-take2.v2.mp4`), so the folder can be moved or
/// copied with `cp -a`/`rsync -a`. It is replaced atomically: a new link is made under a temporary
/// name and renamed over the old one, so a reader sees the old clip or the new one, never nothing.
/// `rename` replaces the link itself, never the clip it points at, and a regular file that is the
/// only name of its bytes is never replaced. On file systems without symbolic links (some SMB and
/// FAT mounts) a hard link is made instead; without either, no link is made and `status`,
/// `report.json` and the export still name the current clip.
public enum CurrentClipLink {
    public enum Outcome: Sendable, Equatable {
        case symbolicLink, hardLink, unchanged, removed, none
        /// No link could be made here; why.
        case unsupported(String)
    }

    /// Points `link` at `target` (a clip in the same folder), or removes the link when there is
    /// no current clip.
    @discardableResult
    public static func update(link path: String, target: String?) -> Outcome {
        let link = path
        let folder = (link as NSString).deletingLastPathComponent
        guard let target else { return remove(link) }
        let name = (target as NSString).lastPathComponent
        guard (target as NSString).deletingLastPathComponent == folder else {
            return .unsupported("the clip \(target) is not beside \(link)")
        }
        switch state(of: link) {
        case .pointing(let existing) where existing == name:
            return .unchanged
        case .missing:
            // No link yet (a first run): made in place, as atomic as a rename.
            if symlink(name, link) == 0 { return .symbolicLink }
        default:
            break
        }
        if !replaceable(link) { return .unsupported("\(link) is a file of its own; it is left alone") }
        let temporary = (folder as NSString).appendingPathComponent(".\((link as NSString).lastPathComponent).\(getpid()).tmp")
        unlink(temporary)
        if symlink(name, temporary) == 0 {
            if rename(temporary, link) == 0 { return .symbolicLink }
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .unsupported("renaming the link into place failed: \(reason)")
        }
        let symlinkError = String(cString: strerror(errno))
        if hardLink(target, temporary) == 0 {
            if sameFile(link, target) {
                unlink(temporary)
                return .unchanged
            }
            if rename(temporary, link) == 0 { return .hardLink }
            unlink(temporary)
        }
        return .unsupported("neither a symbolic nor a hard link can be made in \(folder) (\(symlinkError))")
    }

    private enum LinkState {
        case pointing(String), missing, other
    }

    /// What stands at `path`, read with one `readlink`.
    private static func state(of path: String) -> LinkState {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, Int(PATH_MAX))
        guard count >= 0 else { return errno == ENOENT ? .missing : .other }
        return .pointing(buffer.withUnsafeBufferPointer { String(decoding: UnsafeRawBufferPointer($0).prefix(count), as: UTF8.self) })
    }

    /// Only our own links go: a symbolic link, or a hard link (another name holds the bytes).
    private static func remove(_ link: String) -> Outcome {
        var info = stat()
        guard lstat(link, &info) == 0 else { return .none }
        guard replaceable(link) else { return .unsupported("\(link) is a file of its own; it is left alone") }
        return unlink(link) == 0 ? .removed : .unsupported(String(cString: strerror(errno)))
    }

    /// Missing, a symbolic link, or a regular file with more than one name (our hard link).
    private static func replaceable(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return true }
        if (info.st_mode & S_IFMT) == S_IFLNK { return true }
        return (info.st_mode & S_IFMT) == S_IFREG && info.st_nlink > 1
    }

    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard lstat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}

/// `link(2)`, under a name the parameters above do not shadow.
private func hardLink(_ existing: String, _ new: String) -> Int32 {
    link(existing, new)
}
