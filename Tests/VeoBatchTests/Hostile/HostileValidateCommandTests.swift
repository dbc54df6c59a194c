import Foundation
import Subprocess
import Testing
import TestSupport
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The whole corpus through the built `veobatch validate`: exit 2 and a compiler-style
/// `path:line:column: error:` line naming the expected position, for every case.
@Suite("Hostile manifests through veobatch validate")
struct HostileValidateCommandTests {
    /// Case runs at a time: each is a short process, and the machine is shared.
    private static let width = 3

    @Test func everyCaseExitsTwoNamingPathLineAndColumn() async throws {
        let veobatch = try Binaries.built("veobatch")
        let scratch = try TemporaryFolder()
        let cases = try HostileCorpus.writeAll(into: scratch.path)
        let control = try HostileCorpus.write(HostileCorpus.control, into: scratch.path)

        let outcomes = try await HostileRun.each(cases, width: Self.width) { hostile in
            try await HostileRun.validate(veobatch, manifest: hostile.manifestPath)
        }

        #expect(outcomes.count == cases.count)
        for (hostile, run) in outcomes {
            #expect(run.exitCode == 2, "\(hostile.name): exit \(run.exitCode); stderr: \(run.stderr)")
            let line = run.stderr.split(separator: "\n").first { $0.hasPrefix(hostile.expectedPrefix) }
            #expect(line?.contains(hostile.message) == true,
                    "\(hostile.name): no line starting '\(hostile.expectedPrefix)' with '\(hostile.message)' in: \(run.stderr)")
        }

        let clean = try await HostileRun.validate(veobatch, manifest: control.manifestPath)
        #expect(clean.exitCode == 0, "control: \(clean.stderr)")
    }
}

/// How one `veobatch validate` ended.
struct HostileRun: Sendable {
    var exitCode: Int
    var stderr: String

    /// Runs `body` for every case, `width` at a time (each is a short process; the machine is shared).
    static func each(
        _ cases: [WrittenHostileCase], width: Int, _ body: @escaping @Sendable (WrittenHostileCase) async throws -> HostileRun
    ) async throws -> [(WrittenHostileCase, HostileRun)] {
        try await withThrowingTaskGroup(of: (WrittenHostileCase, HostileRun).self) { group in
            var pending = cases[...]
            var results: [(WrittenHostileCase, HostileRun)] = []
            func startNext() {
                guard let next = pending.popFirst() else { return }
                group.addTask { (next, try await body(next)) }
            }
            for _ in 0..<width { startNext() }
            while let result = try await group.next() {
                results.append(result)
                startNext()
            }
            return results
        }
    }

    static func validate(_ veobatch: String, manifest: String) async throws -> HostileRun {
        try await command(veobatch, ["validate", manifest], environment: ["RUNNINGHUB_API_KEY": nil])
    }

    /// `veobatch ARGUMENTS` with the environment changed as given (nil removes a variable).
    static func command(_ veobatch: String, _ arguments: [String], environment: [Environment.Key: String?]) async throws -> HostileRun {
        let result = try await Subprocess.run(
            .path(FilePath(veobatch)),
            arguments: Arguments(arguments),
            environment: .inherit.updating(environment),
            output: .discarded,
            error: .string(limit: 1 << 20)
        )
        switch result.terminationStatus {
        case .exited(let code): return HostileRun(exitCode: Int(code), stderr: result.standardError)
        case .signaled(let signal): return HostileRun(exitCode: -Int(signal), stderr: result.standardError)
        }
    }
}
