import Testing

@testable import RunningHubSimulator

@Suite("Submit body validation")
struct BodyValidatorTests {
    let catalog: VeoCatalog

    init() throws {
        catalog = try VeoCatalog.load()
    }

    private func problems(_ endpoint: String, _ changes: [String: SimJSON?]) throws -> String? {
        let spec = try #require(catalog.endpoints[endpoint])
        var body = spec.defaultBody(mediaURL: "https://example.com/a.png")
        for (key, value) in changes { body[key] = value }
        switch BodyValidator.validate(.object(body), against: spec) {
        case .success: return nil
        case .failure(let rejection):
            #expect(rejection.code == "1007")
            #expect(rejection.message.hasPrefix("Invalid parameters: "))
            return rejection.message
        }
    }

    @Test("types: duration is a string, generateAudio a boolean, seed an integer")
    func types() throws {
        let t2v = "rhart-video-v3.1-fast-official/text-to-video"
        #expect(try problems(t2v, ["duration": .int(8)])?.contains("`duration` must be a string") == true)
        #expect(try problems(t2v, ["generateAudio": .string("true")])?.contains("`generateAudio` must be a JSON boolean") == true)
        #expect(try problems(t2v, ["seed": .double(1.5)])?.contains("`seed` must be a JSON integer") == true)
        #expect(try problems(t2v, ["seed": .int(42)]) == nil)
        #expect(try problems(t2v, ["negativePrompt": .null])?.contains("`negativePrompt` must be a string") == true)
    }

    @Test("options, lengths, counts and URLs")
    func values() throws {
        #expect(try problems("rhart-video-v3.1-fast/text-to-video", ["duration": .string("6")])?.contains(#"must be one of "8""#) == true)
        #expect(try problems("rhart-video-v3.1-fast-official/video-extend", ["resolution": .string("4k")]) != nil)
        #expect(try problems("rhart-video-v3.1-pro/text-to-video", ["prompt": .string("cat")])?.contains("at least 5 characters") == true)
        #expect(try problems("rhart-video-v3.1-pro/text-to-video", ["prompt": .string(String(repeating: "a", count: 8001))]) != nil)
        #expect(
            try problems("rhart-video-v3.1-lite-official/text-to-video", ["prompt": .string(String(repeating: "a", count: 20000))]) == nil)
        let four = SimJSON.array(Array(repeating: .string("https://example.com/a.png"), count: 4))
        #expect(try problems("rhart-video-v3.1-pro-official/reference-to-video", ["imageUrls": four])?.contains("1 to 3 URLs") == true)
        #expect(try problems("rhart-video-v3.1-pro-official/reference-to-video", ["imageUrls": .array([])]) != nil)
        #expect(try problems("rhart-video-v3.1-fast/image-to-video", ["imageUrls": .string("https://example.com/a.png")]) != nil)
        #expect(
            try problems("rhart-video-v3.1-pro/image-to-video", ["imageUrl": .string("data:image/png;base64,AAAA")])?.contains(
                "http(s) URL") == true)
        #expect(try problems("rhart-video-v3.1-pro/image-to-video", ["imageUrl": .string("openapi/abc.png")]) != nil)
        #expect(try problems("rhart-video-v3.1-lite-official/image-to-video", ["seed": .int(-2)])?.contains("at least -1") == true)
        #expect(try problems("rhart-video-v3.1-lite-official/start-end-to-video", ["seed": .int(-1)])?.contains("at least 0") == true)
    }

    @Test("unknown and missing fields are both reported")
    func unknownAndMissing() throws {
        let message = try #require(
            try problems("rhart-video-v3.1-pro-official/reference-to-video", ["aspectRatio": .string("16:9"), "resolution": nil]))
        #expect(message.contains("unknown field `aspectRatio`"))
        #expect(message.contains("`resolution` is required"))
        let spec = try #require(catalog.endpoints["rhart-video-v3.1-fast/text-to-video"])
        guard case .failure(let rejection) = BodyValidator.validate(.array([]), against: spec) else {
            Issue.record("an array body was accepted")
            return
        }
        #expect(rejection.message.contains("JSON object"))
    }
}
