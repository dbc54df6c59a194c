import Foundation
import Testing
import TestSupport

@testable import RunningHubSimulator

@Suite("Starting and stopping")
struct ServerTests {
    @Test("a taken port and a non-loopback host are refused with a sentence; stop frees the port and the storage")
    func startFailures() async throws {
        let first = RunningHubSimulatorServer(configuration: .init(apiKeys: [TestKeys.enterprise]))
        try await first.start()
        #expect(first.baseURL == "http://127.0.0.1:\(first.port)")
        let second = RunningHubSimulatorServer(configuration: .init(apiKeys: [TestKeys.enterprise], port: first.port))
        await #expect(throws: SimulatorError.self) { try await second.start() }
        await first.stop()
        #expect(first.port == 0)

        let open = RunningHubSimulatorServer(configuration: .init(apiKeys: [TestKeys.enterprise], host: "0.0.0.0"))
        await #expect(throws: SimulatorError.self) { try await open.start() }

        let folder = try TemporaryFolder(prefix: "simstore")
        defer { folder.remove() }
        let storage = folder.path
        try await withSimulator({ $0.storageDirectory = storage }) { sim in
            _ = try await sim.uploadURL(Fixtures.png, filename: "a.png")
            let stored = try FileManager.default.contentsOfDirectory(atPath: storage)
            #expect(stored.count == 1 && stored[0].hasSuffix(".png"), "\(stored)")
        }
        // A folder the caller chose is left in place.
        #expect(FileManager.default.fileExists(atPath: storage))
    }
}
