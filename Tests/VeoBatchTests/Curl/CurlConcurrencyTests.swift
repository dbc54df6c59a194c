import Foundation
import Synchronization
import Testing
import TestSupport

@testable import VeoBatch

/// Many transfers on the one engine, and cancellation of awaiting tasks.
@Suite("Curl concurrency and cancellation")
struct CurlConcurrencyTests {
    @Test("24 downloads and 24 API calls at once through one CurlTransport all complete correctly")
    func manyTransfersAtOnce() async throws {
        try await CurlFixtureServer.with { server in
            let original = "\(server.storeDirectory)/clip.mp4"
            try CurlTestFiles.makeRandomFile(at: original, megabytes: 1)
            let expectedHash = try CurlTestFiles.sha256(of: original)
            let folder = try TemporaryFolder(prefix: "curl-many")
            defer { folder.remove() }
            let transport = try CurlTransport()
            defer { transport.close() }

            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        let part = folder.path("copy-\(index).part")
                        let result = try await transport.download(DownloadRequest(url: server.url("/files/clip.mp4"), partPath: part), progress: nil)
                        return try result.fileLength == 1_048_576 && CurlTestFiles.sha256(of: part) == expectedHash
                    }
                    group.addTask {
                        let body = Data(#"{"row":\#(index)}"#.utf8)
                        let response = try await transport.send(
                            HTTPRequest(method: .post, url: server.url("/echo"), body: .data(body, contentType: "application/json")),
                            progress: nil)
                        return try response.status == 200 && EchoAnswer(response.body).body == #"{"row":\#(index)}"#
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.count == 48)
            #expect(outcomes.allSatisfy { $0 })
            #expect(transport.statistics.transfersFinished == 48)
            #expect(transport.statistics.connectionsOpened <= 48)
        }
    }

    @Test("Cancelling the awaiting task removes a running download and throws .cancelled")
    func cancelRunningDownload() async throws {
        try await CurlFixtureServer.with { server in
            let folder = try TemporaryFolder(prefix: "curl-cancel")
            defer { folder.remove() }
            let transport = try CurlTransport()
            defer { transport.close() }
            let (started, signal) = AsyncStream<Void>.makeStream()
            let task = Task {
                // Default timeouts: without cancellation this would run for a minute and then time out.
                try await transport.download(
                    DownloadRequest(url: server.url("/slow"), partPath: folder.path("slow.part")),
                    progress: { _ in signal.yield() })
            }
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            task.cancel()
            let error = await #expect(throws: TransportError.self) { _ = try await task.value }
            #expect(error?.kind == .cancelled)
            #expect(transport.statistics.transfersFinished == 1)
            // The engine is still healthy after the removal.
            let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/echo")), progress: nil)
            #expect(response.status == 200)
        }
    }

    @Test("A task cancelled before its request starts throws .cancelled without sending it")
    func cancelBeforeStart() async throws {
        try await CurlFixtureServer.with { server in
            let transport = try CurlTransport()
            defer { transport.close() }
            let gate = Mutex(false)
            let task = Task {
                while !gate.withLock({ $0 }) { await Task.yield() }
                return try await transport.send(HTTPRequest(method: .get, url: server.url("/echo")), progress: nil)
            }
            task.cancel()
            gate.withLock { $0 = true }
            let error = await #expect(throws: TransportError.self) { _ = try await task.value }
            #expect(error?.kind == .cancelled)
            #expect(transport.statistics.connectionsOpened == 0)
        }
    }

    @Test("Closing the transport ends running transfers with .cancelled and refuses new ones")
    func closeEndsTransfers() async throws {
        try await CurlFixtureServer.with { server in
            let folder = try TemporaryFolder(prefix: "curl-close")
            defer { folder.remove() }
            let transport = try CurlTransport()
            let (started, signal) = AsyncStream<Void>.makeStream()
            let task = Task {
                try await transport.download(
                    DownloadRequest(url: server.url("/slow"), partPath: folder.path("slow.part")), progress: { _ in signal.yield() })
            }
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            transport.close()
            let error = await #expect(throws: TransportError.self) { _ = try await task.value }
            #expect(error?.kind == .cancelled)
            let refused = await #expect(throws: TransportError.self) {
                _ = try await transport.send(HTTPRequest(method: .get, url: server.url("/echo")), progress: nil)
            }
            #expect(refused?.kind == .cancelled)
        }
    }
}
