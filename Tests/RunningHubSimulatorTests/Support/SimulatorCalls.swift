import Foundation
import Testing
import TestSupport

@testable import RunningHubSimulator

/// Keys every live test uses.
enum TestKeys {
    static let enterprise = "sk-enterprise-test-0001"
    static let second = "sk-enterprise-test-0002"
    static let normal = "sk-normal-test-0003"
}

/// A simulator on 127.0.0.1:0 for the duration of `body`, stopped (and its storage removed) after:
/// the live tests' keys, tasks of 0.2 s and quick slow bodies, then whatever `adjust` sets.
func withSimulator<T>(
    _ adjust: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: (SimulatorHarness) async throws -> T
) async throws -> T {
    var configuration = SimulatorConfiguration(apiKeys: [TestKeys.enterprise, TestKeys.second], nonEnterpriseKeys: [TestKeys.normal])
    configuration.taskSeconds = 0.2
    configuration.slowBodyChunkDelay = 0.01
    adjust(&configuration)
    return try await SimulatorHarness.with(configuration, body)
}

/// The raw HTTP calls the live tests make against a running simulator.
extension SimulatorHarness {
    func post(_ path: String, key: String? = TestKeys.enterprise, json: String) async throws -> RawResponse {
        try await RawHTTP.postJSON(port: port, path: path, key: key, json: json)
    }

    /// Submits a body (a dictionary serialised as JSON) to a Veo endpoint.
    func submit(_ endpoint: String, _ body: [String: Any], key: String? = TestKeys.enterprise) async throws -> RawResponse {
        try await post("/openapi/v2/\(endpoint)", key: key, json: Self.json(body))
    }

    func query(_ taskID: String, key: String? = TestKeys.enterprise) async throws -> [String: Any] {
        try await post("/openapi/v2/query", key: key, json: Self.json(["taskId": taskID])).json()
    }

    /// Polls until the task is SUCCESS or FAILED; returns every answer seen, in order.
    func waitForEnd(_ taskID: String, key: String = TestKeys.enterprise) async throws -> [[String: Any]] {
        var seen: [[String: Any]] = []
        for _ in 0..<1000 {
            let answer = try await query(taskID, key: key)
            seen.append(answer)
            if let status = answer["status"] as? String, status == "SUCCESS" || status == "FAILED" { return seen }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RawHTTPError(message: "Task \(taskID) did not end; last answer: \(seen.last ?? [:])")
    }

    /// Uploads bytes as the multipart part `file`; returns the parsed answer.
    func upload(_ bytes: [UInt8], filename: String = "input.bin", key: String? = TestKeys.enterprise) async throws -> [String: Any] {
        try await uploadRaw(bytes, filename: filename, key: key).json()
    }

    func uploadRaw(_ bytes: [UInt8], filename: String = "input.bin", key: String? = TestKeys.enterprise, partName: String = "file")
        async throws -> RawResponse
    {
        let boundary = "----simtest\(UInt32.random(in: 0...UInt32.max))"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(partName)\"; filename=\"\(filename)\"\r\n".utf8)
        body += Array("Content-Type: application/octet-stream\r\n\r\n".utf8) + bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
        if let key { headers["Authorization"] = "Bearer \(key)" }
        return try await RawHTTP.send(port: port, method: "POST", path: "/openapi/v2/media/upload/binary", headers: headers, body: body)
    }

    /// Uploads and returns the signed `download_url`.
    func uploadURL(_ bytes: [UInt8], filename: String) async throws -> String {
        let answer = try await upload(bytes, filename: filename)
        let data = try #require(answer["data"] as? [String: Any], "upload answer: \(answer)")
        return try #require(data["download_url"] as? String)
    }

    static func json(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Small valid media for media fields.
enum Fixtures {
    /// A 1×1 PNG.
    static let png: [UInt8] = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==") ?? Data())
    /// A 6 s MP4 made the way results are made.
    static let mp4: [UInt8] = MP4Clip.make(seconds: 6, portrait: false, taskID: "fixture", extensions: 0)

    /// Deterministic pseudo-random bytes.
    static func bytes(_ count: Int, seed: UInt64 = 7) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            let value = random.next()
            for shift in stride(from: 0, to: 64, by: 8) where out.count < count {
                out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            }
        }
        return out
    }
}

/// Path of ffprobe (Debian's ffmpeg package; scripts/lib/deps.sh installs it).
let ffprobePath: String? = ["/usr/bin/ffprobe", "/usr/local/bin/ffprobe"].first { FileManager.default.isExecutableFile(atPath: $0) }

struct FFprobeMissing: Error, CustomStringConvertible {
    var description: String { "ffprobe is not installed: install Debian's ffmpeg package (scripts/test.sh does) so clips can be checked" }
}

/// The duration ffprobe reports for a file, in seconds; nil when ffprobe refuses the file.
/// Throws when ffprobe is missing: a check that cannot run must fail, never pass silently.
func ffprobeDuration(of bytes: [UInt8]) throws -> Double? {
    guard let ffprobePath else { throw FFprobeMissing() }
    let folder = try TemporaryFolder(prefix: "simtest")
    defer { folder.remove() }
    let path = try folder.write("clip.mp4", Data(bytes))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ffprobePath)
    process.arguments = ["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}
