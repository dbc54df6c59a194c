import Foundation
import Synchronization

/// What validation learned about one local file, independent of which field uses it.
enum FileFinding: Sendable, Hashable {
    case usable(size: Int64, type: DetectedFileType)
    /// The file cannot be used at all; the message names it and says why.
    case problem(String)
}

/// Looks at every distinct local file once (many rows may share a frame), in parallel, because
/// reading magic bytes dominates validation time on big manifests.
///
/// Symlinks: a path written in the manifest is used as written, wherever it points; but when the
/// file itself is a symlink, its target must resolve inside the media root (the manifest's folder
/// or `--media-root`). That keeps a link dropped into a shot folder from sending an arbitrary file
/// to third-party storage. A symlinked folder inside the media root is the same trap
/// (`frames -> /home/me/private`), so a path that lies inside the root as written must also lie
/// inside it once every link is resolved.
struct MediaFileInspector: Sendable {
    let detector: any FileTypeDetecting
    /// The media root as given (absolute, standardized), for "inside as written".
    let mediaRoot: String
    /// The media root with symlinks resolved, for the containment check.
    let realMediaRoot: String

    init(detector: any FileTypeDetecting, mediaRoot: String) {
        self.detector = detector
        self.mediaRoot = mediaRoot
        self.realMediaRoot = Self.realPath(mediaRoot) ?? mediaRoot
    }

    /// Findings for `paths` (absolute, distinct), in the same order.
    func inspect(_ paths: [String], writtenAs written: [String]) -> [FileFinding] {
        let results = Mutex<[FileFinding?]>(Array(repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let finding = inspect(path: paths[index], written: written[index])
            results.withLock { $0[index] = finding }
        }
        return results.withLock { findings in
            findings.enumerated().map { index, finding in
                finding ?? .problem("file '\(written[index])' was not inspected")
            }
        }
    }

    func inspect(path: String, written: String) -> FileFinding {
        var link = stat()
        guard lstat(path, &link) == 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                return .problem("file '\(written)' does not exist (looked for \(path))")
            }
            return .problem("file '\(written)' cannot be examined (\(String(cString: strerror(errno))))")
        }
        let isLink = link.st_mode & S_IFMT == S_IFLNK
        if isLink || Self.isInside(path, root: mediaRoot) {
            guard let target = Self.realPath(path) else {
                if isLink { return .problem("file '\(written)' is a broken symlink (its target does not exist)") }
                return .problem("file '\(written)' cannot be examined (\(String(cString: strerror(errno))))")
            }
            guard Self.isInside(target, root: realMediaRoot) else {
                let how = isLink ? "is a symlink to" : "lies in a symlinked folder that leads to"
                return .problem("file '\(written)' \(how) '\(target)', outside the media root '\(realMediaRoot)'; write the real path in the manifest or choose a --media-root that contains it")
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .problem("file '\(written)' cannot be examined (\(String(cString: strerror(errno))))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .problem("'\(written)' is a directory, not a file")
        default: return .problem("'\(written)' is not a regular file (a device, FIFO or socket)")
        }
        if info.st_size == 0 {
            return .problem("file '\(written)' is empty")
        }
        do {
            let type = try detector.detect(fileAt: path)
            return .usable(size: Int64(info.st_size), type: type)
        } catch let error as FileTypeDetectionError {
            switch error {
            case .unreadable(_, let reason):
                return .problem("file '\(written)' cannot be read (\(reason))")
            default:
                return .problem("cannot detect the type of '\(written)': \(error)")
            }
        } catch {
            return .problem("cannot detect the type of '\(written)': \(error)")
        }
    }

    /// True when `path` is `root` or below it (plain string comparison of absolute paths).
    static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The MIME type a file name suggests, for the "name says PNG, content is JPEG" warning.
    static func mimeTypeSuggested(byName name: String) -> String? {
        switch (name as NSString).pathExtension.lowercased() {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "mp4", "m4v": return "video/mp4"
        case "mov": return "video/quicktime"
        default: return nil
        }
    }
}
