import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One running `veobatch-media`, spoken to over a Unix socket pair that is its standard input and
/// output (a socket, so a write to a worker that died returns an error instead of raising
/// SIGPIPE in veobatch). Closing veobatch's end is the worker's signal to exit. Not thread-safe:
/// `MediaWorker` lends each process to one request at a time.
final class MediaWorkerProcess {
    let pid: pid_t
    private var socket: Int32
    private var pending: [UInt8] = []

    private init(pid: pid_t, socket: Int32) {
        self.pid = pid
        self.socket = socket
    }

    /// Starts `executable` with only `environment` (never veobatch's own: it holds the API key).
    /// Both ends of the pair are close-on-exec, so hooks and other workers never inherit the
    /// worker's input and keep it alive after veobatch is gone.
    static func start(_ executable: String, environment: [String: String]) -> Result<MediaWorkerProcess, MediaWorkerError> {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            return .failure(MediaWorkerError("could not start \(executable): \(String(cString: strerror(errno)))"))
        }
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer {
            close(ends[1])
            if null >= 0 { close(null) }
        }
        switch ChildSpawn.start(executable, arguments: [], environment: environment, input: ends[1], output: ends[1], error: max(null, 0)) {
        case .success(let pid):
            return .success(MediaWorkerProcess(pid: pid, socket: ends[0]))
        case .failure(let failure):
            close(ends[0])
            return .failure(MediaWorkerError("could not start \(executable): \(failure.reason)"))
        }
    }

    /// Sends one request line and reads one answer line. A failure means this process is no
    /// longer usable: the caller `stop`s it.
    func exchange(_ request: Data, timeout: Duration) -> Result<Data, MediaWorkerError> {
        var sent = 0
        while sent < request.count {
            let count = request.withUnsafeBytes { send(socket, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ended())
            }
            sent += count
        }
        let deadline = ContinuousClock.now + timeout
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = Data(pending[..<newline])
                pending.removeSubrange(...newline)
                return .success(line)
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                return .failure(MediaWorkerError("the media worker gave no answer within \(timeout) and was stopped"))
            }
            var watch = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&watch, 1, Int32(min(left / .milliseconds(1) + 1, 60_000)))
            if ready < 0 && errno != EINTR { return .failure(MediaWorkerError("poll: \(String(cString: strerror(errno)))")) }
            guard ready > 0 else { continue }
            let count = recv(socket, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .failure(ended()) }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    /// Why the worker stopped talking: it exited or was killed (a crash in a decoder).
    private func ended() -> MediaWorkerError {
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid {
                reaped = true
                let signal = status & 0x7f
                return MediaWorkerError(signal == 0
                    ? "the media worker exited with status \((status >> 8) & 0xff)"
                    : "the media worker was ended by signal \(signal)")
            }
            usleep(2_000)
        }
        return MediaWorkerError("the media worker closed its output")
    }

    private var reaped = false

    /// Kills the worker (if it still runs) and reaps it.
    func stop() {
        closeSocket()
        guard !reaped else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
    }

    /// Closes its input, which ends an idle worker, and reaps it; kills it when it is still
    /// there after `grace` (busy in a decoder).
    func finish(grace: Duration) {
        closeSocket()
        let deadline = ContinuousClock.now + grace
        var status: Int32 = 0
        while !reaped && ContinuousClock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { reaped = true } else { usleep(1_000) }
        }
        stop()
    }

    private func closeSocket() {
        if socket >= 0 { close(socket) }
        socket = -1
    }
}

/// Why the media worker could not do a request: its own answer (a damaged file) or what
/// happened to it (it crashed, hung, or could not be started).
public struct MediaWorkerError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }

    init(_ reason: String) {
        self.reason = reason
    }
}
