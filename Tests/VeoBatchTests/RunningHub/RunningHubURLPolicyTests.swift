import Foundation
import Testing
import VeoBatch

/// https everywhere; plain http only to this machine (product.md §9).
@Suite struct RunningHubURLPolicyTests {
    @Test(arguments: [
        "https://www.runninghub.ai", "https://www.runninghub.cn/", "HTTPS://www.runninghub.ai",
        "http://127.0.0.1:8080", "http://127.45.6.7", "http://localhost:9000/", "http://LOCALHOST", "http://[::1]:8080",
        "https://api.example.test/prefix",
    ])
    func acceptedBaseURLs(url: String) throws {
        #expect(SecureURL.refusal(for: url) == nil)
        _ = try RunningHubClient(baseURL: url, apiKey: Fixture.key, transport: FakeTransport(), logger: CapturedLog().logger)
    }

    @Test(arguments: [
        "http://www.runninghub.ai", "http://example.com:80", "http://128.0.0.1", "http://127.0.0.1.evil.example",
        "http://localhost.evil.example", "http://10.0.0.1", "http://[::2]", "http://127.1", "http://0x7f.0.0.1",
    ])
    func plainHTTPToANonLoopbackHostIsRefusedWithAClearMessage(url: String) throws {
        #expect(throws: BaseURLError.self) {
            _ = try RunningHubClient(baseURL: url, apiKey: Fixture.key, transport: FakeTransport(), logger: CapturedLog().logger)
        }
        do {
            _ = try RunningHubClient(baseURL: url, apiKey: Fixture.key, transport: FakeTransport(), logger: CapturedLog().logger)
        } catch let error as BaseURLError {
            #expect(error.description.contains("plain http is allowed only for loopback hosts"))
            #expect(error.description.contains("use https://"))
            #expect(error.description.contains("--base-url"))
        }
    }

    @Test(arguments: ["ftp://www.runninghub.ai", "www.runninghub.ai", "", "https://", "https://user:pw@www.runninghub.ai", "https://www.runninghub.ai/?x=1"])
    func otherUnusableBaseURLsAreRefused(url: String) {
        #expect(throws: BaseURLError.self) {
            _ = try RunningHubClient(baseURL: url, apiKey: Fixture.key, transport: FakeTransport(), logger: CapturedLog().logger)
        }
    }

    @Test func credentialsInABaseURLAreNotEchoed() {
        let error = BaseURLError(url: "https://me:hunter2@www.runninghub.ai", refusal: .carriesCredentials)
        #expect(!error.description.contains("hunter2"))
    }

    @Test(arguments: ["http://cdn.example.test/out.mp4", "ftp://cdn.example.test/out.mp4", "file:///etc/passwd", "not a url"])
    func insecureResultURLsAreNotDownloaded(url: String) async throws {
        let transport = FakeTransport()
        let error = await Fixture.error {
            try await Fixture.client(transport).downloadResult(url: url, partPath: "/tmp/x.part", progress: nil)
        }
        #expect(error?.category == .protocolViolation)
        #expect(error?.message.contains("was not downloaded") == true)
        #expect(transport.downloads.isEmpty)
    }

    @Test func loopbackHTTPResultURLsAreDownloaded() async throws {
        let transport = FakeTransport()
        _ = try await Fixture.client(transport).downloadResult(url: "http://127.0.0.1:4567/results/a.mp4?sig=1", partPath: "/tmp/x.part", progress: nil)
        #expect(transport.downloads.map(\.url) == ["http://127.0.0.1:4567/results/a.mp4?sig=1"])
    }
}
