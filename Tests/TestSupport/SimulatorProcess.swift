import Foundation

/// The built `rh-sim` executable running as a child process, for the tests of the command itself
/// (its first line, its flags, how it exits). Tests that only need an API use `SimulatorHarness`.
/// A process still running when the value goes away is terminated.
public final class SimulatorProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()

    /// Starts `rh-sim ARGUMENTS` with its standard output and error captured.
    public init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try Binaries.built("rh-sim"))
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
    }

    deinit { terminate() }

    public var isRunning: Bool { process.isRunning }

    /// The first line the process prints on standard output (read on a thread of its own), without
    /// the newline; throws when standard output closes before a byte of it.
    public func firstLine() async throws -> String {
        let handle = output.fileHandleForReading
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    guard let byte = chunk.first else { break }
                    if byte == 10 { break }
                    bytes.append(byte)
                }
                if bytes.isEmpty {
                    continuation.resume(throwing: TestSupportError("rh-sim closed stdout without a line"))
                } else {
                    continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
                }
            }.start()
        }
    }

    /// Sends SIGTERM if it is still running.
    public func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Waits (on a thread of its own) until the process ends; its exit status.
    public func exitStatus() async -> Int32 {
        let process = self.process
        return await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
    }
}
