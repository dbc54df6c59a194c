import Foundation
import Testing
import TestSupport

@testable import RunningHubSimulator

@Suite("Every Veo endpoint over HTTP")
struct EndpointTests {
    /// A valid body from the table defaults, with media fields pointing at uploaded files.
    private func validBody(_ spec: EndpointSpec, image: String, video: String) -> [String: Any] {
        var body: [String: Any] = [:]
        for (key, value) in spec.defaultBody(mediaURL: image) {
            switch value {
            case .string(let text): body[key] = spec.param(key)?.type == "VIDEO" ? video : text
            case .bool(let flag): body[key] = flag
            case .int(let number): body[key] = number
            case .array(let items): body[key] = items.compactMap(\.stringValue)
            default: break
            }
        }
        return body
    }

    @Test("each endpoint accepts its default body and refuses unknown fields, bad options and wrong types with 1007")
    func acceptAndReject() async throws {
        let catalog = try VeoCatalog.load()
        try await withSimulator { sim in
            let image = try await sim.uploadURL(Fixtures.png, filename: "frame.png")
            let video = try await sim.uploadURL(Fixtures.mp4, filename: "clip.mp4")
            // The delisted endpoints answer an error whatever the body (AmendedContractTests).
            let listed = catalog.endpoints.values.filter { !$0.delisted }
            #expect(listed.count == catalog.endpoints.count - 2)
            for spec in listed.sorted(by: { $0.endpoint < $1.endpoint }) {
                let body = validBody(spec, image: image, video: video)
                let accepted = try await sim.submit(spec.endpoint, body).json()
                #expect(accepted["status"] as? String == "QUEUED", "\(spec.endpoint): \(accepted)")
                #expect(accepted["errorCode"] as? String == "", "\(spec.endpoint)")
                let taskID = try #require(accepted["taskId"] as? String, "\(spec.endpoint)")
                #expect(taskID.count == 19 && taskID.allSatisfy(\.isNumber))
                #expect(accepted["results"] is NSNull)

                var unknown = body
                unknown["referenceImages"] = [image]
                try await expect1007(sim, spec.endpoint, unknown, mentioning: "referenceImages")

                let list = try #require(spec.params.first { $0.kind == .list }, "\(spec.endpoint) has a LIST field")
                var badOption = body
                badOption[list.fieldKey] = "999p"
                try await expect1007(sim, spec.endpoint, badOption, mentioning: list.fieldKey)

                var wrongType = body
                wrongType["prompt"] = 12345
                try await expect1007(sim, spec.endpoint, wrongType, mentioning: "prompt")
            }
            let stats = await sim.server.stats()
            #expect(stats.tasksCreated == listed.count)
            #expect(stats.rejectedSubmits == 3 * listed.count)
        }
    }

    private func expect1007(_ sim: SimulatorHarness, _ endpoint: String, _ body: [String: Any], mentioning field: String) async throws {
        let answer = try await sim.submit(endpoint, body).json()
        #expect(answer["errorCode"] as? String == "1007", "\(endpoint): \(answer)")
        #expect(answer["taskId"] as? String == "")
        #expect(answer["status"] as? String == "")
        #expect((answer["errorMessage"] as? String)?.contains(field) == true, "\(endpoint): \(answer)")
    }

    @Test("media checks: own files must exist, be signed, unexpired, of the accepted kind and size")
    func mediaChecks() async throws {
        try await withSimulator { sim in
            let endpoint = "rhart-video-v3.1-pro/image-to-video"
            let png = try await sim.uploadURL(Fixtures.png, filename: "a.png")
            let mp4 = try await sim.uploadURL(Fixtures.mp4, filename: "a.mp4")
            let big = try await sim.uploadURL(Fixtures.png + Fixtures.bytes(10 * 1024 * 1024 + 1), filename: "big.png")
            func code(_ url: String) async throws -> String? {
                try await sim.submit(endpoint, ["prompt": "A lighthouse at night", "aspectRatio": "16:9", "resolution": "720p", "imageUrl": url]).json()[
                    "errorCode"] as? String
            }
            #expect(try await code(png) == "")
            #expect(try await code(mp4) == "1007")
            #expect(try await code(big) == "1008")
            #expect(try await code(png.replacingOccurrences(of: "sig=", with: "sig=0")) == "1013")
            #expect(try await code("http://127.0.0.1:\(sim.port)/files/nothing.png?expires=9999999999&sig=00") == "1013")
            // Outside URLs cannot be fetched here, so they are trusted.
            #expect(try await code("https://example.com/frame.png") == "")
        }
        try await withSimulator({ $0.resultURLLifetime = 0 }) { sim in
            let expired = try await sim.uploadURL(Fixtures.png, filename: "a.png")
            let answer = try await sim.submit(
                "rhart-video-v3.1-pro/image-to-video", ["prompt": "A lighthouse at night", "aspectRatio": "16:9", "resolution": "720p", "imageUrl": expired]
            ).json()
            #expect(answer["errorCode"] as? String == "1013")
            #expect((answer["errorMessage"] as? String)?.contains("expired") == true)
        }
    }
}
