import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the journal lives and how it is kept safe there.
///
/// On a local disk: SQLite in WAL mode, and `flock` on `OUT/.veobatch/lock`. On a network
/// filesystem (NFS, SMB/CIFS, FUSE mounts such as sshfs, 9p, Ceph, AFS …, told by `statfs`'s
/// `f_type`) WAL is unsafe (its shared-memory index does not work across hosts), so the journal
/// uses SQLite's rollback journal (`journal_mode = DELETE`), and the run lock is a POSIX record
/// lock (`fcntl F_SETLK`), which NFS (NLM on v3, built in on v4) and SMB carry to the server, so
/// two hosts on one folder never both run. The lock file names the holder (host and pid).
/// `--state-dir DIR` keeps the journal on a local disk instead (the lock stays in the output
/// folder, so other hosts still see it).
public enum JournalStorage {
    public struct FileSystem: Sendable, Equatable, CustomStringConvertible {
        /// A short name: `nfs`, `smb`, `fuse`, `ext4/xfs/… (local)`.
        public var name: String
        public var isNetwork: Bool
        public var description: String { isNetwork ? "network filesystem (\(name))" : "local disk" }
    }

    /// Overrides what `statfs` says, for tests: `nfs`, `smb`, `cifs`, `fuse`, or `local`.
    public static let testOverrideVariable = "VEOBATCH_TEST_FS_TYPE"

    /// `statfs` magic numbers of filesystems shared over a network (linux/magic.h).
    static let networkTypes: [Int64: String] = [
        0x6969: "nfs", 0x517B: "smb", 0xFF53_4D42: "cifs", 0xFE53_4D42: "smb2", 0x6573_5546: "fuse",
        0x0102_1997: "9p", 0x00C3_6400: "ceph", 0x5346_414F: "afs", 0x6B41_4653: "afs", 0x0BD0_0BD0: "lustre",
        0x0116_1970: "gfs2", 0x7461_636F: "ocfs2", 0x5346_4846: "wslfs",
    ]

    /// What filesystem holds `path` (its nearest existing ancestor when it does not exist yet).
    public static func fileSystem(at path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> FileSystem {
        if let forced = environment[testOverrideVariable]?.lowercased(), !forced.isEmpty {
            return FileSystem(name: forced, isNetwork: forced != "local")
        }
        var probe = path.isEmpty ? "." : path
        while !FileManager.default.fileExists(atPath: probe) {
            let parent = (probe as NSString).deletingLastPathComponent
            if parent.isEmpty || parent == probe { probe = "."; break }
            probe = parent
        }
        #if canImport(Darwin)
        var info = statfs()
        guard statfs(probe, &info) == 0 else { return FileSystem(name: "unknown", isNetwork: false) }
        let name = withUnsafeBytes(of: info.f_fstypename) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let network = ["nfs", "smbfs", "afpfs", "webdav", "macfuse", "osxfuse"].contains(name) || (info.f_flags & UInt32(MNT_LOCAL)) == 0
        return FileSystem(name: name, isNetwork: network)
        #else
        guard let type = linuxFileSystemType(probe) else { return FileSystem(name: "unknown", isNetwork: false) }
        if let name = networkTypes[type] { return FileSystem(name: name, isNetwork: true) }
        return FileSystem(name: String(format: "0x%llx", type), isNetwork: false)
        #endif
    }

    #if !canImport(Darwin)
    /// `statfs(2)`'s `f_type`. Glibc's Swift module does not export `statfs` (sys/vfs.h), so the
    /// function is looked up by name with the C calling convention; `f_type` is the struct's first
    /// field (a `long`) on every 64-bit Linux ABI, and the buffer is larger than the struct.
    private static func linuxFileSystemType(_ path: String) -> Int64? {
        typealias StatFS = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "statfs") else { return nil }
        let function = unsafeBitCast(symbol, to: StatFS.self)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1024, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: 1024)
        guard path.withCString({ function($0, buffer) }) == 0 else { return nil }
        return Int64(buffer.load(as: Int.self)) & 0xFFFF_FFFF
    }
    #endif

    /// `--state-dir`: journals of every output folder go under this local folder instead of
    /// `OUT/.veobatch` (one subfolder per output folder). Set once by the command.
    private static let stateDirectory = Mutex<String?>(nil)

    public static func useStateDirectory(_ path: String?) {
        stateDirectory.withLock { $0 = path.map(absolute) }
    }

    /// The folder holding `journal.sqlite` for `outputDirectory`.
    static func journalFolder(outputDirectory: String) -> String {
        let lockFolder = (outputDirectory as NSString).appendingPathComponent(Journal.folderName)
        guard let base = stateDirectory.withLock({ $0 }) else { return lockFolder }
        let target = absolute(outputDirectory)
        let name = ((target as NSString).lastPathComponent.isEmpty ? "root" : (target as NSString).lastPathComponent)
        let digest = FileDigest.sha256(of: Data(target.utf8)).prefix(12)
        return (base as NSString).appendingPathComponent("\(name)-\(digest)")
    }

    /// Whether the journal for `outputDirectory` uses WAL (local disk) or the rollback journal.
    public static func usesWAL(outputDirectory: String) -> Bool {
        !fileSystem(at: journalFolder(outputDirectory: outputDirectory)).isNetwork
    }

    /// One line for `status`: where the journal is, in which mode, and which lock guards it.
    public static func describe(outputDirectory: String) -> String {
        let journal = journalFolder(outputDirectory: outputDirectory)
        let lockFolder = (outputDirectory as NSString).appendingPathComponent(Journal.folderName)
        let journalFS = fileSystem(at: journal)
        let lockFS = fileSystem(at: lockFolder)
        let mode = journalFS.isNetwork ? "rollback journal (no WAL on a \(journalFS))" : "WAL on \(journalFS)"
        let lock = lockFS.isNetwork ? "POSIX record lock (fcntl) on a \(lockFS)" : "flock on \(lockFS)"
        let path = (journal as NSString).appendingPathComponent(Journal.fileName)
        return "Journal: \(path), \(mode); run lock: \(lock)."
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
        return url.standardizedFileURL.path
    }
}
