import Foundation
import Testing

@testable import RunningHubSimulator

@Suite("Keys")
struct AuthTests {
    private let endpoint = "rhart-video-v3.1-fast/text-to-video"
    private let body: [String: Any] = ["prompt": "A paper boat on a river", "aspectRatio": "9:16", "resolution": "720p"]

    @Test("missing or unknown Bearer keys get 1002, non-enterprise keys 1014")
    func submitAuth() async throws {
        try await withSimulator { sim in
            for key in [nil, "sk-unknown"] as [String?] {
                let answer = try await sim.submit(endpoint, body, key: key).json()
                #expect(answer["errorCode"] as? String == "1002")
                #expect(answer["taskId"] as? String == "")
            }
            let denied = try await sim.submit(endpoint, body, key: TestKeys.normal).json()
            #expect(denied["errorCode"] as? String == "1014")
            #expect(
                (denied["errorMessage"] as? String)?.hasPrefix(
                    "Access Denied: Standard Model API is restricted to Enterprise-Shared API Keys only.") == true)
            let query = try await sim.query("1234567890123456789", key: "sk-unknown")
            #expect(query["errorCode"] as? String == "1002")
            let stats = await sim.server.stats()
            #expect(stats.tasksCreated == 0)
            #expect(stats.rejectedSubmits == 3)
        }
    }

    @Test("upload with a bad key answers code 401; account status with a bad key 802")
    func otherRoutes() async throws {
        try await withSimulator { sim in
            let upload = try await sim.upload(Fixtures.png, key: "sk-unknown")
            #expect(upload["code"] as? Int == 401)
            #expect(upload["message"] as? String == "ApiKey verification failed: API Key不存在")
            // A non-enterprise key may upload.
            #expect(try await sim.upload(Fixtures.png, key: TestKeys.normal)["code"] as? Int == 0)
            let account = try await sim.post("/uc/openapi/accountStatus", key: nil, json: #"{"apikey":"sk-unknown"}"#).json()
            #expect(account["code"] as? Int == 802)
            let byBody = try await sim.post("/uc/openapi/accountStatus", key: nil, json: #"{"apikey":"\#(TestKeys.normal)"}"#).json()
            #expect((byBody["data"] as? [String: Any])?["apiType"] as? String == "NORMAL")
            let queue = try await RawHTTP.send(port: sim.port, method: "GET", path: "/openapi/v2/queue/status").json()
            #expect(queue["code"] as? Int == 1002)
        }
    }

    @Test("the key is never written into answers or statistics")
    func keyNotEchoed() async throws {
        try await withSimulator { sim in
            let answer = try await sim.submit(endpoint, body)
            #expect(!answer.text.contains(TestKeys.enterprise))
            let stats = try await RawHTTP.send(port: sim.port, method: "GET", path: "/_sim/stats")
            #expect(!stats.text.contains(TestKeys.enterprise))
            #expect(stats.text.contains(maskKey(TestKeys.enterprise)))
        }
    }
}
