import Foundation
import Testing
import VendorData
@testable import VeoBatch

/// The endpoint table with the 2026-12 amendments merged in (runninghub-api.md section A, items
/// 10–12): the one table `models`, validation, scan, the request builder and rh-sim all read.
@Suite("Endpoints: the amended table")
struct AmendedTableTests {
    let table: EndpointTable

    init() throws {
        table = try EndpointTable.vendor()
    }

    @Test("19 endpoints, the two lite low-price ones delisted with their official-stable replacement")
    func delisted() throws {
        #expect(table.endpoints.count == 19)
        #expect(table.amendmentsVersion == "amendments-2026-12-06")
        let delisted = table.endpoints.filter { $0.delisting != nil }.map(\.path).sorted()
        #expect(delisted == ["rhart-video-v3.1-lite/image-to-video", "rhart-video-v3.1-lite/text-to-video"])
        let lite = try #require(table.endpoint(named: "rhart-video-v3.1-lite/text-to-video"))
        #expect(lite.delisting?.replacement == "rhart-video-v3.1-lite-official/text-to-video")
        #expect(lite.price != nil, "a delisted endpoint still runs, so it keeps its price")
    }

    @Test("the new fast-official reference-to-video: 1-3 images from reference_images, no duration, 8 s, 4.03 CNY")
    func newReferenceEndpoint() throws {
        let endpoint = try #require(table.endpoint(named: "rhart-video-v3.1-fast-official/reference-to-video"))
        #expect(table.endpoint(named: "google/veo3.1-fast/reference-to-video-official-stable")?.path == endpoint.path)
        #expect(endpoint.kind == .referenceToVideo && endpoint.tier == .fast && endpoint.channel == .officialStable)
        #expect(endpoint.field("duration") == nil)
        #expect(endpoint.renderedSeconds(parameters: [:]) == 8)
        #expect(ColumnMapping.field(for: .referenceImages, on: endpoint)?.key == "imageUrls")
        #expect(ColumnMapping.field(for: .firstFrame, on: endpoint) == nil)
        let images = try #require(endpoint.field("imageUrls"))
        #expect(images.maxInputs == 3 && images.isList && images.isRequired)
        #expect(endpoint.field("generateAudio")?.defaultValue == .bool(false))
        #expect(endpoint.field("negativePrompt")?.maxLength == 2048)
        #expect(endpoint.field("seed")?.minimum == 0 && endpoint.field("seed")?.maximum == 2_147_483_647)
        #expect(endpoint.estimatedPrice(parameters: ["resolution": .string("720p")]) == Decimal(string: "4.03"))
        #expect(endpoint.price?.currency == "CNY")
    }

    @Test("pro low-price image-to-video requires a price-related resolution (720p by default)")
    func proImageToVideoResolution() throws {
        let endpoint = try #require(table.endpoint(named: "rhart-video-v3.1-pro/image-to-video"))
        let resolution = try #require(endpoint.field("resolution"))
        #expect(resolution.isRequired)
        #expect(resolution.options == ["720p", "1080p", "4k"])
        #expect(resolution.defaultValue == .string("720p"))
    }

    @Test("prompts on fast and pro are 5-8000 characters; fast and pro seeds are 0...2147483647; lite-official keeps -1")
    func promptAndSeedRanges() throws {
        for endpoint in table.endpoints where endpoint.tier != .lite {
            if let prompt = endpoint.field("prompt") { #expect(prompt.minLength == 5, "\(endpoint.path)") }
            if let seed = endpoint.field("seed") {
                #expect(seed.minimum == 0 && seed.maximum == 2_147_483_647, "\(endpoint.path)")
            }
        }
        #expect(table.endpoint(named: "rhart-video-v3.1-lite-official/text-to-video")?.field("seed")?.minimum == -1)
    }

    @Test("generateAudio is always sent: every endpoint that has it gives it a boolean default")
    func generateAudioAlwaysExplicit() throws {
        let withAudio = table.endpoints.filter { $0.field("generateAudio") != nil }
        #expect(withAudio.count == 6)
        for endpoint in withAudio {
            guard case .bool? = endpoint.field("generateAudio")?.defaultValue else {
                Issue.record("\(endpoint.path) has no boolean generateAudio default, so a row without the column would omit it")
                continue
            }
        }
    }

    @Test("models marks the delisted endpoints and counts 19")
    func modelsListing() throws {
        let listing = ModelsListing(table: table)
        #expect(listing.endpoints.count == 19)
        #expect(listing.endpoints.filter { $0.delisted != nil }.count == 2)
        #expect(listing.text.components(separatedBy: "[DELISTED]").count - 1 == 2)
        #expect(listing.text.contains("19 endpoints, 2 delisted."))
        #expect(listing.text.contains("use rhart-video-v3.1-lite-official/text-to-video instead"))
        #expect(listing.endpoints.first { $0.path == "rhart-video-v3.1-fast/text-to-video" }?.catalogListPrice == "1.5")
    }

    @Test("the merge is the amendments applied to the vendor files, not a hand-edited copy")
    func mergeIsDerived() throws {
        let bare = try EndpointTable(registryJSON: VendorData.registryJSON, pricingJSON: VendorData.pricingJSON)
        #expect(bare.endpoints.count == 18)
        #expect(bare.amendmentsVersion == nil)
        #expect(bare.endpoint(named: "rhart-video-v3.1-pro/image-to-video")?.field("resolution") == nil)
        #expect(throws: VendorAmendments.MergeError.self) {
            try VendorAmendments.merge(registryJSON: VendorData.registryJSON, pricingJSON: VendorData.pricingJSON,
                                       amendmentsJSON: #"{"delisted_endpoints":[{"endpoint":"rhart-video-v9/none"}]}"#)
        }
    }
}

@Suite("Manifest: delisted endpoints")
struct DelistedValidationTests {
    @Test("a row on a delisted endpoint is valid with a warning naming row, column and replacement")
    func delistedWarns() throws {
        let fixture = try ManifestFixture()
        let validation = try fixture.validate("""
            id,model,prompt
            a,rhart-video-v3.1-lite/text-to-video,A lighthouse beam sweeps the harbour
            """)
        #expect(validation.isValid)
        let warning = try #require(validation.diagnostics.first { $0.severity == .warning })
        #expect(warning.line == 2 && warning.column == 2)
        #expect(warning.message.contains("delisted") && warning.message.contains("rhart-video-v3.1-lite-official/text-to-video"))
    }
}
