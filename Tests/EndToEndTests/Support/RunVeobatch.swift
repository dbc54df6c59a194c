import Foundation
import Subprocess
import TestSupport
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// What a finished command printed and how it ended.
struct CommandOutcome: Sendable {
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var killedBySignal: Int32?
}

/// Runs `veobatch` with arguments and extra environment, collecting its output.
func runVeobatch(_ arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil) async throws -> CommandOutcome {
    var updates: [Environment.Key: String?] = [:]
    for (name, value) in environment { updates[Environment.Key(stringLiteral: name)] = value }
    let result = try await Subprocess.run(
        .path(FilePath(Binaries.veobatch)),
        arguments: Arguments(arguments),
        environment: .inherit.updating(updates),
        workingDirectory: workingDirectory.map { FilePath($0) },
        output: .string(limit: 4 << 20),
        error: .string(limit: 4 << 20)
    )
    return CommandOutcome(result)
}

extension CommandOutcome {
    init<O, E>(_ result: ExecutionResult<Void, O, E>) where O: OutputProtocol, E: OutputProtocol, O.OutputType == String, E.OutputType == String {
        switch result.terminationStatus {
        case .exited(let code):
            self.init(exitCode: Int32(code), stdout: result.standardOutput, stderr: result.standardError, killedBySignal: nil)
        case .signaled(let signal):
            self.init(exitCode: -1, stdout: result.standardOutput, stderr: result.standardError, killedBySignal: Int32(signal))
        }
    }
}
