import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drop folders: a file still being copied in must not be uploaded and paid for, then paid for
/// again once the copy completes (its hash changes). A file is *settling* when its size or
/// modification time changed within the settle window (`--settle`), or changed while it was
/// being hashed. Its rows wait for a later run; nothing of them is uploaded or submitted.
public enum InputSettle {
    /// What `stat` says about a file, enough to notice a writer.
    struct Stamp: Equatable {
        var size: Int64
        var modified: timespec
        var changed: timespec
        var inode: UInt64

        static func == (lhs: Stamp, rhs: Stamp) -> Bool {
            lhs.size == rhs.size && lhs.inode == rhs.inode
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
                && lhs.changed.tv_sec == rhs.changed.tv_sec && lhs.changed.tv_nsec == rhs.changed.tv_nsec
        }

        var modifiedDate: Date {
            Date(timeIntervalSince1970: Double(modified.tv_sec) + Double(modified.tv_nsec) / 1e9)
        }
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        return Stamp(size: Int64(info.st_size), modified: info.st_mtimespec, changed: info.st_ctimespec, inode: UInt64(info.st_ino))
        #else
        return Stamp(size: Int64(info.st_size), modified: info.st_mtim, changed: info.st_ctim, inode: UInt64(info.st_ino))
        #endif
    }

    /// Why the file at `path` is settling, or nil when it may be used. A modification time more
    /// than the window in the future (a skewed clock on a file server) cannot be judged and is
    /// taken as settled; one slightly ahead counts as recent.
    public static func reason(path: String, window: Double, now: Date = Date()) -> String? {
        guard window > 0, let stamp = stamp(path) else { return nil }
        let age = now.timeIntervalSince(stamp.modifiedDate)
        guard abs(age) < window else { return nil }
        return "\(path) changed \(max(0, Int(age.rounded()))) s ago (--settle \(Self.seconds(window)) s): it may still be being written"
    }

    /// Hashes a file and tells whether it changed while being read (size, times or inode moved).
    static func digest(path: String) throws -> (file: LocalFile, steady: Bool) {
        let before = stamp(path)
        let digest = try FileDigest.sha256(ofFileAt: path)
        let after = stamp(path)
        let steady = before != nil && before == after && after?.size == digest.size
        return (LocalFile(path: path, sha256: digest.hex, size: digest.size), steady)
    }

    /// Whether `file` still holds the content it was hashed with (re-read now). Checked after an
    /// upload, so a file rewritten between validation and upload is never submitted.
    static func stillMatches(_ file: LocalFile) -> Bool {
        guard let digest = try? FileDigest.sha256(ofFileAt: file.path) else { return false }
        return digest.hex == file.sha256 && digest.size == file.size
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : "\(value)"
    }
}

/// The local inputs of a run: hashed files, and those left alone because they are settling.
public struct InputDigests: Sendable {
    public var files: [String: LocalFile] = [:]
    /// Path → why it waits.
    public var settling: [String: String] = [:]

    public init(files: [String: LocalFile] = [:], settling: [String: String] = [:]) {
        self.files = files
        self.settling = settling
    }

    /// Why this job waits (its first settling input), or nil.
    func settlingReason(of spec: JobSpec) -> String? {
        for media in spec.media {
            if case .file(let path) = media.source, let reason = settling[path] { return reason }
        }
        return nil
    }
}
