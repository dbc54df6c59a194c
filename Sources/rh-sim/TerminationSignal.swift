import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Write end of the pipe the signal handler reports to. Set once, before the handler exists.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// SIGINT and SIGTERM turned into an awaitable event with the self-pipe trick: the handler only
/// writes one byte (async-signal-safe) and a thread waiting on the pipe resumes the caller. This
/// works whatever the inherited signal dispositions are (a background job starts with SIGINT
/// ignored) and whichever thread the kernel picks to deliver the signal.
struct TerminationSignal: Sendable {
    private let readEnd: Int32

    static func install() -> TerminationSignal {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        signalPipeWriteEnd = ends[1]
        for number in [SIGINT, SIGTERM] {
            _ = signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
        }
        return TerminationSignal(readEnd: ends[0])
    }

    /// Waits for the first signal and returns its number.
    func wait() async -> Int32 {
        let readEnd = self.readEnd
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                var byte: UInt8 = 0
                while read(readEnd, &byte, 1) < 0, errno == EINTR {}
                continuation.resume(returning: Int32(byte))
            }
            thread.start()
        }
    }
}
