import Foundation

/// A fresh folder under the system's temporary folder for one test, removed by `remove()` or when
/// the last reference goes away: the one temporary-folder type every test target uses.
///
/// A class, so a suite can keep one as a property and a copy never removes the folder under
/// another holder. `VEOBATCH_KEEP_TEST_DIRS=1` keeps every folder, for a look with
/// `veobatch status` after a failure.
public final class TemporaryFolder: Sendable {
    /// The folder's absolute, standardized path (no `..`, no trailing slash).
    public let path: String

    /// Creates `<temporary folder>/<prefix>-<UUID>`.
    public init(prefix: String = "veobatch-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = URL(fileURLWithPath: base + "/\(prefix)-\(UUID().uuidString)").standardized.path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    public var url: URL { URL(fileURLWithPath: path) }

    /// The absolute path of `relative` inside the folder (nothing is created).
    public func path(_ relative: String) -> String { path + "/" + relative }

    /// Writes `data` at `relative`, creating the folders on the way; returns the absolute path.
    @discardableResult
    public func write(_ relative: String, _ data: Data) throws -> String {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Writes `text` as UTF-8 at `relative`; returns the absolute path.
    @discardableResult
    public func write(_ relative: String, text: String) throws -> String {
        try write(relative, Data(text.utf8))
    }

    /// Creates the folder `relative` (and its parents); returns the absolute path.
    @discardableResult
    public func folder(_ relative: String) throws -> String {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    public func read(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    }

    /// Removes the folder with everything in it (links are removed, not followed). When a test
    /// took a folder's permissions away on purpose, they are given back and removal is tried
    /// again; links are never chmod-ed (that would reach their targets).
    public func remove() {
        guard ProcessInfo.processInfo.environment["VEOBATCH_KEEP_TEST_DIRS"] == nil else { return }
        if (try? FileManager.default.removeItem(atPath: path)) != nil || !FileManager.default.fileExists(atPath: path) { return }
        for folder in [path] + ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).map(path(_:)) {
            let type = (try? FileManager.default.attributesOfItem(atPath: folder))?[.type] as? FileAttributeType
            if type == .typeDirectory { chmod(folder, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
