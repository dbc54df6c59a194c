import Foundation
import Testing
@testable import VeoBatch

@Suite("EndpointTable")
struct EndpointTableTests {
    let table: EndpointTable

    init() throws {
        table = try EndpointTable.vendor()
    }

    @Test func hasAllNineteenEndpointsFindableByNameAndPath() throws {
        #expect(table.endpoints.count == 19)
        #expect(Set(table.endpoints.map(\.path)).count == 19)
        #expect(table.registryVersion == "public-2026-04-29")
        for endpoint in table.endpoints {
            #expect(table.endpoint(named: endpoint.path)?.path == endpoint.path)
            #expect(table.endpoint(named: endpoint.docName)?.path == endpoint.path)
            #expect(endpoint.price != nil, "\(endpoint.path) has a price")
            #expect(endpoint.producesVideo)
        }
        #expect(table.endpoint(named: " /openapi/v2/rhart-video-v3.1-pro/start-end-to-video ")?.docName
                == "google/veo3.1-pro/start-end-to-video-channel-low-price")
        #expect(table.endpoint(named: "rhart-video-v3.1-ultra/text-to-video") == nil)
        let tiers = Dictionary(grouping: table.endpoints, by: \.tier).mapValues(\.count)
        #expect(tiers == [.fast: 7, .pro: 7, .lite: 5])
        let official = table.endpoints.filter { $0.channel == .officialStable }.count
        #expect(official == 11)
    }

    @Test func classifiesPaths() throws {
        let endpoint = try #require(table.endpoint(named: "rhart-video-v3.1-lite-official/start-end-to-video"))
        #expect(endpoint.tier == .lite)
        #expect(endpoint.channel == .officialStable)
        #expect(endpoint.kind == .startEndToVideo)
        let low = try #require(table.endpoint(named: "rhart-video-v3.1-pro/image-to-video"))
        #expect(low.tier == .pro)
        #expect(low.channel == .lowPrice)
        #expect(low.kind == .imageToVideo)
        #expect(throws: EndpointTableError.self) { try EndpointTable.classify(path: "rhart-video-v3.1-ultra/text-to-video") }
        #expect(throws: EndpointTableError.self) { try EndpointTable.classify(path: "rhart-video-v3.1-pro/dance-to-video") }
    }

    @Test func fieldsCarryTheRegistryDetails() throws {
        let reference = try #require(table.endpoint(named: "google/veo3.1-pro/reference-to-video-official-stable"))
        let images = try #require(reference.field("imageUrls"))
        #expect(images.type == .image)
        #expect(images.isRequired)
        #expect(images.isList)
        #expect(images.maxInputs == 3)
        #expect(images.acceptedFormats == ["JPG", "PNG"])
        #expect(images.acceptedMIMETypes == ["image/jpeg", "image/png"])
        #expect(images.maxSizeMB == 10)
        #expect(images.maxSizeBytes == Int64(10 * 1_048_576))
        #expect(reference.field("resolution")?.defaultValue == .string("1080p"))
        #expect(reference.field("duration") == nil)
        #expect(reference.field("aspectRatio") == nil)

        let prompt = try #require(reference.field("prompt"))
        #expect(prompt.minLength == 5)
        #expect(prompt.maxLength == 8000)
        #expect(prompt.defaultValue == nil, "the registry's sample prompt is never a default")

        let fastT2V = try #require(table.endpoint(named: "rhart-video-v3.1-fast-official/text-to-video"))
        #expect(fastT2V.field("generateAudio")?.defaultValue == .bool(true))
        #expect(fastT2V.field("duration")?.options == ["4", "6", "8"])
        #expect(fastT2V.field("seed")?.type == .int)
        // The registry gives no range; the 2026-12 amendments do (0...2147483647 on fast and pro).
        #expect(fastT2V.field("seed")?.minimum == 0)
        #expect(fastT2V.field("seed")?.maximum == 2_147_483_647)

        let liteStartEnd = try #require(table.endpoint(named: "rhart-video-v3.1-lite-official/start-end-to-video"))
        #expect(liteStartEnd.field("firstImageUrl")?.acceptedMIMETypes == ["image/jpeg", "image/png", "image/webp"])
        #expect(liteStartEnd.field("lastImageUrl")?.isRequired == true)
        #expect(liteStartEnd.field("seed")?.minimum == 0)
        #expect(liteStartEnd.field("seed")?.maximum == 2_147_483_647)
        #expect(liteStartEnd.field("prompt")?.maxLength == 20000)

        let extend = try #require(table.endpoint(named: "rhart-video-v3.1-pro-official/video-extend"))
        #expect(extend.field("video")?.type == .video)
        #expect(extend.field("video")?.acceptedMIMETypes == ["video/mp4"])
        #expect(extend.field("prompt")?.isRequired == false)
        #expect(extend.field("resolution")?.options == ["720p", "1080p"])
    }

    @Test func pricesFollowTheRules() throws {
        func price(_ name: String, _ parameters: [String: JSONValue]) throws -> Decimal? {
            try #require(table.endpoint(named: name)).estimatedPrice(parameters: parameters)
        }
        #expect(try price("rhart-video-v3.1-pro-official/text-to-video", ["duration": .string("8"), "generateAudio": .bool(true)]) == Decimal(string: "18.8"))
        #expect(try price("rhart-video-v3.1-pro-official/image-to-video", ["duration": .string("6"), "generateAudio": .bool(false)]) == Decimal(string: "7.04"))
        #expect(try price("rhart-video-v3.1-fast-official/image-to-video", ["duration": .string("4"), "generateAudio": .bool(false)]) == Decimal(string: "2.35"))
        #expect(try price("rhart-video-v3.1-pro-official/reference-to-video", ["generateAudio": .bool(true)]) == Decimal(string: "18.8"))
        #expect(try price("rhart-video-v3.1-fast-official/video-extend", [:]) == Decimal(string: "6.56"))
        #expect(try price("rhart-video-v3.1-pro-official/video-extend", ["resolution": .string("1080p")]) == Decimal(string: "17.4"))
        #expect(try price("rhart-video-v3.1-fast/text-to-video", ["resolution": .string("1080p")]) == Decimal(string: "0.25"))
        #expect(try price("rhart-video-v3.1-pro/start-end-to-video", ["resolution": .string("4k")]) == Decimal(string: "1.4"))
        #expect(try price("rhart-video-v3.1-pro/image-to-video", [:]) == Decimal(string: "0.5"))
        // Lite official text/image-to-video are priced per second of output.
        #expect(try price("rhart-video-v3.1-lite-official/text-to-video", ["resolution": .string("1080p"), "duration": .string("6")]) == Decimal(string: "3.024"))
        #expect(try price("rhart-video-v3.1-lite-official/text-to-video", ["resolution": .string("1080p")]) == nil)
        // No rule for these parameters.
        #expect(try price("rhart-video-v3.1-pro-official/text-to-video", ["duration": .string("8")]) == nil)
        #expect(try price("rhart-video-v3.1-fast/text-to-video", ["resolution": .string("8k")]) == nil)
    }

    @Test func formatsPrices() {
        #expect(PriceFormat.format(Decimal(string: "18.8")!) == "18.80")
        #expect(PriceFormat.format(Decimal(string: "0.504")!) == "0.504")
        #expect(PriceFormat.format(Decimal(6)) == "6.00")
        #expect(PriceFormat.format(Decimal(string: "4.7")! * 3) == "14.10")
        #expect(PriceFormat.decimal(4.7) == Decimal(string: "4.7"))
    }

    @Test func brokenVendorDataIsAnErrorNotACrash() throws {
        let pricing = #"{"pricing":[]}"#
        func registry(path: String = "rhart-video-v3.1-pro/text-to-video", type: String = "STRING", accept: String? = nil) -> String {
            let acceptPart = accept.map { #","accept":"\#($0)""# } ?? ""
            return #"{"models":[{"name_en":"x/y","endpoint":"\#(path)","params":[{"fieldKey":"prompt","type":"\#(type)"\#(acceptPart)}]}]}"#
        }
        #expect(throws: Never.self) { try EndpointTable(registryJSON: registry(), pricingJSON: pricing) }
        #expect(throws: EndpointTableError.self) { try EndpointTable(registryJSON: "{", pricingJSON: pricing) }
        #expect(throws: EndpointTableError.self) { try EndpointTable(registryJSON: registry(), pricingJSON: "[]") }
        #expect(throws: EndpointTableError.self) { try EndpointTable(registryJSON: registry(type: "FLOAT"), pricingJSON: pricing) }
        #expect(throws: EndpointTableError.self) { try EndpointTable(registryJSON: registry(path: "other/text-to-video"), pricingJSON: pricing) }
        #expect(throws: EndpointTableError.self) { try EndpointTable(registryJSON: registry(type: "IMAGE", accept: "[\\\"GIF\\\"]"), pricingJSON: pricing) }
        #expect(throws: EndpointTableError.self) { try EndpointTable(registryJSON: registry(type: "IMAGE", accept: "JPG"), pricingJSON: pricing) }
        let badUnit = #"{"pricing":[{"endpoint":"a","currency":"CNY","unit":"/min","pricing_type":"fixed","price":1}]}"#
        #expect(throws: EndpointTableError.self) { try EndpointTable(registryJSON: registry(), pricingJSON: badUnit) }
        let error = EndpointTableError("the registry JSON does not decode")
        #expect(error.description.hasPrefix("The embedded Veo 3.1 endpoint table is unusable: the registry JSON does not decode."))
    }
}

