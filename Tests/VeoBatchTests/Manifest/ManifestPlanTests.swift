import Foundation
import Logging
import Synchronization
import Testing
@testable import VeoBatch

/// A RunningHubAPI that only answers price previews, recording the bodies it was sent.
final class PricePreviewFake: RunningHubAPI {
    let prices: [String: Decimal]
    let failing: Set<String>
    private let seen = Mutex<[(String, JSONValue)]>([])

    init(prices: [String: Decimal], failing: Set<String> = []) {
        self.prices = prices
        self.failing = failing
    }

    var requests: [(String, JSONValue)] { seen.withLock { $0 } }

    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview {
        seen.withLock { $0.append((endpoint, body)) }
        if failing.contains(endpoint) {
            throw RunningHubError(category: .invalidParameters, code: "1007", message: "the server refused the body", route: "price-preview/\(endpoint)")
        }
        return PricePreview(estimatedPrice: prices[endpoint] ?? 0, currency: "CNY")
    }

    private func unused(_ route: String) -> RunningHubError {
        RunningHubError(category: .protocolViolation, message: "not used by plan", route: route)
    }
    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia { throw unused("upload") }
    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot { throw unused("submit") }
    func query(taskID: String) async throws -> TaskSnapshot { throw unused("query") }
    func queueStatus() async throws -> QueueStatus { throw unused("queue") }
    func accountStatus() async throws -> AccountStatus { throw unused("account") }
    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult { throw unused("download") }
}

@Suite("ManifestPlan")
struct ManifestPlanTests {
    let fixture: ManifestFixture
    typealias M = ManifestTestModels

    init() throws {
        fixture = try ManifestFixture()
    }

    private func jobs() throws -> [JobSpec] {
        try fixture.media("a.png")
        try fixture.media("b.png")
        let csv = """
            id,model,prompt,duration,generate_audio,first_frame,reference_images,video,takes
            hero,\(M.proT2VOfficial),A hero walks into the light,8,true,,,,2
            refs,\(M.proReference),Three friends on a bench,,,,a.png;b.png,,
            more,\(M.fastExtend),Continue the scene,,,,,@hero,

            """
        let result = try fixture.validate(csv)
        #expect(result.rendered == [])
        return result.jobs
    }

    @Test func tableOnlyPlanShowsBodiesWithPaths() async throws {
        let plan = await ManifestPlan.build(manifestPath: "m.csv", jobs: try jobs(), table: fixture.table, api: nil, logger: Logger(label: "test"))
        #expect(plan.jobs.count == 4)
        #expect(plan.estimatedTotal == Decimal(string: "18.8")! * 2 + Decimal(string: "9.4")! + Decimal(string: "6.56")!)
        #expect(plan.previewTotal == nil)
        let root = fixture.folder.path
        #expect(plan.jobs[2].body == .object([
            "prompt": .string("Three friends on a bench"), "resolution": .string("1080p"), "generateAudio": .bool(false),
            "imageUrls": .array([.string(root + "/a.png"), .string(root + "/b.png")]),
        ]))
        #expect(plan.jobs[3].body["video"] == .string("@hero"))
        #expect(plan.jobs[0].model == M.proT2VOfficial)
        let text = plan.text
        #expect(text.contains("hero-take2  line 2  take 2  google/veo3.1-pro/text-to-video-official-stable  18.80 CNY list price (unverified)"))
        #expect(text.contains("  input imageUrls ← \(root)/b.png"))
        #expect(text.hasSuffix("Total: 4 jobs, 53.56 CNY at list prices (the embedded 2026-04 table, unverified)"))
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(plan.jsonString.utf8))
        #expect(json["estimatedTotal"] == .double(53.56))
        #expect(json["jobs"]?.arrayValue?.count == 4)
        #expect(json["jobs"]?.arrayValue?[2]["inputs"]?.arrayValue?.first?["kind"] == .string("file"))
    }

    @Test func pricePreviewIsAskedOncePerDistinctParametersWithPlaceholderMedia() async throws {
        let api = PricePreviewFake(prices: ["rhart-video-v3.1-pro-official/text-to-video": 17, "rhart-video-v3.1-pro-official/reference-to-video": 9],
                                   failing: ["rhart-video-v3.1-fast-official/video-extend"])
        let plan = await ManifestPlan.build(manifestPath: "m.csv", jobs: try jobs(), table: fixture.table, api: api, logger: Logger(label: "test"))
        // hero's two takes differ by seed, so both are previewed; refs and more once each.
        #expect(api.requests.count == 4)
        #expect(plan.jobs.map { $0.previewPrice?.amount } == [17, 17, 9, nil])
        #expect(plan.jobs.first?.previewPrice?.currency == .cny)
        #expect(plan.jobs[3].previewError == "price-preview/rhart-video-v3.1-fast-official/video-extend: the server refused the body (code 1007)")
        #expect(plan.previewTotal == nil)
        let refsBody = try #require(api.requests.first { $0.0 == "rhart-video-v3.1-pro-official/reference-to-video" }?.1)
        #expect(refsBody["imageUrls"] == .array([.string("https://placeholder.invalid/upload/a.png"), .string("https://placeholder.invalid/upload/b.png")]))
        let extendBody = try #require(api.requests.first { $0.0 == "rhart-video-v3.1-fast-official/video-extend" }?.1)
        #expect(extendBody["video"] == .string("https://placeholder.invalid/row/hero.mp4"))
        #expect(plan.text.contains("preview failed: price-preview/rhart-video-v3.1-fast-official/video-extend: the server refused the body (code 1007)"))
    }
}
