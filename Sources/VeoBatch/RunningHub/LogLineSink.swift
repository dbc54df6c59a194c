import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `LineLogHandler` puts its lines.
public protocol LogLineSink: Sendable {
    /// Events below this level are not written here.
    var minimumLevel: Logger.Level { get }
    /// Writes one line; the sink adds the newline.
    func write(line: String)
}

/// A sink over a file descriptor: standard error, or a log file opened for appending. Each line
/// goes out in one locked `write` loop, so lines from concurrent tasks never interleave.
public final class FileDescriptorLogSink: LogLineSink {
    public let minimumLevel: Logger.Level
    private let descriptor: Mutex<Int32>
    private let closesOnDeinit: Bool

    init(descriptor: Int32, minimumLevel: Logger.Level, closesOnDeinit: Bool) {
        self.descriptor = Mutex(descriptor)
        self.minimumLevel = minimumLevel
        self.closesOnDeinit = closesOnDeinit
    }

    deinit {
        if closesOnDeinit { descriptor.withLock { _ = close($0) } }
    }

    public static func standardError(minimumLevel: Logger.Level) -> FileDescriptorLogSink {
        FileDescriptorLogSink(descriptor: STDERR_FILENO, minimumLevel: minimumLevel, closesOnDeinit: false)
    }

    /// Opens `path` for appending, creating it readable by its owner only (and its folder when
    /// missing: cron's first run writes `renders/run.log` before `renders/` exists).
    public static func appending(toFile path: String, minimumLevel: Logger.Level) throws -> FileDescriptorLogSink {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw LogFileError(path: path, reason: String(cString: strerror(errno)))
        }
        return FileDescriptorLogSink(descriptor: fd, minimumLevel: minimumLevel, closesOnDeinit: true)
    }

    public func write(line: String) {
        let bytes = Array((line + "\n").utf8)
        descriptor.withLock { fd in
            // A log line that cannot be written is dropped; logging must not fail the run.
            _ = bytes.withUnsafeBytes { FileWrite.all(fd, $0) }
        }
    }
}

/// The `--log-file` could not be opened.
public struct LogFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String {
        "The log file \(path) could not be opened for appending: \(reason). Check the path given to --log-file."
    }
}