@Suite("ColumnMapping")
struct EndpointColumnMappingTests {
    let table: EndpointTable

    init() throws {
        table = try EndpointTable.vendor()
    }

    private func field(_ column: ManifestColumn, _ endpoint: String) throws -> String? {
        ColumnMapping.field(for: column, on: try #require(table.endpoint(named: endpoint)))?.key
    }

    @Test func firstFrameFindsEachEndpointsOwnField() throws {
        #expect(try field(.firstFrame, "rhart-video-v3.1-fast-official/image-to-video") == "imageUrl")
        #expect(try field(.firstFrame, "rhart-video-v3.1-pro/image-to-video") == "imageUrl")
        #expect(try field(.firstFrame, "rhart-video-v3.1-fast/start-end-to-video") == "firstFrameUrl")
        #expect(try field(.firstFrame, "rhart-video-v3.1-lite-official/start-end-to-video") == "firstImageUrl")
        #expect(try field(.firstFrame, "rhart-video-v3.1-fast/image-to-video") == "imageUrls")
        #expect(try field(.firstFrame, "rhart-video-v3.1-lite/image-to-video") == "imageUrls")
        #expect(try field(.firstFrame, "rhart-video-v3.1-pro-official/reference-to-video") == nil)
        #expect(try field(.firstFrame, "rhart-video-v3.1-pro-official/text-to-video") == nil)
    }

    @Test func lastFrameReferencesAndVideo() throws {
        #expect(try field(.lastFrame, "rhart-video-v3.1-pro-official/image-to-video") == "lastImageUrl")
        #expect(try field(.lastFrame, "rhart-video-v3.1-pro/start-end-to-video") == "lastFrameUrl")
        #expect(try field(.lastFrame, "rhart-video-v3.1-lite-official/start-end-to-video") == "lastImageUrl")
        #expect(try field(.lastFrame, "rhart-video-v3.1-fast/image-to-video") == nil)
        #expect(try field(.referenceImages, "rhart-video-v3.1-pro-official/reference-to-video") == "imageUrls")
        #expect(try field(.referenceImages, "rhart-video-v3.1-fast/image-to-video") == "imageUrls")
        #expect(try field(.referenceImages, "rhart-video-v3.1-fast-official/image-to-video") == nil)
        #expect(try field(.video, "rhart-video-v3.1-fast-official/video-extend") == "video")
        #expect(try field(.negativePrompt, "rhart-video-v3.1-fast-official/video-extend") == "negativePrompt")
        #expect(try field(.generateAudio, "rhart-video-v3.1-fast-official/video-extend") == nil)
        #expect(try field(.aspectRatio, "rhart-video-v3.1-lite-official/text-to-video") == "aspectRatio")
    }

    @Test func everyBodyFieldOfEveryEndpointIsReachableFromAColumn() throws {
        for endpoint in table.endpoints {
            for field in endpoint.fields {
                #expect(!ColumnMapping.columns(filling: field.key, on: endpoint).isEmpty, "\(endpoint.path) \(field.key)")
            }
        }
    }
}

@Suite("ModelsListing")
struct EndpointModelsListingTests {
    @Test func jsonListsAllEndpointsWithFieldsPricesAndMapping() throws {
        let listing = ModelsListing(table: try EndpointTable.vendor())
        let decoded = try JSONDecoder().decode(ModelsListing.self, from: Data(listing.jsonString.utf8))
        #expect(decoded.endpoints.count == 19)
        let pro = try #require(decoded.endpoints.first { $0.path == "rhart-video-v3.1-pro-official/text-to-video" })
        #expect(pro.docName == "google/veo3.1-pro/text-to-video-official-stable")
        #expect(pro.tier == "pro")
        #expect(pro.channel == "official-stable")
        #expect(pro.price?.type == "parameter_based")
        #expect(pro.price?.rules?.contains { $0.when == ["duration": "8", "generateAudio": "true"] && $0.price == 18.8 } == true)
        let audio = try #require(pro.fields.first { $0.key == "generateAudio" })
        #expect(audio.type == "BOOLEAN")
        #expect(audio.required)
        #expect(audio.defaultValue == .bool(false))
        #expect(audio.columns == ["generate_audio"])
        let extend = try #require(decoded.endpoints.first { $0.path == "rhart-video-v3.1-fast-official/video-extend" })
        #expect(extend.price?.type == "fixed")
        #expect(extend.price?.price == 6.56)
        #expect(decoded.columnMapping.contains { $0.column == "first_frame" && $0.fields.contains("imageUrls (image-to-video only)") })
        #expect(decoded.columnMapping.count == ColumnMapping.candidates.count)
        let text = listing.text
        #expect(text.contains("google/veo3.1-lite/start-end-to-video-official-stable"))
        #expect(text.contains("first_frame      imageUrl | firstFrameUrl | firstImageUrl | imageUrls (image-to-video only)"))
    }
}
