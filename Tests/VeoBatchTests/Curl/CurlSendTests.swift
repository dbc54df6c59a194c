import Foundation
import Testing

@testable import VeoBatch

/// `CurlTransport.send` against the in-process fixture server: API-style requests, the errors a
/// network can produce, and connection reuse.
@Suite("Curl send")
struct CurlSendTests {
    @Test("A JSON POST with a Bearer header arrives intact and its answer comes back")
    func jsonPostRoundTrip() async throws {
        try await CurlFixtureServer.with { server in
            let transport = try CurlTransport()
            defer { transport.close() }
            let body = Data(#"{"prompt":"a red fox","duration":8}"#.utf8)
            let response = try await transport.send(
                HTTPRequest(
                    method: .post, url: server.url("/echo"),
                    headers: [HTTPHeader("Authorization", "Bearer test-key-123456")],
                    body: .data(body, contentType: "application/json")),
                progress: nil)
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json")
            let echo = try EchoAnswer(response.body)
            #expect(echo.method == "POST")
            #expect(echo.headers["Authorization"] == "Bearer test-key-123456")
            #expect(echo.headers["Content-Type"] == "application/json")
            #expect(echo.headers["Expect"] == nil)
            #expect(echo.body == String(decoding: body, as: UTF8.self))
        }
    }

    @Test("An HTTP error status is an answer, not an error")
    func errorStatusIsAnAnswer() async throws {
        try await CurlFixtureServer.with { server in
            let transport = try CurlTransport()
            defer { transport.close() }
            let response = try await transport.send(
                HTTPRequest(method: .post, url: server.url("/status/500"), body: .data(Data("{}".utf8), contentType: "application/json")),
                progress: nil)
            #expect(response.status == 500)
            #expect(String(decoding: response.body, as: UTF8.self) == "status 500")
        }
    }

    @Test("send() does not follow redirects, so a key cannot travel to another host")
    func sendDoesNotFollowRedirects() async throws {
        try await CurlFixtureServer.with { server in
            let transport = try CurlTransport()
            defer { transport.close() }
            let response = try await transport.send(
                HTTPRequest(method: .get, url: server.url("/redirect?to=http://127.0.0.1:9/elsewhere")), progress: nil)
            #expect(response.status == 302)
            #expect(response.header("Location") == "http://127.0.0.1:9/elsewhere")
        }
    }

    @Test("Sequential requests reuse one connection")
    func sequentialRequestsReuseTheConnection() async throws {
        try await CurlFixtureServer.with { server in
            let transport = try CurlTransport()
            defer { transport.close() }
            for index in 0..<4 {
                let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/echo?n=\(index)")), progress: nil)
                #expect(response.status == 200)
            }
            #expect(transport.statistics.transfersFinished == 4)
            #expect(transport.statistics.connectionsOpened == 1)
        }
    }

    @Test("curl resends an idempotent request whose reused connection died before any answer")
    func curlResendsOnDeadReusedConnection() async throws {
        try await CurlFixtureServer.with { server in
            let transport = try CurlTransport()
            defer { transport.close() }
            let request = HTTPRequest(
                method: .post, url: server.url("/drop-second"), body: .data(Data("{}".utf8), contentType: "application/json"),
                isIdempotent: true)
            #expect(try await transport.send(request, progress: nil).status == 200)
            // The second copy dies with the connection; curl silently sends a third on a new one.
            #expect(try await transport.send(request, progress: nil).status == 200)
            #expect(server.dropSecondHits.value == 3)
        }
    }

    @Test("A POST is not idempotent by default: never resent, it fails as .connectionLost")
    func nonIdempotentRequestIsNotResent() async throws {
        try await CurlFixtureServer.with { server in
            let transport = try CurlTransport()
            defer { transport.close() }
            let submit = HTTPRequest(
                method: .post, url: server.url("/drop-second"), body: .data(Data("{}".utf8), contentType: "application/json"))
            #expect(!submit.isIdempotent)
            #expect(try await transport.send(submit, progress: nil).status == 200)
            let error = await #expect(throws: TransportError.self) {
                _ = try await transport.send(submit, progress: nil)
            }
            #expect(error?.kind == .connectionLost)
            #expect(error?.requestCertainlyNotSent == false)
            #expect(server.dropSecondHits.value == 2)
        }
    }

