import Foundation
import Testing
import TestSupport

@testable import RunningHubSimulator

@Suite("Task lifecycle, capacity, queue and account")
struct LifecycleTests {
    private let t2v = "rhart-video-v3.1-fast-official/text-to-video"
    private func body(_ prompt: String = "A red kite over green hills") -> [String: Any] {
        ["prompt": prompt, "duration": "6", "resolution": "1080p", "generateAudio": true, "aspectRatio": "9:16"]
    }

    @Test("QUEUED → RUNNING → SUCCESS with usage and a signed MP4 of the asked duration")
    func success() async throws {
        try await withSimulator({ $0.currency = "CNY" }) { sim in
            let submitted = try await sim.submit(t2v, body()).json()
            let taskID = try #require(submitted["taskId"] as? String)
            #expect(submitted["status"] as? String == "QUEUED")
            #expect((submitted["clientId"] as? String)?.isEmpty == false)
            let answers = try await sim.waitForEnd(taskID)
            let statuses = answers.compactMap { $0["status"] as? String }
            let order = ["QUEUED": 0, "RUNNING": 1, "SUCCESS": 2]
            let ranks = statuses.compactMap { order[$0] }
            #expect(ranks.count == statuses.count, "unexpected statuses \(statuses)")
            #expect(ranks == ranks.sorted(), "statuses went backwards: \(statuses)")
            for answer in answers.dropLast() {
                #expect(answer["results"] is NSNull)
                #expect(answer["usage"] is NSNull)
            }
            let done = try #require(answers.last)
            #expect(done["status"] as? String == "SUCCESS")
            #expect(done["errorCode"] as? String == "")
            let usage = try #require(done["usage"] as? [String: Any])
            // As on the live service: the charge in thirdPartyConsumeMoney, consumeMoney null.
            #expect(usage["thirdPartyConsumeMoney"] as? String == "5.32")
            #expect(usage["consumeCoins"] as? String == "0")
            #expect(usage["consumeMoney"] is NSNull)
            #expect(usage["taskCostTime"] is String)
            let results = try #require(done["results"] as? [[String: Any]])
            #expect(results.count == 1)
            #expect(results[0]["outputType"] as? String == "mp4")
            #expect(results[0]["text"] is NSNull)
            let url = try #require(results[0]["url"] as? String)
            // The same link on every query.
            #expect((try await sim.query(taskID)["results"] as? [[String: Any]])?.first?["url"] as? String == url)
            let clip = try await RawHTTP.get(url)
            #expect(clip.status == 200)
            #expect(clip.headers["content-type"] == "video/mp4")
            let facts = try #require(MP4Facts.read(bytes: clip.body))
            #expect(facts.seconds == 6)
            #expect(facts.portrait)
            let probed = try #require(try ffprobeDuration(of: clip.body), "ffprobe refuses the clip")
            #expect(abs(probed - 6) < 0.01)

            let other = try #require(try await sim.submit(t2v, body("A blue kite over green hills")).json()["taskId"] as? String)
            let otherURL = try #require(((try await sim.waitForEnd(other).last?["results"]) as? [[String: Any]])?.first?["url"] as? String)
            #expect(try await RawHTTP.get(otherURL).body != clip.body, "every result is a distinct file")

            let account = try await sim.post("/uc/openapi/accountStatus", json: "{}").json()
            let data = try #require(account["data"] as? [String: Any])
            #expect(data["remainMoney"] as? String == "988.36")
            #expect(data["currency"] as? String == "CNY")
        }
    }

