import Foundation
import Testing

@testable import RunningHubSimulator

/// The simulator follows the amended contract (runninghub-api.md section A): submits over the
/// limit are queued by default, the new and delisted endpoints, 301, upload code 200, webhookUrl,
/// the key list, and result URLs that stop working.
@Suite("Amended contract of 2026-12")
struct AmendedContractTests {
    private let t2v = "rhart-video-v3.1-fast-official/text-to-video"
    private func body(_ prompt: String = "A red kite over green hills") -> [String: Any] {
        ["prompt": prompt, "duration": "4", "resolution": "720p", "generateAudio": false, "aspectRatio": "16:9"]
    }

    @Test("over the limit a submit is created and stays QUEUED until a slot frees; queue status counts it")
    func overLimitQueues() async throws {
        try await withSimulator({
            $0.concurrentLimit = 1
            $0.taskSeconds = 600
        }) { sim in
            let first = try await sim.submit(t2v, body("A kite number 1 over hills")).json()
            let second = try await sim.submit(t2v, body("A kite number 2 over hills")).json()
            #expect(first["status"] as? String == "QUEUED")
            #expect(second["status"] as? String == "QUEUED")
            let secondID = try #require(second["taskId"] as? String)
            #expect(!secondID.isEmpty && second["errorCode"] as? String == "")
            #expect(try await sim.query(secondID)["status"] as? String == "QUEUED")
            let stats = await sim.server.stats()
            #expect(stats.tasksCreated == 2)
            #expect(stats.queuedOverLimit == 1)
            #expect(stats.rejectedSubmits == 0)
            let records = await sim.server.tasks()
            #expect(records.filter { $0.queuedOverLimit == true }.count == 1)
            let queue = try await RawHTTP.send(
                port: sim.port, method: "GET", path: "/openapi/v2/queue/status", headers: ["Authorization": "Bearer \(TestKeys.enterprise)"]
            ).json()
            let data = try #require(queue["data"] as? [String: Any])
            #expect(data["queuedCount"] as? String == "2")
        }
    }

    @Test("a queued task runs when the slot frees and ends SUCCESS")
    func queuedTaskRunsLater() async throws {
        try await withSimulator({
            $0.concurrentLimit = 1
            $0.taskSeconds = 0.2
        }) { sim in
            let first = try #require(try await sim.submit(t2v, body("A kite number 1 over hills")).json()["taskId"] as? String)
            let second = try #require(try await sim.submit(t2v, body("A kite number 2 over hills")).json()["taskId"] as? String)
            #expect(try await sim.waitForEnd(first).last?["status"] as? String == "SUCCESS")
            let answers = try await sim.waitForEnd(second)
            #expect(answers.last?["status"] as? String == "SUCCESS")
            #expect(answers.contains { $0["status"] as? String == "RUNNING" } || answers.count == 1)
        }
    }

    @Test("schema refusals answer 301 PARAMS_INVALID when so configured, 1007 by default", arguments: ["1007", "301"])
    func paramErrorCode(code: String) async throws {
        try await withSimulator({ $0.paramErrorCode = code }) { sim in
            let answer = try await sim.submit(t2v, body("shrt")).json()
            #expect(answer["errorCode"] as? String == code)
            #expect((answer["errorMessage"] as? String)?.contains("at least 5") == true)
            #expect(await sim.server.stats().tasksCreated == 0)
        }
    }

    @Test("an upload answers message success with code 0 or 200", arguments: [0, 200])
    func uploadSuccessCode(code: Int) async throws {
        try await withSimulator({ $0.uploadSuccessCode = code }) { sim in
            let answer = try await sim.upload(Fixtures.png, filename: "a.png")
            #expect(answer["code"] as? Int == code)
            #expect(answer["message"] as? String == "success")
            #expect((answer["data"] as? [String: Any])?["download_url"] is String)
        }
    }

    @Test("the delisted lite low-price endpoints answer an error and create nothing")
    func delistedEndpointRefuses() async throws {
        try await withSimulator { sim in
            let answer = try await sim.submit("rhart-video-v3.1-lite/text-to-video", body()).json()
            #expect(answer["errorCode"] as? String == "1001")
            #expect((answer["errorMessage"] as? String)?.contains("delisted") == true)
            #expect(await sim.server.stats().tasksCreated == 0)
        }
    }

