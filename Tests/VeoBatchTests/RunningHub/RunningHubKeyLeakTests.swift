import Foundation
import Testing
import VeoBatch

/// A distinctive key goes through every route and every failure path; it must never show up in an
/// error description or in anything the client logged, even when the server or curl echo it back.
@Suite struct RunningHubKeyLeakTests {
    static let secret = "rhLEAKCANARY7f3a9cQ"
    let key = APIKey(Self.secret)

    /// Every route, driven against one canned reply; returns what each threw, as text.
    func exerciseAllRoutes(_ reply: FakeTransport.Reply, download: Result<DownloadResult, TransportError>? = nil, log: CapturedLog) async throws -> [String] {
        let transport = download.map { FakeTransport(reply, download: $0) } ?? FakeTransport(reply)
        let client = try RunningHubClient(baseURL: Fixture.baseURL, apiKey: key, transport: transport, logger: log.logger)
        var texts = [String]()
        func record(_ body: () async throws -> Any) async {
            do {
                let value = try await body()
                texts.append(String(describing: value))
            } catch {
                texts.append(String(describing: error))
                texts.append(String(reflecting: error))
                if let error = error as? RunningHubError { texts.append(error.message) }
            }
        }
        await record { try await client.upload(fileAt: "/tmp/a.png", progress: nil) }
        await record { try await client.submit(endpoint: "rhart-video-v3.1-pro/text-to-video", body: .object(["prompt": .string("harbour")])) }
        await record { try await client.query(taskID: "123") }
        await record { try await client.queueStatus() }
        await record { try await client.accountStatus() }
        await record { try await client.pricePreview(endpoint: "rhart-video-v3.1-pro/text-to-video", body: .object([:])) }
        await record { try await client.downloadResult(url: "https://cdn.example.test/o.mp4", partPath: "/tmp/o.part", progress: nil) }
        if let snapshot = try? await client.query(taskID: "123") {
            texts.append(String(describing: snapshot))
            if let failure = snapshot.failure() { texts.append(failure.description) }
        }
        texts.append(String(describing: client))
        texts.append(String(reflecting: client))
        return texts
    }

    static let echoingReplies: [FakeTransport.Reply] = [
        .json(#"{"taskId":"","errorCode":"1002","errorMessage":"API Key \#(secret) does not exist|API Key \#(secret) 不存在"}"#),
        .json(#"{"code":401,"message":"ApiKey verification failed: \#(secret)","msg":"\#(secret)"}"#),
        .json(#"{"taskId":"","errorCode":"1002","errorMessage":"bad key"}"#, status: 401),
        .json(#"{"errorCode":"1005","errorMessage":"internal error for \#(secret)"}"#, status: 500),
        .raw("<html>debug: Authorization: Bearer \(secret)</html>"),
        .json(#"{"taskId":"5","status":"FAILED","errorCode":"1501","errorMessage":"moderation flagged \#(secret)"}"#),
        .transport(.timedOut, message: "Operation timed out; header was Bearer \(secret)"),
        .transport(.couldNotConnect, message: "Failed to connect"),
    ]

    @Test(arguments: echoingReplies)
    func keyNeverAppearsInErrorsOrLogs(reply: FakeTransport.Reply) async throws {
        let log = CapturedLog()
        let texts = try await exerciseAllRoutes(reply, log: log)
        for text in texts {
            #expect(!text.contains(Self.secret), "leaked: \(text)")
        }
        for line in log.all {
            #expect(!line.contains(Self.secret), "leaked into the log: \(line)")
        }
        #expect(!log.all.isEmpty, "the client logs its requests")
    }

    @Test func downloadFailureMessagesDoNotCarryTheKey() async throws {
        let log = CapturedLog()
        let failure = TransportError(kind: .connectionLost, message: "reset while sending Bearer \(Self.secret)", url: "https://cdn.example.test/o.mp4")
        let texts = try await exerciseAllRoutes(.json("{}"), download: .failure(failure), log: log)
        #expect(texts.contains { $0.contains("reset while sending Bearer <redacted>") })
        for text in texts + log.all {
            #expect(!text.contains(Self.secret), "leaked: \(text)")
        }
    }

    @Test func theKeyPrintsRedactedEverywhere() {
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains(Self.secret))
        #expect(key.redacting(in: "a \(Self.secret) b \(Self.secret)") == "a <redacted> b <redacted>")
    }

    @Test func accountStatusBodyCarriesTheKeyButTheLogDoesNot() async throws {
        let log = CapturedLog()
        let transport = FakeTransport(.json(#"{"code":0,"msg":"success","data":{"remainCoins":"1"}}"#))
        let client = try RunningHubClient(baseURL: Fixture.baseURL, apiKey: key, transport: transport, logger: log.logger)
        _ = try await client.accountStatus()
        #expect(Fixture.jsonBody(try #require(transport.requests.first)) == .object(["apikey": .string(Self.secret)]))
        #expect(!log.all.joined().contains(Self.secret))
    }
}

extension FakeTransport.Reply: CustomTestStringConvertible {
    var testDescription: String {
        switch self {
        case .response(let response): return "HTTP \(response.status) \(String(decoding: response.body.prefix(40), as: UTF8.self))"
        case .failure(let error): return "transport \(error.kind)"
        }
    }
}