    @Test("unknown or foreign task ids answer 1004; numeric ids 1007")
    func unknownTask() async throws {
        try await withSimulator { sim in
            let taskID = try #require(try await sim.submit(t2v, body()).json()["taskId"] as? String)
            #expect(try await sim.query("1111111111111111111")["errorCode"] as? String == "1004")
            #expect(try await sim.query(taskID, key: TestKeys.second)["errorCode"] as? String == "1004")
            let numeric = try await sim.post("/openapi/v2/query", json: #"{"taskId":1234}"#).json()
            #expect(numeric["errorCode"] as? String == "1007")
        }
    }

    @Test("a scripted failTask ends FAILED with its code and message")
    func failedTask() async throws {
        try await withSimulator { sim in
            await sim.server.script([ScriptedFault(route: .submit, fault: .failTask(code: "1505"))])
            let taskID = try #require(try await sim.submit(t2v, body()).json()["taskId"] as? String)
            let done = try #require(try await sim.waitForEnd(taskID).last)
            #expect(done["status"] as? String == "FAILED")
            #expect(done["errorCode"] as? String == "1505")
            #expect((done["errorMessage"] as? String)?.contains("Photorealistic") == true)
            #expect(done["results"] is NSNull)
            #expect(await sim.server.stats().faultsInjected["failTask:1505"] == 1)
        }
    }

    @Test("over the per-key limit a submit gets the capacity code; queue status counts per key", arguments: ["421", "1520"])
    func capacity(code: String) async throws {
        try await withSimulator({
            $0.concurrentLimit = 2
            $0.taskSeconds = 600
            $0.capacityCode = code
            $0.overLimit = .refuse
        }) { sim in
            for index in 0..<2 {
                #expect(try await sim.submit(t2v, body("A kite number \(index) over hills")).json()["status"] as? String == "QUEUED")
            }
            let refused = try await sim.submit(t2v, body("A kite number 3 over hills")).json()
            #expect(refused["errorCode"] as? String == code)
            #expect(refused["taskId"] as? String == "")
            // Another key has its own limit.
            #expect(try await sim.submit(t2v, body(), key: TestKeys.second).json()["status"] as? String == "QUEUED")

            let queue = try await RawHTTP.send(
                port: sim.port, method: "GET", path: "/openapi/v2/queue/status", headers: ["Authorization": "Bearer \(TestKeys.enterprise)"]
            ).json()
            #expect(queue["code"] as? Int == 0)
            let data = try #require(queue["data"] as? [String: Any])
            #expect(data["apiKeyType"] as? String == "SHARED")
            #expect(data["concurrentLimit"] as? Int == 2)
            #expect(data["totalCurrentTasks"] as? String == "2")
            #expect(data["queuedCount"] as? String == "2")
            #expect(data["runningCount"] as? String == "0")
            let wrongMethod = try await sim.post("/openapi/v2/queue/status", json: "{}").json()
            #expect(wrongMethod["errorCode"] as? String == "1009")
            #expect(wrongMethod["code"] as? Int == 1009)

            let stats = await sim.server.stats()
            #expect(stats.maxInFlightPerKey[maskKey(TestKeys.enterprise)] == 2)
            #expect(stats.maxInFlightPerKey[maskKey(TestKeys.second)] == 1)
            #expect(stats.rejectedSubmits == 1)
        }
    }

    @Test("a USD simulator prices at CNY list / 6.9 in cents, times --price-scale, in previews, charges and accountStatus")
    func usdPrices() async throws {
        try await withSimulator({ $0.priceScale = 3 }) { sim in
            let answer = try await sim.post("/openapi/v2/price-preview/\(t2v)", json: SimulatorHarness.json(body())).json()
            // 5.32 CNY / 6.9 = 0.771… → 0.77 USD; × 3 = 2.31.
            #expect(answer["estimatedPrice"] as? Double == 2.31)
            #expect(answer["currency"] as? String == "USD")
            #expect(answer["priceTextEn"] as? String == "2.31 USD")
            let taskID = try #require(try await sim.submit(t2v, body()).json()["taskId"] as? String)
            let usage = try #require(try await sim.waitForEnd(taskID).last?["usage"] as? [String: Any])
            #expect(usage["thirdPartyConsumeMoney"] as? String == "2.31")
            #expect(usage["consumeMoney"] is NSNull)
            let data = try #require(try await sim.post("/uc/openapi/accountStatus", json: "{}").json()["data"] as? [String: Any])
            #expect(data["currency"] as? String == "USD")
            #expect(data["remainMoney"] as? String == "996.69")
            #expect(await sim.server.tasks().map(\.charged) == ["2.31"])
            #expect(await sim.server.tasks().map(\.currency) == ["USD"])
        }
    }

    @Test("price preview answers the table price with a numeric errorCode")
    func pricePreview() async throws {
        try await withSimulator({ $0.currency = "CNY" }) { sim in
            let answer = try await sim.post("/openapi/v2/price-preview/\(t2v)", json: SimulatorHarness.json(body())).json()
            #expect(answer["errorCode"] as? Int == 0)
            #expect(answer["estimatedPrice"] as? Double == 5.32)
            #expect(answer["currency"] as? String == "CNY")
            #expect(answer["priceText"] as? String == "5.32 元")
            #expect(answer["priceTextEn"] as? String == "5.32 CNY")
            let invalid = try await sim.post("/openapi/v2/price-preview/\(t2v)", json: #"{"prompt":"hello world"}"#).json()
            #expect(invalid["errorCode"] as? Int == 1007)
            #expect(await sim.server.stats().tasksCreated == 0)
        }
    }

    @Test("unknown API paths answer HTTP 404 with 1001")
    func unknownPath() async throws {
        try await withSimulator { sim in
            let answer = try await sim.post("/openapi/v2/rhart-video-v9/text-to-video", json: "{}")
            #expect(answer.status == 404)
            #expect(try answer.json()["errorCode"] as? String == "1001")
        }
    }
}
