import Foundation
import Testing
import TestSupport

@testable import RunningHubSimulator

@Suite("Result clips")
struct MP4ClipTests {
    @Test("a clip is stretched to any duration and says so in mvhd", arguments: [4.0, 8.0, 15.0, 148.0])
    func retime(seconds: Double) throws {
        let clip = MP4Clip.make(seconds: seconds, portrait: false, taskID: "1234567890123456789", extensions: 2)
        let facts = try #require(MP4Facts.read(bytes: clip))
        #expect(abs(facts.seconds - seconds) < 0.001)
        #expect(facts.extensions == 2)
        #expect(!facts.portrait)
        if let probed = try ffprobeDuration(of: clip) {
            #expect(abs(probed - seconds) < 0.01, "ffprobe says \(probed) s")
        }
    }

    @Test("clips of different tasks differ, portrait clips are taller than wide")
    func unique() throws {
        let a = MP4Clip.make(seconds: 8, portrait: true, taskID: "1", extensions: 0)
        let b = MP4Clip.make(seconds: 8, portrait: true, taskID: "2", extensions: 0)
        #expect(a != b)
        #expect(try #require(MP4Facts.read(bytes: a)).portrait)
    }

    @Test("facts read from disk match facts read from memory, and non-MP4 files give none")
    func fromDisk() throws {
        let directory = try TemporaryFolder(prefix: "mp4facts")
        defer { directory.remove() }
        let clip = MP4Clip.make(seconds: 22, portrait: true, taskID: "9", extensions: 3)
        let padded = clip + MP4Clip.freeBoxHeader(payloadSize: 100_000) + [UInt8](repeating: 0, count: 100_000)
        let path = directory.path("a.mp4")
        try Data(padded).write(to: URL(fileURLWithPath: path))
        #expect(MP4Facts.read(path: path) == MP4Facts(seconds: 22, portrait: true, extensions: 3))
        let png = directory.path("a.png")
        try Data(Fixtures.png).write(to: URL(fileURLWithPath: png))
        #expect(MP4Facts.read(path: png) == nil)
    }

    @Test("file formats are recognised from their first bytes")
    func sniffing() {
        #expect(MediaFormat.sniff(Fixtures.png, filename: "x.jpg").format == "PNG")
        #expect(MediaFormat.sniff(Array(Fixtures.mp4.prefix(16)), filename: nil) == .mp4)
        #expect(MediaFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0], filename: nil).category == "image")
        #expect(MediaFormat.sniff(Array("ID3abc".utf8), filename: nil).category == "audio")
        #expect(MediaFormat.sniff(Array("hello".utf8), filename: "notes.txt").fileExtension == "txt")
        #expect(MediaFormat.sniff(Array("hello".utf8), filename: nil).category == "file")
    }

    @Test("a task is QUEUED for the first quarter, RUNNING until the end, then terminal")
    func phases() {
        #expect(SimTask.phase(elapsed: 0, taskSeconds: 4, fails: false) == .queued)
        #expect(SimTask.phase(elapsed: 0.99, taskSeconds: 4, fails: false) == .queued)
        #expect(SimTask.phase(elapsed: 1, taskSeconds: 4, fails: false) == .running)
        #expect(SimTask.phase(elapsed: 3.99, taskSeconds: 4, fails: true) == .running)
        #expect(SimTask.phase(elapsed: 4, taskSeconds: 4, fails: false) == .success)
        #expect(SimTask.phase(elapsed: 4, taskSeconds: 4, fails: true) == .failed)
    }

    @Test("Range headers")
    func ranges() {
        #expect(FileRoute.parseRange("bytes=10-", size: 100) == 10..<100)
        #expect(FileRoute.parseRange("bytes=10-19", size: 100) == 10..<20)
        #expect(FileRoute.parseRange("bytes=90-200", size: 100) == 90..<100)
        #expect(FileRoute.parseRange("bytes=-5", size: 100) == 95..<100)
        #expect(FileRoute.parseRange("bytes=100-", size: 100) == nil)
        #expect(FileRoute.parseRange("bytes=5-1", size: 100) == nil)
        #expect(FileRoute.parseRange("bytes=0-1,5-6", size: 100) == nil)
        #expect(FileRoute.parseRange("items=0-1", size: 100) == nil)
    }
}
