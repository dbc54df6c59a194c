import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The advisory run lock of an output folder: `flock(LOCK_EX | LOCK_NB)` on `OUT/.veobatch/lock`,
/// held from before the journal is opened until the run ends. A second run on the same folder
/// (cron firing again while the first still works) fails at once instead of queueing up.
/// The kernel drops the lock when the process dies, so a killed run never leaves it stale.
public final class JournalLock: Sendable {
    public let path: String
    /// The open lock file, or -1 once released.
    private let descriptor: Mutex<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    /// Takes the lock or throws `JournalError.locked` without waiting.
    public static func acquire(outputDirectory: String) throws -> JournalLock {
        // Always in the output folder (even with --state-dir): every host that sees the folder sees the lock.
        let folder = (outputDirectory as NSString).appendingPathComponent(Journal.folderName)
        let path = (folder as NSString).appendingPathComponent("lock")
        let network = JournalStorage.fileSystem(at: folder).isNetwork
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw JournalError.lockFailed(lockPath: path, reason: "\(error)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw JournalError.lockFailed(lockPath: path, reason: String(cString: strerror(errno)))
        }
        guard (network ? posixLock(fd) : flock(fd, LOCK_EX | LOCK_NB)) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK || code == EAGAIN || code == EACCES {
                throw JournalError.locked(lockPath: path)
            }
            throw JournalError.lockFailed(lockPath: path, reason: String(cString: strerror(code)))
        }
        // Leave the holder's host and pid in the file for a person wondering who has it.
        let pid = "\(getpid())\n\(ProcessInfo.processInfo.hostName)\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return JournalLock(path: path, descriptor: fd)
    }

    /// A POSIX record lock on the whole file, without waiting: on NFS and SMB the server holds
    /// it, so it excludes runs on other hosts too (`flock` may be local-only there). The kernel
    /// drops it when the process dies; the lock server drops it when the host stops answering.
    private static func posixLock(_ fd: Int32) -> Int32 {
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        return fcntl(fd, F_SETLK, &lock)
    }

    /// Drops the lock; safe to call more than once.
    public func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            close(fd)  // also drops a POSIX record lock
            fd = -1
        }
    }

    deinit {
        release()
    }
}
