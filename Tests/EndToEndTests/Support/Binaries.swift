import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The built `veobatch` and `rh-sim` executables, found beside the test bundle
/// (`swift build --build-tests` puts every product in the same folder).
enum Binaries {
    static let directory: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // Linux runs `…/debug/veobatchPackageTests.xctest`; walk up until the products are beside us.
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("veobatch").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return exe.deletingLastPathComponent()
    }()

    static var veobatch: String { directory.appendingPathComponent("veobatch").path }
    static var rhSim: String { directory.appendingPathComponent("rh-sim").path }
}

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

/// A fresh temporary folder per test, removed by `cleanup()`.
struct Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("veobatch-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    var path: String { url.path }
    func path(_ component: String) -> String { url.appendingPathComponent(component).path }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// The repository root (where manifests/ lives), found from this source file's location.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
