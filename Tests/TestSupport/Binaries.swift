import Foundation

/// The executables `swift build --build-tests` puts beside the test bundle (`veobatch`, `rh-sim`),
/// found from the running test process.
public enum Binaries {
    /// The folder of the running test executable (Linux runs `…/debug/veobatchPackageTests.xctest`).
    public static let testExecutableFolder: URL = {
        let procSelf = URL(fileURLWithPath: "/proc/self/exe")
        let executable = FileManager.default.fileExists(atPath: procSelf.path) ? procSelf : URL(fileURLWithPath: CommandLine.arguments[0])
        return executable.resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    /// The built executable `name`: the first folder from the test executable's up to `/` that
    /// holds an executable of that name; nil when none does (the product was not built).
    public static func find(_ name: String) -> String? {
        var folder = testExecutableFolder
        while true {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            if folder.path == "/" { return nil }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// The built executable `name`; throws, naming where it looked, when it was not built.
    public static func built(_ name: String) throws -> String {
        guard let found = find(name) else {
            throw TestSupportError(
                "Could not find the built \(name) in \(testExecutableFolder.path) or above; run `swift build --build-tests` first.")
        }
        return found
    }

    /// Where `name` is, or where it should be (beside the test executable) so that running it
    /// fails with a path in the message.
    public static func path(_ name: String) -> String {
        find(name) ?? testExecutableFolder.appendingPathComponent(name).path
    }

    public static let veobatch: String = path("veobatch")
    public static let rhSim: String = path("rh-sim")

    /// The folder that holds the built `veobatch` (the test executable's folder when none does).
    public static let directory: URL = URL(fileURLWithPath: veobatch).deletingLastPathComponent()
}

/// The repository root (where Package.swift and manifests/ are), from this file's place in
/// Tests/TestSupport: it does not depend on the working directory the tests run in.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
