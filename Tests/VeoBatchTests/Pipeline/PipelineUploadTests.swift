import Foundation
import Testing
@testable import VeoBatch

@Suite("Pipeline: uploads")
struct PipelineUploadTests {
    @Test("Two rows sharing one file upload it once; both bodies carry the same URL")
    func sharedFileUploadsOnce() async throws {
        let batch = try TestBatch()
        let frame = try batch.media("shared.png", "the same frame")
        let copy = try batch.media("copy.png", "the same frame")
        let other = try batch.media("other.png", "another frame")
        let jobs = [TestBatch.job("a", firstFrame: frame), TestBatch.job("b", line: 3, firstFrame: frame),
                    TestBatch.job("c", line: 4, firstFrame: copy), TestBatch.job("d", line: 5, firstFrame: other)]
        let fake = FakeRunningHub()
        let outcome = try await batch.run(jobs, api: fake)
        #expect(outcome.exitStatus == .allDone)
        // Same content under two names is still one upload.
        #expect(await fake.uploads.count == 2)
        let urls = try ["a", "b", "c"].map { row -> String? in
            let body = try #require(try batch.current(row)?.requestBodyJSON)
            return try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))["firstFrameUrl"]?.stringValue
        }
        #expect(Set(urls).count == 1)
        #expect(try batch.journal().uploads().count == 2)
    }

    @Test("An upload younger than 20 h is reused; an older one is uploaded again")
    func reuseWithinTwentyHours() async throws {
        let batch = try TestBatch()
        let young = try batch.media("young.png", "young frame")
        let old = try batch.media("old.png", "old frame")
        // Seed the cache as an earlier run would have left it.
        let journal = try Journal.open(outputDirectory: batch.out)
        let youngSHA = try FileDigest.sha256(ofFileAt: young).hex
        let oldSHA = try FileDigest.sha256(ofFileAt: old).hex
        try journal.recordUpload(UploadRecord(sha256: youngSHA, downloadURL: "https://fake.storage/cached/young.png",
                                              uploadedAt: Date().addingTimeInterval(-19 * 3600), size: 11, path: young))
        try journal.recordUpload(UploadRecord(sha256: oldSHA, downloadURL: "https://fake.storage/cached/old.png",
                                              uploadedAt: Date().addingTimeInterval(-21 * 3600), size: 9, path: old))
        let fake = FakeRunningHub()
        let outcome = try await batch.run([TestBatch.job("y", firstFrame: young), TestBatch.job("o", line: 3, firstFrame: old)], api: fake)
        #expect(outcome.exitStatus == .allDone)
        #expect(await fake.uploads == [old])
        #expect(try batch.current("y")?.requestBodyJSON?.contains("https://fake.storage/cached/young.png") == true)
        #expect(try batch.current("o")?.requestBodyJSON?.contains("cached/old.png") == false)
    }

    @Test("A failing upload is retried; one that keeps failing leaves the row pending with the reason, nothing submitted")
    func uploadRetries() async throws {
        let batch = try TestBatch()
        let frame = try batch.media("f.png", "frame")
        let flaky = RunningHubError(category: .transient, httpStatus: 502, message: "Bad gateway", route: "media/upload/binary")
        let fake = FakeRunningHub()
        await fake.configure { $0.uploadErrors = [flaky] }
        #expect(try await batch.run([TestBatch.job("a", firstFrame: frame)], api: fake).exitStatus == .allDone)
        #expect(await fake.uploads.count == 2)

        let other = try TestBatch()
        let frame2 = try other.media("f.png", "frame two")
        let broken = FakeRunningHub()
        await broken.configure { $0.uploadErrors = Array(repeating: flaky, count: 10) }
        let outcome = try await other.run([TestBatch.job("a", firstFrame: frame2)], api: broken)
        #expect(outcome.exitStatus == .someNotDone)
        #expect(await broken.submits.isEmpty)
        let job = try #require(try other.current("a"))
        #expect(job.state == .pending)
        #expect(job.errorMessage?.contains("Bad gateway") == true)
    }
}
