import Foundation
import Testing
import TestSupport

@Suite("rh-sim executable")
struct ExecutableTests {
    @Test("prints `listening on http://127.0.0.1:PORT` first, serves the API with --script faults, and exits 0 on SIGTERM")
    func lifecycle() async throws {
        let folder = try TemporaryFolder(prefix: "rhsim-script")
        defer { folder.remove() }
        let script = try folder.write("script.json", text: #"[{"route":"queueStatus","fault":"http502"}]"#)
        let simulator = try SimulatorProcess(arguments: [
            "--port", "0", "--api-key", TestKeys.enterprise, "--task-seconds", "0.2", "--log-level", "warning", "--script", script,
        ])
        defer { simulator.terminate() }

        let line = try await simulator.firstLine()
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

        simulator.terminate()
        #expect(await simulator.exitStatus() == 0)
    }

    @Test("refuses to start without an API key")
    func needsKey() async throws {
        let simulator = try SimulatorProcess(arguments: ["--port", "0"])
        #expect(await simulator.exitStatus() != 0)
    }
}
