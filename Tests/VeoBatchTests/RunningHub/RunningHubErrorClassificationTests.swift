import Foundation
import Testing
import VeoBatch

/// runninghub-api.md §4: every listed code and status lands in the category that decides what the
/// caller does next.
@Suite struct RunningHubErrorClassificationTests {
    typealias Category = RunningHubError.Category

    static let codes: [(String, Category)] = [
        ("1002", .auth), ("802", .auth), ("801", .auth), ("811", .auth), ("1014", .auth), ("1601", .auth), ("401", .auth),
        ("416", .insufficientBalance), ("812", .insufficientBalance),
        ("421", .capacity), ("415", .capacity), ("1520", .capacity), ("1003", .capacity), ("814", .capacity),
        ("1007", .invalidParameters), ("301", .invalidParameters), ("1001", .invalidParameters), ("1008", .invalidParameters),
        ("1009", .invalidParameters), ("412", .invalidParameters), ("809", .invalidParameters),
        ("1000", .transient), ("1005", .transient), ("1010", .transient), ("1011", .transient), ("1012", .transient), ("1013", .transient),
        ("1501", .taskFailed), ("1505", .taskFailed), ("1015", .taskFailed), ("1006", .taskFailed), ("1504", .taskFailed), ("1101", .taskFailed),
        ("1004", .notFound), ("807", .notFound), ("423", .notFound),
        ("4242", .protocolViolation),
    ]