    @Test("A refused connection is .couldNotConnect and certainly not sent")
    func connectionRefused() async throws {
        let transport = try CurlTransport()
        defer { transport.close() }
        let url = "http://127.0.0.1:\(try unusedPort())/v2/submit"
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(
                HTTPRequest(
                    method: .post, url: url, headers: [HTTPHeader("Authorization", "Bearer sk-secret-value-42")],
                    body: .data(Data("{}".utf8), contentType: "application/json")),
                progress: nil)
        }
        #expect(error?.kind == .couldNotConnect)
        #expect(error?.requestCertainlyNotSent == true)
        #expect(error?.curlCode == 7)
        #expect(error?.url == url)
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains(url))
        #expect(!text.contains("sk-secret-value-42"))
        #expect(error?.message.isEmpty == false)
    }

    @Test("An unresolvable host is .couldNotResolve and certainly not sent")
    func unresolvableHost() async throws {
        let transport = try CurlTransport()
        defer { transport.close() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(method: .get, url: "http://no-such-host.invalid/query"), progress: nil)
        }
        #expect(error?.kind == .couldNotResolve)
        #expect(error?.requestCertainlyNotSent == true)
        #expect(error.map { "\($0)" }?.contains("no-such-host.invalid") == true)
    }

    @Test("A peer that stalls hits the low-speed limit: .timedOut")
    func stallTimesOut() async throws {
        try await CurlFixtureServer.with { server in
            let transport = try CurlTransport()
            defer { transport.close() }
            let timeouts = TransferTimeouts(connect: .seconds(5), lowSpeedLimit: 100, lowSpeedTime: .seconds(1))
            let error = await #expect(throws: TransportError.self) {
                _ = try await transport.send(HTTPRequest(method: .get, url: server.url("/slow"), timeouts: timeouts), progress: nil)
            }
            #expect(error?.kind == .timedOut)
            #expect(error?.requestCertainlyNotSent == false)
        }
    }

    @Test("A header value with a line break is refused before anything is sent")
    func headerInjectionRefused() async throws {
        let transport = try CurlTransport()
        defer { transport.close() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(
                HTTPRequest(method: .get, url: "http://127.0.0.1:9/", headers: [HTTPHeader("X-Note", "a\r\nAuthorization: Bearer x")]),
                progress: nil)
        }
        #expect(error?.kind == .other)
        #expect(error?.message.contains("Authorization: Bearer") == false)
    }

    @Test("A GET with a body is refused instead of silently becoming a POST")
    func getWithBodyRefused() async throws {
        let transport = try CurlTransport()
        defer { transport.close() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(
                HTTPRequest(method: .get, url: "http://127.0.0.1:9/", body: .data(Data(), contentType: "application/json")), progress: nil)
        }
        #expect(error?.kind == .other)
    }

    @Test("A multipart upload of a missing file fails as .localFile before connecting")
    func missingUploadFile() async throws {
        let transport = try CurlTransport()
        defer { transport.close() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(
                HTTPRequest(
                    method: .post, url: "http://127.0.0.1:9/upload",
                    body: .multipartFile(field: "file", path: "/nonexistent/shot.mp4", fileName: "shot.mp4", contentType: nil)),
                progress: nil)
        }
        #expect(error?.kind == .localFile)
        #expect(error?.message.contains("/nonexistent/shot.mp4") == true)
    }
}

/// The `/echo` route's answer.
struct EchoAnswer {
    var method: String
    var headers: [String: String]
    var body: String

    init(_ data: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let method = object["method"] as? String, let headers = object["headers"] as? [String: String],
            let body = object["body"] as? String
        else { throw FixtureError("not an echo answer: \(String(decoding: data, as: UTF8.self))") }
        self.method = method
        self.body = body
        // Header names compared case-insensitively, as HTTP does; stored capitalised per word.
        self.headers = Dictionary(
            headers.map { (Self.canonical($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    private static func canonical(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: "-")
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
func unusedPort() throws -> Int {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw FixtureError("socket() failed") }
    defer { close(socketFD) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
        }
    }
    guard bound else { throw FixtureError("bind() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}
