import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one `--on-event` command: `/bin/sh -c CMD` with the event on standard input, in a
/// process group of its own, killed (the whole group) when it outlives its time. Standard input
/// is a file, not a pipe, so a hook that never reads it cannot block anyone; standard output is
/// discarded and standard error kept (its start goes to the log when the hook fails).
public enum HookProcess {
    public enum Outcome: Sendable, Equatable {
        case exited(Int32, stderr: String)
        case signaled(Int32, stderr: String)
        case timedOut
        case couldNotStart(String)
    }

    /// Environment variables never handed to a hook, whatever their value.
    static let withheld: Set<String> = ["RUNNINGHUB_API_KEY"]

    /// The process environment minus the API key: the variable itself, and any other variable
    /// whose value contains one of `secrets`.
    public static func environment(_ base: [String: String], secrets: [String]) -> [String: String] {
        base.filter { name, value in
            !withheld.contains(name) && !secrets.contains { !$0.isEmpty && value.contains($0) }
        }
    }

    /// Runs `command` and waits at most `timeout`. Blocks the calling thread: call it from a
    /// thread of its own, never from the pipeline's tasks.
    public static func run(_ command: String, input: Data, environment: [String: String], timeout: Duration) -> Outcome {
        let folder = FileManager.default.temporaryDirectory.path
        let token = UUID().uuidString
        let inputPath = "\(folder)/veobatch-hook-\(token).json"
        let errorPath = "\(folder)/veobatch-hook-\(token).err"
        defer {
            unlink(inputPath)
            unlink(errorPath)
        }
        guard FileManager.default.createFile(atPath: inputPath, contents: input, attributes: [.posixPermissions: 0o600]) else {
            return .couldNotStart("could not write the event to \(inputPath)")
        }
        let errorFD = open(errorPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let inputFD = open(inputPath, O_RDONLY | O_CLOEXEC)
        let nullFD = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer {
            for fd in [errorFD, inputFD, nullFD] where fd >= 0 { close(fd) }
        }
        guard errorFD >= 0, inputFD >= 0, nullFD >= 0 else { return .couldNotStart(String(cString: strerror(errno))) }

        // A group of its own (ChildSpawn), so a timeout kills what the shell started too.
        let pid: pid_t
        switch ChildSpawn.start("/bin/sh", arguments: ["-c", command], environment: environment,
                                input: inputFD, output: nullFD, error: errorFD) {
        case .success(let started): pid = started
        case .failure(let failure): return .couldNotStart(failure.reason)
        }

        let deadline = ContinuousClock.now + timeout
        var waitStatus: Int32 = 0
        while true {
            let reaped = waitpid(pid, &waitStatus, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { return .couldNotStart(String(cString: strerror(errno))) }
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
                return .timedOut
            }
            usleep(10_000)
        }
        let stderr = Self.head(of: errorPath)
        let low = waitStatus & 0x7f
        if low == 0 { return .exited((waitStatus >> 8) & 0xff, stderr: stderr) }
        return .signaled(low, stderr: stderr)
    }

    /// The first 2 KB of what the hook wrote to standard error, on one line.
    private static func head(of path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 2048)) ?? Data()
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " | ")
    }
}
