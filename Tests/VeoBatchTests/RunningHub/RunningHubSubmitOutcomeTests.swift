import Foundation
import Testing
import VeoBatch

/// The money rule for submits: whenever the request may have reached the server and no definite
/// answer came back, the outcome is unknown; an answer with a task id is a success; an error answer
/// without a task id, a 429 and a request that certainly never left are "not created".
@Suite struct RunningHubSubmitOutcomeTests {
    let endpoint = "rhart-video-v3.1-pro-official/text-to-video"

    func submitError(_ reply: FakeTransport.Reply) async throws -> RunningHubError? {
        let transport = FakeTransport(reply)
        let client = try Fixture.client(transport)
        let error = await Fixture.error { try await client.submit(endpoint: endpoint, body: .object(["prompt": .string("a quiet harbour")])) }
        #expect(transport.requests.count == 1, "a submit is never retried inside the client")
        return error
    }

    @Test(arguments: [TransportError.Kind.timedOut, .connectionLost, .other, .cancelled])
    func transportErrorsAfterTheRequestMayHaveLeftAreOutcomeUnknown(kind: TransportError.Kind) async throws {
        let error = try #require(try await submitError(.transport(kind, message: "Connection reset by peer")))
        #expect(error.category == .outcomeUnknown)
        #expect(error.message.contains("may have reached RunningHub"))
        #expect(error.message.contains("Connection reset by peer."))
        #expect(error.message.contains("veobatch resolve"))
    }

    // A TLS failure is a handshake or certificate failure: curl writes the request only after the
    // handshake, so nothing was sent (found by ReliabilityNetworkTests: a self-signed server left
    // every row `unknown`).
    @Test(arguments: [TransportError.Kind.couldNotResolve, .couldNotConnect, .tls])
    func transportErrorsBeforeSendingAreTransient(kind: TransportError.Kind) async throws {
        let error = try #require(try await submitError(.transport(kind, message: "Could not resolve host: api.example.test")))
        #expect(error.category == .transient)
        #expect(error.message.contains("No task was created"))
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsAreOutcomeUnknown(status: Int) async throws {
        let error = try #require(try await submitError(.raw("upstream failed", status: status)))
        #expect(error.category == .outcomeUnknown)
        #expect(error.httpStatus == status)
    }

    @Test func serverErrorEvenWithAnErrorCodeIsOutcomeUnknown() async throws {
        let error = try await submitError(.json(#"{"taskId":"","errorCode":"1005","errorMessage":"Internal server error"}"#, status: 500))
        #expect(error?.category == .outcomeUnknown)
    }

    @Test(arguments: ["", "   ", "<html>gateway</html>", "[]", "null", #"{"taskId":"12"#])
    func unreadable200AnswersAreOutcomeUnknown(body: String) async throws {
        let error = try await submitError(.raw(body))
        #expect(error?.category == .outcomeUnknown)
        #expect(error?.message.contains("could not be read") == true)
    }

    @Test(arguments: [
        #"{}"#,
        #"{"status":"RUNNING"}"#,
        #"{"taskId":"","status":"","errorCode":"","errorMessage":"","results":null}"#,
        #"{"taskId":null,"errorCode":null}"#,
        #"{"taskId":"","errorCode":"0"}"#,
    ])
    func answersWithNeitherTaskIDNorErrorCodeAreOutcomeUnknown(body: String) async throws {
        let error = try await submitError(.json(body))
        #expect(error?.category == .outcomeUnknown)
        #expect(error?.message.contains("neither a task id nor an error code") == true)
    }

    @Test func rateLimitStatusMeansNotCreated() async throws {
        let error = try await submitError(.raw("Too Many Requests", status: 429))
        #expect(error?.category == .capacity)
        #expect(error?.httpStatus == 429)
    }

    @Test func officialNonEnterpriseKeyAnswerMeansNotCreated() async throws {
        let error = try #require(try await submitError(.json(#"""
            {"taskId":"","status":"","errorCode":"1014",
             "errorMessage":"Access Denied: Standard Model API is restricted to Enterprise-Shared API Keys only.|访问被拒绝：标准模型API仅限企业级-共享API Key调用。",
             "results":null}
            """#)))
        #expect(error.category == .auth)
        #expect(error.code == "1014")
        #expect(error.message == "RunningHub refused the submit to \(endpoint): Access Denied: Standard Model API is restricted to Enterprise-Shared API Keys only. " + "Check the API key (RUNNINGHUB_API_KEY or --api-key-file): it must belong to the site of the base URL (www.runninghub.ai and www.runninghub.cn have separate keys), and Veo endpoints need an Enterprise-Shared key.")
    }

    @Test func errorCodeAsANumberMeansNotCreated() async throws {
        let error = try await submitError(.json(#"{"taskId":"","errorCode":1007,"errorMessage":"Invalid parameters, please check your input"}"#))
        #expect(error?.category == .invalidParameters)
        #expect(error?.code == "1007")
    }

    @Test(arguments: ["FAILED", "SUCCESS", "QUEUED", "CREATE", ""])
    func anAnswerWithATaskIDIsASuccessWhateverItsStatus(status: String) async throws {
        let transport = FakeTransport(.json(#"""
            {"taskId":"2013508786110730241","status":"\#(status)","errorCode":"\#(status == "FAILED" ? "1501" : "")","errorMessage":"",
             "results":\#(status == "SUCCESS" ? #"[{"url":"https://cdn.example.test/o.mp4","outputType":"mp4"}]"# : "null")}
            """#))
        let snapshot = try await Fixture.client(transport).submit(endpoint: endpoint, body: .object([:]))
        #expect(snapshot.taskID == "2013508786110730241")
        #expect(snapshot.status == TaskStatus(wire: status))
        if status == "FAILED" {
            #expect(snapshot.errorCode == "1501")
            #expect(snapshot.failure()?.category == .taskFailed)
        }
        if status == "SUCCESS" {
            #expect(snapshot.results.map(\.url) == ["https://cdn.example.test/o.mp4"])
        }
    }

    @Test func numericTaskIDIsKeptExactly() async throws {
        let transport = FakeTransport(.json(#"{"taskId":2013508786110730241,"status":"QUEUED"}"#))
        let snapshot = try await Fixture.client(transport).submit(endpoint: endpoint, body: .object([:]))
        #expect(snapshot.taskID == "2013508786110730241")
        #expect(snapshot.status == .queued)
    }

    @Test func aTransportThatThrowsSomethingElseIsStillOutcomeUnknown() async throws {
        struct Odd: Error {}
        let client = try RunningHubClient(baseURL: Fixture.baseURL, apiKey: Fixture.key, transport: ThrowingTransport(error: Odd()), logger: CapturedLog().logger)
        let error = await Fixture.error { try await client.submit(endpoint: endpoint, body: .object([:])) }
        #expect(error?.category == .outcomeUnknown)
        let cancelled = try RunningHubClient(baseURL: Fixture.baseURL, apiKey: Fixture.key, transport: ThrowingTransport(error: CancellationError()), logger: CapturedLog().logger)
        #expect(await Fixture.error { try await cancelled.submit(endpoint: endpoint, body: .object([:])) }?.category == .outcomeUnknown)
        #expect(await Fixture.error { try await cancelled.query(taskID: "1") }?.category == .transient)
    }
}

/// A transport that throws a non-`TransportError`.
struct ThrowingTransport: HTTPTransport {
    let error: any Error & Sendable

    func send(_ request: HTTPRequest, progress: ProgressHandler?) async throws -> HTTPResponse { throw error }
    func download(_ request: DownloadRequest, progress: ProgressHandler?) async throws -> DownloadResult { throw error }
}
