import Foundation
import Testing
import TestSupport

/// Fast timings for end-to-end runs: the simulator's tasks last fractions of a second.
let fastRunOptions = ["--poll-interval", "0.1", "--no-progress", "--test-time-scale", "0.001", "--settle", "0"]

/// Copies `manifests/example` into a scratch folder so runs never write into the repository.
func copyExampleFolder(to scratch: TemporaryFolder) throws -> String {
    let source = repositoryRoot.appendingPathComponent("manifests/example")
    let target = scratch.url.appendingPathComponent("example")
    try FileManager.default.copyItem(at: source, to: target)
    return target.appendingPathComponent("shots.csv").path
}

/// Writes a manifest of `count` text-to-video rows (no media) on the low-price channel.
func writeTextManifest(rows count: Int, in scratch: TemporaryFolder, name: String = "batch.csv") throws -> String {
    var text = "id,model,prompt,aspect_ratio,resolution\n"
    for index in 1...count {
        text += "shot\(String(format: "%03d", index)),rhart-video-v3.1-fast/text-to-video,\"Shot \(index): a lighthouse beam sweeps the harbour.\",16:9,720p\n"
    }
    let path = scratch.path(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Duration in seconds of an MP4 according to ffprobe, or nil when ffprobe is absent or refuses it.
func ffprobeDuration(_ path: String) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ffprobe")
    process.arguments = ["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return Double(text.trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Fails the calling test when ffprobe is missing: a check that cannot run must never pass silently.
func requireFFprobe() throws {
    try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/ffprobe"),
                 "ffprobe is not installed: install Debian's ffmpeg package (scripts/test.sh does) so clips can be checked")
}

/// Every regular file below `folder` whose name ends in `suffix` (not the `ROW.current.mp4` links).
func files(in folder: String, endingWith suffix: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) }.map { folder + "/" + $0 }
        .filter { (try? FileManager.default.attributesOfItem(atPath: $0)[.type] as? FileAttributeType) == .typeRegular }.sorted()
}
