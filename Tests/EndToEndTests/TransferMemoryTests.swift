import Crypto
import Foundation
import Hummingbird
import Logging
import Subprocess
import Synchronization
import SystemPackage
import Testing
import TestSupport

/// Runs the built `veobatch transfer` under `/usr/bin/time -v` and checks that a 50 MB file goes
/// up and comes back byte-identical while the process's peak memory stays under 64 MB — the
/// proof that uploads stream from disk and downloads stream to disk.
@Suite("Curl transfer memory (end to end)")
struct CurlTransferMemoryTests {
    static let limitKilobytes = 64 * 1024
    static let fiftyMegabytes: Int64 = 50 * 1_048_576

    @Test("veobatch transfer moves 50 MB up and back byte-identical with peak RSS under 64 MB")
    func fiftyMegabytesRoundTripStaysSmall() async throws {
        let scratch = try TemporaryFolder(prefix: "transfer-memory")
        defer { scratch.remove() }
        let folder = scratch.path
        let original = "\(folder)/take-1.mp4"
        let originalHash = try writeRandomFile(at: original, megabytes: 50)
        let veobatch = try Binaries.built("veobatch")

        try await TransferFixture.with(store: "\(folder)/store") { fixture in
            let upload = try await runMeasured(veobatch, ["transfer", "upload", "--url", "\(fixture.baseURL)/upload", original])
            #expect(upload.exitedCleanly, "upload failed: \(upload.output) \(upload.errors)")
            #expect(upload.output.contains("uploaded 1 of 1 files"))
            #expect(fixture.received("take-1.mp4")?.sha256 == originalHash)
            #expect(fixture.received("take-1.mp4")?.length == Self.fiftyMegabytes)

            let out = "\(folder)/out"
            let download = try await runMeasured(
                veobatch, ["transfer", "download", "--parallel", "1", "--out", out, "\(fixture.baseURL)/files/take-1.mp4"])
            #expect(download.exitedCleanly, "download failed: \(download.output) \(download.errors)")
            #expect(try sha256(of: "\(out)/take-1.mp4") == originalHash)
            #expect(!FileManager.default.fileExists(atPath: "\(out)/take-1.mp4.part"))

            #expect(upload.peakKilobytes > 0 && upload.peakKilobytes < Self.limitKilobytes, "upload peak RSS \(upload.peakKilobytes) KB")
            #expect(download.peakKilobytes > 0 && download.peakKilobytes < Self.limitKilobytes, "download peak RSS \(download.peakKilobytes) KB")
            print("veobatch transfer peak RSS: upload \(upload.peakKilobytes) KB, download \(download.peakKilobytes) KB (\(upload.measuredBy))")
        }
    }
}

/// One run of the binary with its peak resident set size.
struct MeasuredRun {
    var exitedCleanly: Bool
    var output: String
    var errors: String
    var peakKilobytes: Int
    var measuredBy: String
}

/// Runs `executable` under `/usr/bin/time -v` (apt package `time`) and reads "Maximum resident set
/// size"; without it, falls back to the figure `veobatch transfer` prints from getrusage.
func runMeasured(_ executable: String, _ arguments: [String]) async throws -> MeasuredRun {
    let timeTool = "/usr/bin/time"
    let useTime = FileManager.default.isExecutableFile(atPath: timeTool)
    let result = try await Subprocess.run(
        .path(FilePath(useTime ? timeTool : executable)),
        arguments: Arguments(useTime ? ["-v", executable] + arguments : arguments),
        output: .string(limit: 1 << 20),
        error: .string(limit: 1 << 20))
    let output = result.standardOutput
    let errors = result.standardError
    let peak: Int
    if useTime {
        peak = number(after: "Maximum resident set size (kbytes):", in: errors) ?? 0
    } else {
        peak = number(after: "peak RSS", in: output) ?? 0
    }
    return MeasuredRun(
        exitedCleanly: result.terminationStatus.isSuccess, output: output, errors: errors, peakKilobytes: peak,
        measuredBy: useTime ? "/usr/bin/time -v" : "getrusage in veobatch")
}

private func number(after label: String, in text: String) -> Int? {
    guard let range = text.range(of: label) else { return nil }
    let digits = text[range.upperBound...].drop(while: { $0 == " " || $0 == "\t" }).prefix(while: \.isNumber)
    return Int(digits)
}

private func writeRandomFile(at path: String, megabytes: Int) throws -> String {
    guard FileManager.default.createFile(atPath: path, contents: nil), let output = FileHandle(forWritingAtPath: path),
        let random = FileHandle(forReadingAtPath: "/dev/urandom")
    else { throw TransferFixtureError("could not create \(path)") }
    defer {
        try? output.close()
        try? random.close()
    }
    var hasher = SHA256()
    for _ in 0..<megabytes {
        let chunk = random.readData(ofLength: 1_048_576)
        hasher.update(data: chunk)
        try output.write(contentsOf: chunk)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
}

func sha256(of path: String) throws -> String {
    guard let input = FileHandle(forReadingAtPath: path) else { throw TransferFixtureError("cannot read \(path)") }
    defer { try? input.close() }
    var hasher = SHA256()
    while let chunk = try input.read(upToCount: 1_048_576), !chunk.isEmpty {
        hasher.update(data: chunk)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
}

struct TransferFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
