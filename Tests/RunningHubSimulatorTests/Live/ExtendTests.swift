import Foundation
import Testing
import TestSupport

@testable import RunningHubSimulator

@Suite("video-extend")
struct ExtendTests {
    private let extend = "rhart-video-v3.1-fast-official/video-extend"

    /// Submits, waits, and returns the result URL.
    private func render(_ sim: SimulatorHarness, _ endpoint: String, _ body: [String: Any]) async throws -> String {
        let submitted = try await sim.submit(endpoint, body).json()
        let taskID = try #require(submitted["taskId"] as? String, "\(submitted)")
        let done = try #require(try await sim.waitForEnd(taskID).last)
        let results = try #require(done["results"] as? [[String: Any]], "\(done)")
        return try #require(results.first?["url"] as? String)
    }

    @Test("an extension is the input plus 7 s, from a result URL or from an uploaded MP4")
    func plusSeven() async throws {
        try await withSimulator { sim in
            let first = try await render(
                sim, "rhart-video-v3.1-pro-official/text-to-video",
                ["prompt": "Waves on a rocky shore", "duration": "6", "resolution": "720p", "generateAudio": false])
            let second = try await render(sim, extend, ["video": first, "resolution": "720p", "prompt": "The tide comes in"])
            let clip = try await RawHTTP.get(second).body
            let facts = try #require(MP4Facts.read(bytes: clip))
            #expect(facts.seconds == 13)
            #expect(facts.extensions == 1)
            let probed = try #require(try ffprobeDuration(of: clip), "ffprobe refuses the clip")
            #expect(abs(probed - 13) < 0.01, "ffprobe says \(probed)")

            // Download, upload again, extend the upload.
            let uploaded = try await sim.uploadURL(clip, filename: "clip.mp4")
            let third = try await render(sim, extend, ["video": uploaded, "resolution": "1080p"])
            let thirdFacts = try #require(MP4Facts.read(bytes: try await RawHTTP.get(third).body))
            #expect(thirdFacts.seconds == 20)
            #expect(thirdFacts.extensions == 2)
            let usage = try await sim.waitForEnd(
                try #require(try await sim.submit(extend, ["video": third, "resolution": "720p"]).json()["taskId"] as? String))
            // 6.56 CNY list / 6.9 = 0.9507… → 0.95 USD, in thirdPartyConsumeMoney as on the live service.
            #expect((usage.last?["usage"] as? [String: Any])?["thirdPartyConsumeMoney"] as? String == "0.95")
        }
    }

    @Test("a chain past 148 s or 20 extensions is refused with 1007")
    func limits() async throws {
        try await withSimulator { sim in
            let long = try await sim.uploadURL(
                MP4Clip.make(seconds: 142, portrait: false, taskID: "x", extensions: 3), filename: "long.mp4")
            let tooLong = try await sim.submit(extend, ["video": long, "resolution": "720p"]).json()
            #expect(tooLong["errorCode"] as? String == "1007")
            #expect((tooLong["errorMessage"] as? String)?.contains("148 s") == true)

            let edge = try await sim.uploadURL(
                MP4Clip.make(seconds: 141, portrait: false, taskID: "y", extensions: 19), filename: "edge.mp4")
            #expect(try await sim.submit(extend, ["video": edge, "resolution": "720p"]).json()["status"] as? String == "QUEUED")

            let chained = try await sim.uploadURL(
                MP4Clip.make(seconds: 30, portrait: false, taskID: "z", extensions: 20), filename: "chain.mp4")
            let tooMany = try await sim.submit(extend, ["video": chained, "resolution": "720p"]).json()
            #expect(tooMany["errorCode"] as? String == "1007")
            #expect((tooMany["errorMessage"] as? String)?.contains("20") == true)

            let image = try await sim.uploadURL(Fixtures.png, filename: "still.png")
            #expect(try await sim.submit(extend, ["video": image, "resolution": "720p"]).json()["errorCode"] as? String == "1007")
        }
    }
}
