import Crypto
import Foundation
import Testing

@testable import RunningHubSimulator

@Suite("Uploads and signed file URLs")
struct FileTests {
    @Test("an upload comes back byte-identical, also by Range and HEAD, without any key")
    func roundTrip() async throws {
        try await withSimulator { sim in
            let bytes = Fixtures.bytes(3 * 1024 * 1024 + 17)
            let answer = try await sim.upload(bytes, filename: "take.bin")
            #expect(answer["code"] as? Int == 0)
            #expect(answer["message"] as? String == "success")
            let data = try #require(answer["data"] as? [String: Any])
            #expect(data["size"] as? String == String(bytes.count))
            #expect(data["type"] as? String == "file")
            let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            #expect(data["fileName"] as? String == "openapi/\(sha).bin")
            let url = try #require(data["download_url"] as? String)
            #expect(url.hasPrefix("http://127.0.0.1:\(sim.port)/files/"))
            #expect(url.contains("expires=") && url.contains("sig="))

            let whole = try await RawHTTP.get(url)
            #expect(whole.status == 200)
            #expect(whole.body == bytes)

            let tail = try await RawHTTP.get(url, headers: ["Range": "bytes=1000000-"])
            #expect(tail.status == 206)
            #expect(tail.headers["content-range"] == "bytes 1000000-\(bytes.count - 1)/\(bytes.count)")
            #expect(tail.body == Array(bytes[1_000_000...]))

            let head = try await RawHTTP.get(url, method: "HEAD")
            #expect(head.status == 200)
            #expect(head.declaredLength == bytes.count)
            #expect(head.headers["accept-ranges"] == "bytes")

            let beyond = try await RawHTTP.get(url, headers: ["Range": "bytes=\(bytes.count)-"])
            #expect(beyond.status == 416)

            let stats = await sim.server.stats()
            #expect(stats.uploads == 1)
            #expect(stats.uploadBytes == bytes.count)
            // HEAD and 416 send no file bytes, so they are not downloads.
            #expect(stats.downloads == 2)
            #expect(stats.downloadBytes == bytes.count + bytes.count - 1_000_000)
            #expect(stats.authHeaderOnFileURLs == 0)
        }
    }

    @Test("expired, tampered and unknown file URLs are refused like object storage refuses them")
    func refusals() async throws {
        try await withSimulator({ $0.resultURLLifetime = 0 }) { sim in
            let url = try await sim.uploadURL(Fixtures.png, filename: "a.png")
            let expired = try await RawHTTP.get(url)
            #expect(expired.status == 403)
            #expect(expired.text.contains("<Code>AccessDenied</Code>"))
        }
        try await withSimulator { sim in
            let url = try await sim.uploadURL(Fixtures.png, filename: "a.png")
            let tampered = try await RawHTTP.get(url.replacingOccurrences(of: "expires=", with: "expires=1"))
            #expect(tampered.status == 403)
            #expect(tampered.text.contains("SignatureDoesNotMatch"))
            let unknown = try await RawHTTP.send(port: sim.port, method: "GET", path: "/files/nope.png?expires=1&sig=0")
            #expect(unknown.status == 404)
            let withKey = try await RawHTTP.get(url, headers: ["Authorization": "Bearer \(TestKeys.enterprise)"])
            #expect(withKey.status == 200)
            #expect(await sim.server.stats().authHeaderOnFileURLs == 1)
        }
    }

    @Test("uploads over the limit answer 809, bodies without a file part 301, malformed ones 808")
    func uploadErrors() async throws {
        try await withSimulator({ $0.uploadLimitBytes = 64 * 1024 }) { sim in
            let tooBig = try await sim.upload(Fixtures.bytes(64 * 1024 + 1))
            #expect(tooBig["code"] as? Int == 809)
            let fits = try await sim.upload(Fixtures.bytes(64 * 1024))
            #expect(fits["code"] as? Int == 0)
            let noFile = try await sim.uploadRaw(Fixtures.png, partName: "image").json()
            #expect(noFile["code"] as? Int == 301)
            let notMultipart = try await sim.post("/openapi/v2/media/upload/binary", json: "{}").json()
            #expect(notMultipart["code"] as? Int == 301)
            let cut = try await RawHTTP.send(
                port: sim.port, method: "POST", path: "/openapi/v2/media/upload/binary",
                headers: ["Authorization": "Bearer \(TestKeys.enterprise)", "Content-Type": "multipart/form-data; boundary=b"],
                body: Array("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc".utf8)
            ).json()
            #expect(cut["code"] as? Int == 808)
            let stats = await sim.server.stats()
            #expect(stats.uploads == 1)
        }
    }
}
