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
        let folder = Journal.folder(outputDirectory: outputDirectory)
        let path = (folder as NSString).appendingPathComponent("lock")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw JournalError.lockFailed(lockPath: path, reason: "\(error)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw JournalError.lockFailed(lockPath: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK || code == EAGAIN {
                throw JournalError.locked(lockPath: path)
            }
            throw JournalError.lockFailed(lockPath: path, reason: String(cString: strerror(code)))
        }
        // Leave the holder's pid in the file for a person wondering who has it.
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return JournalLock(path: path, descriptor: fd)
    }

    /// Drops the lock; safe to call more than once.
    public func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit {
        release()
    }
}