    @Test("the new fast-official reference-to-video takes 1-3 images and renders 8 s")
    func newReferenceEndpoint() async throws {
        try await withSimulator { sim in
            let image = try await sim.uploadURL(Fixtures.png, filename: "ref.png")
            let endpoint = "rhart-video-v3.1-fast-official/reference-to-video"
            let answer = try await sim.submit(endpoint, ["prompt": "A kite over hills", "imageUrls": [image], "resolution": "720p", "generateAudio": false]).json()
            let taskID = try #require(answer["taskId"] as? String, "\(answer)")
            let done = try #require(try await sim.waitForEnd(taskID).last)
            #expect(done["status"] as? String == "SUCCESS")
            let withDuration = try await sim.submit(endpoint, ["prompt": "A kite over hills", "imageUrls": [image], "resolution": "720p", "duration": "8"]).json()
            #expect(withDuration["errorCode"] as? String == "1007", "it has no duration field: \(withDuration)")
        }
    }

    @Test("pro low-price image-to-video requires resolution; fast seeds must be 0 or more")
    func amendedFields() async throws {
        try await withSimulator { sim in
            let image = try await sim.uploadURL(Fixtures.png, filename: "frame.png")
            let pro = try await sim.submit(
                "rhart-video-v3.1-pro/image-to-video", ["prompt": "A kite over hills", "imageUrl": image, "aspectRatio": "16:9"]).json()
            #expect(pro["errorCode"] as? String == "1007")
            #expect((pro["errorMessage"] as? String)?.contains("`resolution` is required") == true, "\(pro)")
            var seeded = body()
            seeded["seed"] = -1
            let seed = try await sim.submit(t2v, seeded).json()
            #expect((seed["errorMessage"] as? String)?.contains("at least 0") == true, "\(seed)")
        }
    }

    @Test("webhookUrl is accepted on a standard-model submit")
    func webhookAccepted() async throws {
        try await withSimulator { sim in
            var hooked = body()
            hooked["webhookUrl"] = "https://example.com/hook"
            let answer = try await sim.submit(t2v, hooked).json()
            #expect((answer["taskId"] as? String)?.isEmpty == false, "\(answer)")
        }
    }

    @Test("GET /openapi/v2/api-key/list answers the key's quota and expiry, or 404 when switched off")
    func apiKeyList() async throws {
        try await withSimulator({ $0.keyQuotaLimit = 50 }) { sim in
            let answer = try await RawHTTP.send(
                port: sim.port, method: "GET", path: "/openapi/v2/api-key/list", headers: ["Authorization": "Bearer \(TestKeys.enterprise)"]
            ).json()
            #expect(answer["code"] as? Int == 0)
            let keys = try #require(answer["data"] as? [[String: Any]])
            #expect(keys.count == 1)
            #expect(keys[0]["quotaLimit"] as? String == "50.00")
            #expect(keys[0]["expireInMinute"] is Int)
            #expect((keys[0]["apiKey"] as? String)?.contains(TestKeys.enterprise) == false)
        }
        try await withSimulator({ $0.keyQuotaLimit = nil }) { sim in
            let answer = try await RawHTTP.send(
                port: sim.port, method: "GET", path: "/openapi/v2/api-key/list", headers: ["Authorization": "Bearer \(TestKeys.enterprise)"])
            #expect(answer.status == 404)
        }
    }

    @Test("an extend of a result over 10 MB answers 1008")
    func extendInputOverTenMegabytes() async throws {
        try await withSimulator({ $0.resultPaddingBytes = 11 * 1024 * 1024 }) { sim in
            let base = try #require(try await sim.submit(t2v, body()).json()["taskId"] as? String)
            let done = try #require(try await sim.waitForEnd(base).last)
            let url = try #require((done["results"] as? [[String: Any]])?.first?["url"] as? String)
            let answer = try await sim.submit("rhart-video-v3.1-fast-official/video-extend", ["video": url, "resolution": "720p"]).json()
            #expect(answer["errorCode"] as? String == "1008", "\(answer)")
        }
    }

    @Test("a result URL stops working after --result-url-lifetime")
    func resultURLExpires() async throws {
        try await withSimulator({ $0.resultURLLifetime = 0 }) { sim in
            let base = try #require(try await sim.submit(t2v, body()).json()["taskId"] as? String)
            let done = try #require(try await sim.waitForEnd(base).last)
            let url = try #require((done["results"] as? [[String: Any]])?.first?["url"] as? String)
            #expect(try await RawHTTP.get(url).status == 403)
        }
    }
}
