import Foundation
import Synchronization
import Testing
@testable import VeoBatch

/// Passes every call to a `FakeRunningHub`, reporting bytes through the progress handler the way
/// the curl transport does (a few steps, then the total).
struct ByteCountingRunningHub: RunningHubAPI {
    let fake: FakeRunningHub

    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia {
        let size = Int64((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0)
        for step in 1...4 { progress?(TransferProgress(bytesDone: size * Int64(step) / 4, bytesTotal: size)) }
        return try await fake.upload(fileAt: path, progress: nil)
    }

    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot { try await fake.submit(endpoint: endpoint, body: body) }
    func query(taskID: String) async throws -> TaskSnapshot { try await fake.query(taskID: taskID) }
    func queueStatus() async throws -> QueueStatus { try await fake.queueStatus() }
    func accountStatus() async throws -> AccountStatus { try await fake.accountStatus() }
    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview {
        try await fake.pricePreview(endpoint: endpoint, body: body)
    }

    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult {
        let result = try await fake.downloadResult(url: url, partPath: partPath, progress: nil)
        progress?(TransferProgress(bytesDone: result.fileLength / 2, bytesTotal: result.expectedLength))
        progress?(TransferProgress(bytesDone: result.fileLength, bytesTotal: result.expectedLength))
        return result
    }
}

@Suite("Progress: uploads and downloads report their bytes")
struct ProgressTransferTests {
    @Test("onTransfer hears each upload by file name and each download by take, then their end")
    func transfersReachTheBoard() async throws {
        let batch = try TestBatch()
        let frame = try batch.media("a_start.png", String(repeating: "x", count: 4000))
        let updates = Mutex<[TransferUpdate]>([])
        let board = ProgressBoard(manifest: TestBatch.manifest, takes: [.init(rowID: "a", take: 1, outputName: "a")])
        var configuration = batch.configuration(events: { board.record($0) })
        configuration.onTransfer = { update in
            updates.withLock { $0.append(update) }
            board.record(update)
        }
        let outcome = try await batch.run(
            [TestBatch.job("a", firstFrame: frame)], api: ByteCountingRunningHub(fake: FakeRunningHub()),
            configuration: configuration)
        #expect(outcome.exitStatus == .allDone)
        let seen = updates.withLock { $0 }
        let uploads = seen.filter { $0.direction == .upload }
        #expect(uploads.filter { !$0.finished }.map(\.bytesDone) == [1000, 2000, 3000, 4000])
        #expect(uploads.allSatisfy { $0.name == "a_start.png" && $0.id == uploads.first?.id })
        #expect(uploads.last?.finished == true)
        let downloads = seen.filter { $0.direction == .download }
        #expect(downloads.count == 3)
        #expect(downloads.allSatisfy { $0.name == "a" })
        #expect(downloads.last?.finished == true)
        let clipSize = (try FileManager.default.attributesOfItem(atPath: batch.clip("a"))[.size] as? NSNumber)?.int64Value
        #expect(downloads.first?.bytesTotal == clipSize)
        // Everything ended: nothing left on the board but the take, done.
        let snapshot = board.snapshot()
        #expect(snapshot.transfers.isEmpty)
        #expect(snapshot.counts == [.done: 1])
        #expect(snapshot.eta == 0)
    }
}
