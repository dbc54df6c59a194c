import Foundation
import Testing
import TestSupport
@testable import VeoBatch

/// Real media for the media-worker tests, made with the ffmpeg CLI, and the ffprobe CLI as the
/// independent reader of what the worker says and writes. Both are required: a missing tool
/// fails the test (scripts/lib/deps.sh installs Debian's ffmpeg).
enum MediaTestFiles {
    static func tool(_ name: String) throws -> String {
        try #require(["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) },
                     "\(name) is not installed: install Debian's ffmpeg package (scripts/test.sh does)")
    }

    /// A worker of its own for a test (not the process-wide one), built beside the tests.
    static func worker(timeout: Duration = .seconds(60), width: Int = 2) throws -> MediaWorker {
        MediaWorker(executable: try Binaries.built("veobatch-media"), timeout: timeout, width: width)
    }

    /// An H.264 MP4 made by the ffmpeg CLI: `size` at `rate`, `seconds` long, with AAC audio or none.
    static func clip(at path: String, size: String = "320x180", rate: String = "24", seconds: Double = 2, audio: Bool = true) throws {
        var arguments = ["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=\(size):rate=\(rate)"]
        if audio { arguments += ["-f", "lavfi", "-i", "sine=frequency=440"] }
        arguments += ["-t", "\(seconds)", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        if audio { arguments += ["-c:a", "aac"] }
        _ = try run(tool("ffmpeg"), arguments + [path])
    }

    /// A fresh temporary folder holding `clip.mp4` (2 s, 320×180, 24 fps, with audio); remove it when done.
    static func scratchClip() throws -> (TemporaryFolder, String) {
        let scratch = try TemporaryFolder()
        let path = scratch.path("clip.mp4")
        try clip(at: path)
        return (scratch, path)
    }

    /// `ffprobe -print_format json -show_format -show_streams`, parsed.
    static func ffprobe(_ path: String) throws -> [String: Any] {
        let output = try run(tool("ffprobe"), ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path])
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any], "ffprobe printed no JSON for \(path)")
    }

    /// The first stream ffprobe sees in a picture file: its codec and size.
    static func picture(_ path: String) throws -> (codec: String?, width: Int?, height: Int?) {
        let streams = try ffprobe(path)["streams"] as? [[String: Any]] ?? []
        let first = try #require(streams.first, "ffprobe found no stream in \(path)")
        return (first["codec_name"] as? String, first["width"] as? Int, first["height"] as? Int)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(executable) \(arguments.joined(separator: " ")) failed")
        return data
    }
}
