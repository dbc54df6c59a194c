import Crypto
import Foundation
import Testing
import TestSupport

@testable import RunningHubSimulator

@Suite("Fault injection")
struct FaultTests {
    private let t2v = "rhart-video-v3.1-fast/text-to-video"
    private let body: [String: Any] = ["prompt": "A lantern drifting on a lake", "aspectRatio": "16:9", "resolution": "720p"]

    /// What a client that fingerprints its body canonically (sorted keys) would compute.
    private var fingerprint: String {
        let data = Data(SimulatorHarness.json(body).utf8)
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    @Test("dropConnection sends nothing and creates nothing; createThenDrop sends nothing but creates the task")
    func drops() async throws {
        try await withSimulator { sim in
            await sim.server.script([
                ScriptedFault(route: .submit, fault: .dropConnection), ScriptedFault(route: .submit, fault: .createThenDrop),
            ])
            let dropped = try await sim.submit(t2v, body)
            #expect(dropped.status == nil)
            #expect(dropped.totalBytes == 0)
            #expect(await sim.server.stats().tasksCreated == 0)

            let created = try await sim.submit(t2v, body)
            #expect(created.status == nil)
            #expect(created.totalBytes == 0)
            var stats = await sim.server.stats()
            #expect(stats.tasksCreated == 1)
            #expect(stats.submitsByFingerprint == [fingerprint: 1])

            // A client that blindly resubmits is caught by the fingerprint count.
            #expect(try await sim.submit(t2v, body).json()["status"] as? String == "QUEUED")
            stats = await sim.server.stats()
            #expect(stats.submitsByFingerprint[fingerprint] == 2)
            #expect(stats.faultsInjected == ["dropConnection": 1, "createThenDrop": 1])
            #expect(stats.requestsByRoute["submit"] == 3)
        }
    }

    @Test("HTTP 5xx and 429 come as gateway pages; capacity in the route's own shape")
    func statuses() async throws {
        try await withSimulator { sim in
            let kinds: [(FaultKind, Int)] = [(.http500, 500), (.http502, 502), (.http503, 503), (.http429, 429)]
            await sim.server.script(kinds.map { ScriptedFault(route: .query, fault: $0.0) })
            for (_, status) in kinds {
                let answer = try await sim.post("/openapi/v2/query", json: #"{"taskId":"1"}"#)
                #expect(answer.status == status)
                #expect(answer.headers["content-type"] == "text/html")
                #expect(answer.text.contains("<h1>\(status)"))
            }
            await sim.server.script([
                ScriptedFault(route: .submit, fault: .capacity(code: "415")),
                ScriptedFault(route: .upload, fault: .capacity(code: "421")),
                ScriptedFault(route: .queueStatus, fault: .capacity(code: "1003")),
            ])
            let submit = try await sim.submit(t2v, body).json()
            #expect(submit["errorCode"] as? String == "415")
            #expect(submit["taskId"] as? String == "")
            #expect(try await sim.upload(Fixtures.png)["code"] as? Int == 421)
            let queue = try await RawHTTP.send(
                port: sim.port, method: "GET", path: "/openapi/v2/queue/status", headers: ["Authorization": "Bearer \(TestKeys.enterprise)"]
            ).json()
            #expect(queue["code"] as? Int == 1003)
            let stats = await sim.server.stats()
            #expect(stats.tasksCreated == 0)
            #expect(stats.uploads == 0)
            #expect(stats.faultsInjected["http502"] == 1)
            #expect(stats.faultsInjected["capacity:415"] == 1)
        }
    }

    @Test("slowBody arrives whole in pieces; truncatedBody stops at half its Content-Length")
    func bodies() async throws {
        try await withSimulator({ $0.slowBodyChunkDelay = 0.05 }) { sim in
            let url = try await sim.uploadURL(Fixtures.bytes(200_000), filename: "a.bin")
            await sim.server.script([
                ScriptedFault(route: .download, fault: .slowBody), ScriptedFault(route: .download, fault: .truncatedBody),
                ScriptedFault(route: .submit, fault: .truncatedBody), ScriptedFault(route: .query, fault: .slowBody),
            ])
            let slow = try await RawHTTP.get(url)
            #expect(slow.status == 200)
            #expect(slow.body == Fixtures.bytes(200_000))
            // Ten pieces with 50 ms between them cannot all arrive in one read.
            #expect(slow.reads >= 2, "a slow body should arrive in several pieces, came in \(slow.reads)")

            let cut = try await RawHTTP.get(url)
            #expect(cut.status == 200)
            #expect(cut.declaredLength == 200_000)
            #expect(cut.body == Array(Fixtures.bytes(200_000).prefix(100_000)))
            #expect(!cut.isComplete)

            let cutSubmit = try await sim.submit(t2v, body)
            #expect(cutSubmit.status == 200)
            #expect(!cutSubmit.isComplete)
            #expect(await sim.server.stats().tasksCreated == 1, "a truncated submit answer still created its task")

            let slowQuery = try await sim.post("/openapi/v2/query", json: #"{"taskId":"1"}"#)
            #expect(slowQuery.isComplete)
            #expect(try slowQuery.json()["errorCode"] as? String == "1004")
            #expect(await sim.server.stats().downloadBytes == 300_000)
        }
    }

    @Test("a random fault rate with a seed replays the same faults; the script route checks its input")
    func rate() async throws {
        func run() async throws -> [String: Int] {
            try await withSimulator({
                $0.faultRate = 0.5
                $0.seed = 2024
            }) { sim in
                for _ in 0..<30 {
                    _ = try await RawHTTP.send(
                        port: sim.port, method: "GET", path: "/openapi/v2/queue/status",
                        headers: ["Authorization": "Bearer \(TestKeys.enterprise)"])
                }
                return await sim.server.stats().faultsInjected
            }
        }
        let first = try await run()
        #expect(first.values.reduce(0, +) > 0)
        #expect(try await run() == first)

        try await withSimulator { sim in
            let good = try await sim.post("/_sim/script", key: nil, json: #"[{"route":"any","fault":"http503","count":2}]"#)
            #expect(good.status == 200)
            let bad = try await sim.post("/_sim/script", key: nil, json: #"[{"route":"query","fault":"failTask:1501"}]"#)
            #expect(bad.status == 400)
            let garbage = try await sim.post("/_sim/script", key: nil, json: #"{"route":"query"}"#)
            #expect(garbage.status == 400)
            #expect(try await sim.post("/openapi/v2/query", json: "{}").status == 503)
            #expect(try await sim.uploadRaw(Fixtures.png).status == 503)
            let stats = try JSONDecoder().decode(
                SimulatorStats.self, from: Data(try await RawHTTP.send(port: sim.port, method: "GET", path: "/_sim/stats").body))
            #expect(stats.faultsInjected["http503"] == 2)
            _ = try await sim.post("/_sim/reset-stats", key: nil, json: "{}")
            #expect(await sim.server.stats() == SimulatorStats())
        }
    }
}
