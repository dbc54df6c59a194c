import Foundation
import Subprocess
import Synchronization
#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// `ffprobe` and `ffmpeg`, run as child processes through swift-subprocess.
///
/// Why the command-line tools rather than FFmpeg's libraries: the libraries' API and ABI change
/// with every major release (Debian ships one, macOS Homebrew another), a crash inside a decoder
/// would take the run — and its journal writes — down with it, and the only figures needed are a
/// handful that `ffprobe -show_streams` prints as JSON. A missing tool is not an error: veobatch
/// says so once and carries on without the figures.
public struct FFmpegTool: Sendable, Hashable {
    public enum Name: String, Sendable, CaseIterable {
        case ffprobe, ffmpeg

        /// `VEOBATCH_FFPROBE` / `VEOBATCH_FFMPEG` point at a specific binary (or at nothing, to
        /// run without it).
        var environmentVariable: String { "VEOBATCH_\(rawValue.uppercased())" }
    }

    public let name: Name
    public let path: String

    /// The tool on `PATH` (or where its environment variable says), or nil when it is absent.
    public static func locate(_ name: Name, environment: [String: String] = ProcessInfo.processInfo.environment) -> FFmpegTool? {
        if let explicit = environment[name.environmentVariable] {
            return FileManager.default.isExecutableFile(atPath: explicit) ? FFmpegTool(name: name, path: explicit) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for folder in folders where !folder.isEmpty {
            let candidate = (folder as NSString).appendingPathComponent(name.rawValue)
            if FileManager.default.isExecutableFile(atPath: candidate) { return FFmpegTool(name: name, path: candidate) }
        }
        return nil
    }

    /// Runs the tool; its standard output when it exits 0.
    ///
    /// swift-subprocess reserves the whole output limit up front for every call, so the limits
    /// stay small: `ffprobe -show_streams` prints a few KB, and an 8 MB limit cost 8 MB per probe
    /// in flight (hundreds of MB at the end of a large run).
    func run(_ arguments: [String], outputLimit: Int = 256 << 10) async throws -> Data {
        let outcome: Result<Data, any Error> = await Self.running.run {
            do {
                return .success(try await launch(arguments, outputLimit: outputLimit))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Child processes at once, whoever asks: a 10,000-job run probes and filmstrips every clip
    /// as it lands, and a hundred processes started together would each hold an output buffer
    /// and fight over the cores the run itself needs.
    static let running = WorkLimit(width: max(2, ProcessInfo.processInfo.activeProcessorCount))

    private func launch(_ arguments: [String], outputLimit: Int) async throws -> Data {
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments),
            output: .data(limit: outputLimit), error: .string(limit: 16 << 10))
        guard case .exited(0) = result.terminationStatus else {
            let reason = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw FFmpegToolError(tool: name.rawValue, reason: "\(result.terminationStatus): \(reason.suffix(400))")
        }
        return result.standardOutput
    }
}

public struct FFmpegToolError: Error, Sendable, CustomStringConvertible {
    public var tool: String
    public var reason: String
    public var description: String { "\(tool) failed: \(reason)" }
}

/// "ffprobe is missing" is worth one line per process, not one per clip.
enum MissingToolNotice {
    private static let said = Mutex<Set<String>>([])

    /// True the first time it is asked about `tool`.
    static func firstTime(_ tool: FFmpegTool.Name) -> Bool {
        said.withLock { $0.insert(tool.rawValue).inserted }
    }
}