    @Test(arguments: codes)
    func submitRefusalWithoutTaskIDIsClassifiedByItsCode(code: String, expected: Category) async throws {
        let transport = FakeTransport(.json(#"{"taskId":"","status":"","errorCode":"\#(code)","errorMessage":"Server words for \#(code)|中文","results":null}"#))
        let error = await Fixture.error {
            try await Fixture.client(transport).submit(endpoint: "rhart-video-v3.1-fast/text-to-video", body: .object([:]))
        }
        #expect(error?.category == expected)
        #expect(error?.code == code)
        #expect(error?.route == "rhart-video-v3.1-fast/text-to-video")
        #expect(error?.message.contains("Server words for \(code).") == true)
        #expect(error?.message.contains("中文") == false)
        #expect(error?.message.contains("submit to rhart-video-v3.1-fast/text-to-video") == true)
    }

    @Test(arguments: codes)
    func queryRefusalWithoutStatusIsClassifiedByItsCode(code: String, expected: Category) async throws {
        let transport = FakeTransport(.json(#"{"taskId":"","status":"","errorCode":"\#(code)","errorMessage":""}"#))
        let error = await Fixture.error { try await Fixture.client(transport).query(taskID: "123") }
        #expect(error?.category == expected)
        #expect(error?.code == code)
        #expect(error?.route == "query")
    }

    @Test(arguments: codes)
    func envelopeCodesAreClassifiedTheSameWay(code: String, expected: Category) async throws {
        let transport = FakeTransport(.json(#"{"code":\#(code),"message":"Upload refused","msg":"refused"}"#))
        let error = await Fixture.error { try await Fixture.client(transport).upload(fileAt: "/tmp/a.png", progress: nil) }
        #expect(error?.category == expected)
        let queueError = await Fixture.error { try await Fixture.client(transport).queueStatus() }
        #expect(queueError?.category == expected)
        let accountError = await Fixture.error { try await Fixture.client(transport).accountStatus() }
        #expect(accountError?.category == expected)
    }

    @Test func officialBadKeyUploadAnswer() async throws {
        let transport = FakeTransport(.json(#"{"code":401,"message":"ApiKey verification failed: API Key不存在"}"#))
        let error = try #require(await Fixture.error { try await Fixture.client(transport).upload(fileAt: "/tmp/a.png", progress: nil) })
        #expect(error.category == .auth)
        #expect(error.message.contains("ApiKey verification failed: API Key不存在"))
        #expect(error.message.contains("upload of a.png"))
    }

    @Test func codeWithoutMessageFallsBackToTheOfficialMeaning() async throws {
        let transport = FakeTransport(.json(#"{"taskId":"","errorCode":"1014","errorMessage":""}"#))
        let error = try #require(await Fixture.error { try await Fixture.client(transport).submit(endpoint: "a/b", body: .object([:])) })
        #expect(error.category == .auth)
        #expect(error.message.contains("Enterprise-Shared API Keys only"))
    }

    static let httpStatuses: [(Int, Category)] = [
        (401, .auth), (403, .auth), (429, .capacity), (400, .invalidParameters), (404, .invalidParameters),
        (408, .transient), (500, .transient), (502, .transient), (503, .transient), (504, .transient), (418, .protocolViolation),
    ]

    @Test(arguments: httpStatuses)
    func httpStatusesOnNonSubmitRoutes(status: Int, expected: Category) async throws {
        let transport = FakeTransport(.raw("<html>nope</html>", status: status))
        let client = try Fixture.client(transport)
        #expect(await Fixture.error { try await client.query(taskID: "1") }?.category == expected)
        #expect(await Fixture.error { try await client.queueStatus() }?.category == expected)
        #expect(await Fixture.error { try await client.upload(fileAt: "/tmp/a.png", progress: nil) }?.httpStatus == status)
    }

    @Test func httpErrorWithABodyCodeUsesTheCode() async throws {
        let transport = FakeTransport(.json(#"{"errorCode":"1002","errorMessage":"Invalid API Key, please check your credentials"}"#, status: 400))
        let error = try #require(await Fixture.error { try await Fixture.client(transport).query(taskID: "1") })
        #expect(error.category == .auth)
        #expect(error.httpStatus == 400)
        #expect(error.code == "1002")
    }

    static let transportKinds: [TransportError.Kind] = [
        .couldNotResolve, .couldNotConnect, .timedOut, .connectionLost, .tls, .other, .cancelled, .localFile,
    ]

    @Test(arguments: transportKinds)
    func transportErrorsOnNonSubmitRoutesAreTransient(kind: TransportError.Kind) async throws {
        let transport = FakeTransport(.transport(kind, message: "Timeout was reached"))
        let client = try Fixture.client(transport)
        for error in [
            await Fixture.error { try await client.query(taskID: "1") },
            await Fixture.error { try await client.queueStatus() },
            await Fixture.error { try await client.accountStatus() },
            await Fixture.error { try await client.pricePreview(endpoint: "a/b", body: .object([:])) },
        ] {
            #expect(error?.category == .transient)
            #expect(error?.message.contains("Timeout was reached.") == true)
        }
    }

    @Test(arguments: transportKinds)
    func uploadTransportErrors(kind: TransportError.Kind) async throws {
        let transport = FakeTransport(.transport(kind, message: "Failed to open/read local data from file/application"))
        let error = await Fixture.error { try await Fixture.client(transport).upload(fileAt: "/tmp/a.png", progress: nil) }
        // An unreadable local file will not get better by retrying.
        #expect(error?.category == (kind == .localFile ? .invalidParameters : .transient))
    }

    @Test(arguments: [(403, Category.notFound), (404, .notFound), (410, .notFound), (401, .notFound), (429, .capacity), (503, .transient)])
    func downloadHTTPStatusesAreNeverAuthProblems(status: Int, expected: Category) async throws {
        let failure = TransportError(kind: .httpStatus(status), curlCode: 22, message: "The requested URL returned error: \(status)", url: "https://cdn.example.test/x.mp4?sign=SECRET")
        let transport = FakeTransport(download: .failure(failure))
        let error = try #require(await Fixture.error {
            try await Fixture.client(transport).downloadResult(url: "https://cdn.example.test/x.mp4?sign=SECRET", partPath: "/tmp/x.part", progress: nil)
        })
        #expect(error.category == expected)
        #expect(error.httpStatus == status)
        #expect(error.message.contains("https://cdn.example.test/x.mp4"))
        #expect(!error.message.contains("sign=SECRET"))
    }

    @Test func downloadTransportFailureIsTransient() async throws {
        let transport = FakeTransport(download: .failure(TransportError(kind: .connectionLost, message: "Partial file", url: "https://cdn.example.test/x.mp4")))
        let error = await Fixture.error {
            try await Fixture.client(transport).downloadResult(url: "https://cdn.example.test/x.mp4", partPath: "/tmp/x.part", progress: nil)
        }
        #expect(error?.category == .transient)
    }

    @Test(arguments: ["", "<html>502 Bad Gateway</html>", "[]", "{\"code\":0,\"msg\":\"success\"}"])
    func unreadableAnswersOnNonSubmitRoutesAreProtocolViolations(body: String) async throws {
        let transport = FakeTransport(.raw(body))
        let client = try Fixture.client(transport)
        #expect(await Fixture.error { try await client.queueStatus() }?.category == .protocolViolation)
        #expect(await Fixture.error { try await client.accountStatus() }?.category == .protocolViolation)
        #expect(await Fixture.error { try await client.upload(fileAt: "/tmp/a.png", progress: nil) }?.category == .protocolViolation)
    }

    @Test func descriptionNamesRouteCodeAndStatus() {
        let error = RunningHubError(category: .auth, code: "1002", httpStatus: 401, message: "Refused.", route: "query")
        #expect(error.description == "query: Refused. (code 1002, HTTP 401)")
    }

    @Test func onlyKeyAndWalletProblemsAreAccountProblems() {
        let all: [Category] = [.auth, .insufficientBalance, .capacity, .invalidParameters, .transient, .taskFailed, .notFound, .outcomeUnknown, .protocolViolation]
        let account = all.filter { RunningHubError(category: $0, message: "x", route: "r").isAccountProblem }
        #expect(account == [.auth, .insufficientBalance])
    }
}
