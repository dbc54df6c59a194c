import Foundation
import Testing

@testable import RunningHubSimulator

@Suite("Vendor table and price list")
struct CatalogTests {
    let catalog: VeoCatalog

    init() throws {
        catalog = try VeoCatalog.load()
    }

    @Test("all 18 rhart-video-v3.1 endpoints are read from the vendor table")
    func eighteenEndpoints() {
        #expect(catalog.endpoints.count == 19)
        #expect(catalog.endpointNames.allSatisfy { $0.hasPrefix("rhart-video-v3.1-") })
        #expect(catalog.endpoints["rhart-video-v3.1-pro/start-end-to-video"]?.param("firstFrameUrl")?.required == true)
        #expect(catalog.endpoints["rhart-video-v3.1-fast/image-to-video"]?.param("imageUrls")?.isMultiple == true)
        #expect(catalog.endpoints["rhart-video-v3.1-fast-official/image-to-video"]?.param("imageUrl")?.isMultiple == false)
        #expect(catalog.endpoints["rhart-video-v3.1-pro-official/video-extend"]?.param("video")?.acceptedFormats == ["MP4"])
        #expect(Set(catalog.prices.keys) == Set(catalog.endpoints.keys))
    }

    @Test("prices follow the vendor rules, per job or per second")
    func prices() throws {
        func price(_ endpoint: String, _ body: [String: SimJSON], seconds: Double = 8) throws -> Double? {
            let spec = try #require(catalog.endpoints[endpoint])
            return catalog.prices[endpoint]?.price(for: body, spec: spec, outputSeconds: seconds)
        }
        #expect(
            try price("rhart-video-v3.1-fast-official/text-to-video", ["duration": .string("8"), "generateAudio": .bool(true)]) == 7.04)
        #expect(
            try price("rhart-video-v3.1-pro-official/image-to-video", ["duration": .string("4"), "generateAudio": .bool(false)]) == 4.7)
        #expect(try price("rhart-video-v3.1-fast/text-to-video", ["resolution": .string("4k")]) == 0.5)
        #expect(try price("rhart-video-v3.1-pro-official/video-extend", [:], seconds: 15) == 17.4)
        // `/秒`: 0.504 per second of 1080p output.
        #expect(try price("rhart-video-v3.1-lite-official/text-to-video", ["resolution": .string("1080p")], seconds: 6) == 3.024)
        #expect(formatMoney(4.7) == "4.70")
        #expect(formatMoney(3.024) == "3.024")
        #expect(formatMoney(0) == "0.00")
    }

    @Test("the body built from each endpoint's defaults passes validation")
    func defaultBodiesValidate() throws {
        for spec in catalog.endpoints.values {
            let body = spec.defaultBody(mediaURL: "https://example.com/a.png")
            switch BodyValidator.validate(.object(body), against: spec) {
            case .success: break
            case .failure(let rejection): Issue.record("\(spec.endpoint): \(rejection.message)")
            }
        }
    }

    @Test("canonical fingerprints ignore key order and keep JSON types")
    func fingerprints() throws {
        let a = try #require(SimJSON.parse(Data(#"{"b":"8","a":[1,true],"url":"http://x/y"}"#.utf8)))
        let b = try #require(SimJSON.parse(Data(#"{"url":"http:\/\/x\/y","a":[1,true],"b":"8"}"#.utf8)))
        let c = try #require(SimJSON.parse(Data(#"{"b":8,"a":[1,true],"url":"http://x/y"}"#.utf8)))
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        #expect(String(decoding: a.canonicalData, as: UTF8.self) == #"{"a":[1,true],"b":"8","url":"http://x/y"}"#)
    }
}
