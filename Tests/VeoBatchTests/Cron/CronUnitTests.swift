import Foundation
import Testing
import TestSupport
@testable import VeoBatch

/// The pieces of issue 12 that need no binary: settle windows, the hook environment and process
/// bounds, and which rows `--skip-invalid` keeps.
@Suite("Cron pieces")
struct CronUnitTests {
    func file(modifiedSecondsAgo age: Double, in folder: TemporaryFolder) throws -> String {
        let path = try folder.write("settle-\(UUID().uuidString)", Data("frame".utf8))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
        return path
    }

    @Test("a file changed within the window settles; an older one (or a far-future clock) does not; 0 turns it off")
    func settleWindow() throws {
        let folder = try TemporaryFolder(prefix: "settle")
        defer { folder.remove() }
        let recent = try file(modifiedSecondsAgo: 2, in: folder)
        let old = try file(modifiedSecondsAgo: 60, in: folder)
        let future = try file(modifiedSecondsAgo: -3600, in: folder)
        #expect(InputSettle.reason(path: recent, window: 10)?.contains("--settle 10") == true)
        #expect(InputSettle.reason(path: old, window: 10) == nil)
        #expect(InputSettle.reason(path: future, window: 10) == nil)
        #expect(InputSettle.reason(path: recent, window: 0) == nil)
        let digest = try InputSettle.digest(path: old)
        #expect(digest.steady && digest.file.size == 5)
        #expect(InputSettle.stillMatches(digest.file))
        try Data("frame2".utf8).write(to: URL(fileURLWithPath: old))
        #expect(!InputSettle.stillMatches(digest.file))
    }

    @Test("the hook environment loses the key variable and any variable holding the key")
    func hookEnvironment() {
        let environment = HookProcess.environment(
            ["RUNNINGHUB_API_KEY": "sk-1", "COPY": "Bearer sk-1", "PATH": "/usr/bin", "HOME": "/home/a"], secrets: ["sk-1"])
        #expect(environment == ["PATH": "/usr/bin", "HOME": "/home/a"])
    }

    @Test("a hook gets its input, its exit status is reported, and a hanging one is killed at the timeout")
    func hookProcess() throws {
        let scratch = try TemporaryFolder(prefix: "hook")
        defer { scratch.remove() }
        let folder = scratch.path
        let echoed = HookProcess.run("cat > '\(folder)/in'; echo oops >&2; exit 4", input: Data("{\"a\":1}".utf8),
                                     environment: ["PATH": "/usr/bin:/bin"], timeout: .seconds(10))
        #expect(echoed == .exited(4, stderr: "oops"))
        #expect((try? String(contentsOfFile: folder + "/in", encoding: .utf8)) == "{\"a\":1}")
        // The child keeps running after the shell would exit, in the same group: it goes too.
        let hung = HookProcess.run("sleep 100000 & wait", input: Data(), environment: ["PATH": "/usr/bin:/bin"], timeout: .milliseconds(200))
        #expect(hung == .timedOut)
    }
}
