import Foundation
import Testing

@Suite("rh-sim executable")
struct ExecutableTests {
    /// `rh-sim` is built next to the test bundle (`swift build --build-tests` builds every product).
    private var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rh-sim")
    }

    @Test("prints `listening on http://127.0.0.1:PORT` first, serves the API with --script faults, and exits 0 on SIGTERM")
    func lifecycle() async throws {
        let path = binary.path
        try #require(FileManager.default.isExecutableFile(atPath: path), "build the rh-sim product first: \(path)")
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("rhsim-script-\(UUID().uuidString).json")
        try Data(#"[{"route":"queueStatus","fault":"http502"}]"#.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "--port", "0", "--api-key", TestKeys.enterprise, "--task-seconds", "0.2", "--log-level", "warning", "--script", script.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let line = try await Self.firstLine(of: output.fileHandleForReading)
        let prefix = "listening on http://127.0.0.1:"
        #expect(line.hasPrefix(prefix), "first line was \(line)")
        let port = try #require(Int(line.dropFirst(prefix.count)))
        #expect(port > 0)

        let answer = try await RawHTTP.postJSON(
            port: port, path: "/openapi/v2/rhart-video-v3.1-fast/text-to-video", key: TestKeys.enterprise,
            json: #"{"prompt":"A windmill at dusk","aspectRatio":"9:16","resolution":"720p"}"#
        ).json()
        #expect(answer["status"] as? String == "QUEUED")
        let queue = try await RawHTTP.send(
            port: port, method: "GET", path: "/openapi/v2/queue/status", headers: ["Authorization": "Bearer \(TestKeys.enterprise)"])
        #expect(queue.status == 502, "the fault from --script")

        process.terminate()
        let status = await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
        #expect(status == 0)
    }

    @Test("refuses to start without an API key")
    func needsKey() async throws {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--port", "0"]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        let status = await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
        #expect(status != 0)
    }

    /// Reads up to the first newline on a background thread.
    private static func firstLine(of handle: FileHandle) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    guard let byte = chunk.first else { break }
                    if byte == 10 { break }
                    bytes.append(byte)
                }
                if bytes.isEmpty {
                    continuation.resume(throwing: RawHTTPError(message: "rh-sim closed stdout without a line"))
                } else {
                    continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
                }
            }.start()
        }
    }
}
