import Foundation
import Testing
import VeoBatch

/// What goes on the wire for each route: method, URL, headers, body.
@Suite struct RunningHubRequestTests {
    let bearer = "Bearer rh-test-key-0123456789"

    @Test func uploadIsAMultipartFilePartWithBearerOnly() async throws {
        let transport = FakeTransport(.json(#"{"code":0,"message":"OK","data":{"download_url":"https://cdn.example.test/a.png"}}"#))
        _ = try await Fixture.client(transport).upload(fileAt: "/tmp/shots/shot010_start.png", progress: nil)

        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.method == .post)
        #expect(request.url == "https://api.example.test/openapi/v2/media/upload/binary")
        #expect(Fixture.headerValues(request, "Authorization") == [bearer])
        guard case .multipartFile(let field, let path, let fileName, _) = request.body else {
            Issue.record("upload body is not a streamed multipart file: \(request.body)")
            return
        }
        #expect(field == "file")
        #expect(path == "/tmp/shots/shot010_start.png")
        #expect(fileName == "shot010_start.png")
        // No total time cap on uploads: a big file on a slow line must be allowed to finish.
        #expect(request.timeouts.total == nil)
    }

    @Test func submitPostsTheBodyAsJSONWithBearerAndNoKeyInTheBody() async throws {
        let transport = FakeTransport(.json(#"{"taskId":"2013508786110730241","status":"RUNNING","errorCode":"","errorMessage":"","results":null}"#))
        let body: JSONValue = .object([
            "prompt": .string("The detective looks up"),
            "firstFrameUrl": .string("https://cdn.example.test/first.png"),
            "aspectRatio": .string("9:16"),
            "duration": .string("8"),
            "resolution": .string("720p"),
            "generateAudio": .bool(true),
            "seed": .int(42),
        ])
        _ = try await Fixture.client(transport).submit(endpoint: "rhart-video-v3.1-pro/start-end-to-video", body: body)

        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://api.example.test/openapi/v2/rhart-video-v3.1-pro/start-end-to-video")
        #expect(Fixture.headerValues(request, "Authorization") == [bearer])
        #expect(Fixture.contentType(request) == "application/json")
        #expect(Fixture.jsonBody(request) == body)
        #expect(Fixture.jsonBody(request)?["apiKey"] == nil)
        #expect(Fixture.jsonBody(request)?["apikey"] == nil)
    }

    @Test func queryPostsTheTaskIDAsAString() async throws {
        let transport = FakeTransport(.json(#"{"taskId":"2013508786110730241","status":"RUNNING","errorCode":"","errorMessage":""}"#))
        _ = try await Fixture.client(transport).query(taskID: "2013508786110730241")

        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://api.example.test/openapi/v2/query")
        #expect(Fixture.headerValues(request, "Authorization") == [bearer])
        #expect(Fixture.contentType(request) == "application/json")
        #expect(Fixture.jsonBody(request) == .object(["taskId": .string("2013508786110730241")]))
    }

    @Test func queueStatusIsAGetWithoutBody() async throws {
        let transport = FakeTransport(.json(#"{"code":0,"msg":"success","data":{"apiKeyType":"SHARED","concurrentLimit":50,"runningCount":"1","queuedCount":"2","totalCurrentTasks":"3"}}"#))
        _ = try await Fixture.client(transport).queueStatus()

        let request = try #require(transport.requests.first)
        #expect(request.method == .get)
        #expect(request.url == "https://api.example.test/openapi/v2/queue/status")
        #expect(Fixture.headerValues(request, "Authorization") == [bearer])
        guard case .none = request.body else {
            Issue.record("queue/status must have no body, got \(request.body)")
            return
        }
    }

    @Test func accountStatusSendsTheLowercaseApikeyBodyAndBearer() async throws {
        let transport = FakeTransport(.json(#"{"code":0,"msg":"success","data":{"remainCoins":"99999","currentTaskCounts":"0","remainMoney":"999","currency":"CNY","apiType":"NORMAL"}}"#))
        _ = try await Fixture.client(transport).accountStatus()

        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://api.example.test/uc/openapi/accountStatus")
        #expect(Fixture.headerValues(request, "Authorization") == [bearer])
        #expect(Fixture.contentType(request) == "application/json")
        #expect(Fixture.jsonBody(request) == .object(["apikey": .string("rh-test-key-0123456789")]))
    }

    @Test func pricePreviewPostsTheSubmitBodyToItsOwnRoute() async throws {
        let transport = FakeTransport(.json(#"{"errorCode":0,"errorMessage":"","estimatedPrice":0.35,"currency":"CNY"}"#))
        let body: JSONValue = .object(["prompt": .string("a quiet harbour at dawn"), "aspectRatio": .string("16:9"), "resolution": .string("720p")])
        _ = try await Fixture.client(transport).pricePreview(endpoint: "rhart-video-v3.1-fast/text-to-video", body: body)

        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://api.example.test/openapi/v2/price-preview/rhart-video-v3.1-fast/text-to-video")
        #expect(Fixture.headerValues(request, "Authorization") == [bearer])
        #expect(Fixture.jsonBody(request) == body)
    }

    @Test func downloadSendsNoAuthorizationHeaderAndResumes() async throws {
        let transport = FakeTransport()
        let url = "https://rh-images.cos.example.test/out/xxx.mp4?sign=abc&t=1"
        let result = try await Fixture.client(transport).downloadResult(url: url, partPath: "/tmp/out/shot010.mp4.part", progress: nil)

        #expect(result.fileLength == 10)
        #expect(transport.requests.isEmpty)
        let request = try #require(transport.downloads.first)
        #expect(request.url == url)
        #expect(request.partPath == "/tmp/out/shot010.mp4.part")
        #expect(request.resume)
        #expect(Fixture.headerValues(request: request, "Authorization").isEmpty)
        #expect(!request.headers.contains { $0.value.contains("rh-test-key") })
    }

    @Test func baseURLTrailingSlashAndLoopbackHTTPAreAccepted() async throws {
        let transport = FakeTransport(.json(#"{"taskId":"1","status":"RUNNING"}"#))
        let client = try RunningHubClient(baseURL: "http://127.0.0.1:8123/", apiKey: Fixture.key, transport: transport, logger: CapturedLog().logger)
        #expect(client.baseURL == "http://127.0.0.1:8123")
        _ = try await client.query(taskID: "1")
        #expect(transport.requests.first?.url == "http://127.0.0.1:8123/openapi/v2/query")
    }

    @Test(arguments: ["../uc/openapi/accountStatus", "rhart-video-v3.1-pro/text-to-video?x=1", "", "/rhart-video-v3.1-pro/text-to-video", "a//b", "a/./b", "rhart-vidéo-v3.1/text-to-video", "rhart video/text-to-video"])
    func endpointsThatCouldSteerTheRequestAreRefusedBeforeSending(endpoint: String) async throws {
        let transport = FakeTransport(.json(#"{"taskId":"1","status":"RUNNING"}"#))
        let client = try Fixture.client(transport)
        let error = await Fixture.error { try await client.submit(endpoint: endpoint, body: .object([:])) }
        #expect(error?.category == .invalidParameters)
        let previewError = await Fixture.error { try await client.pricePreview(endpoint: endpoint, body: .object([:])) }
        #expect(previewError?.category == .invalidParameters)
        #expect(transport.requests.isEmpty)
    }
}

extension Fixture {
    static func headerValues(request: DownloadRequest, _ name: String) -> [String] {
        request.headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}
