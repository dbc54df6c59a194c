import Foundation
import Testing
import TestSupport
@testable import VeoBatch

/// The clip length validation uses for chains of extends, read from `mvhd`.
@Suite("Extend: clip length from mvhd")
struct ExtendClipDurationTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    private func seconds(_ data: Data) throws -> Double? {
        ClipDuration.seconds(ofFileAt: try folder.write("clip-\(UUID().uuidString).mp4", data))
    }

    @Test func readsVersionZeroAndVersionOneHeaders() throws {
        #expect(try seconds(ExtendTestMP4.clip(seconds: 8)) == 8)
        #expect(try seconds(ExtendTestMP4.clip(seconds: 15.5, version: 1, timescale: 90_000)) == 15.5)
        #expect(try seconds(ExtendTestMP4.clip(seconds: 148, version: 1, timescale: 600)) == 148)
    }

    @Test func findsTheMovieBoxAfterTheMediaAndBehindOtherBoxes() throws {
        #expect(try seconds(ExtendTestMP4.clip(seconds: 12.25, movieFirst: false)) == 12.25)
        #expect(try seconds(ExtendTestMP4.clip(seconds: 3, movieFirst: false, trackBeforeHeader: true, largeMediaBox: true)) == 3)
    }

    @Test func refusesWhatIsNotAReadableClip() throws {
        // Not ISO media: the first box must be ftyp.
        #expect(try seconds(Data(ExtendTestMP4.box("moov", ExtendTestMP4.movieHeader(version: 0, timescale: 1000, duration: 8000)))) == nil)
        // A moov cut short, a zero timescale, a zero or unknown duration, text, an empty file.
        let whole = ExtendTestMP4.clip(seconds: 8)
        #expect(try seconds(whole.prefix(whole.count - 4200)) == nil)
        #expect(try seconds(ExtendTestMP4.clip(seconds: 8, timescale: 0)) == nil)
        #expect(try seconds(ExtendTestMP4.clip(seconds: 0)) == nil)
        let unknown = Data(
            ExtendTestMP4.fileType
                + ExtendTestMP4.box("moov", ExtendTestMP4.movieHeader(version: 0, timescale: 1000, duration: UInt64(UInt32.max))))
        #expect(try seconds(unknown) == nil)
        #expect(try seconds(Data("just some text, not a video at all".utf8)) == nil)
        #expect(try seconds(Data()) == nil)
        #expect(ClipDuration.seconds(ofFileAt: folder.path + "/missing.mp4") == nil)
        #expect(ClipDuration.seconds(ofFileAt: folder.path) == nil)
    }

    @Test func aBoxClaimingMoreThanTheFileHoldsEndsTheWalk() throws {
        var bytes = ExtendTestMP4.fileType
        bytes += ExtendTestMP4.bigEndian32(1_000_000) + Array("mdat".utf8) + [1, 2, 3]
        #expect(try seconds(Data(bytes)) == nil)
    }

    @Test func theExampleClipIsOneAndAHalfSeconds() throws {
        let example = repositoryRoot.appendingPathComponent("manifests/example/shot040.mp4").path
        let length = try #require(ClipDuration.seconds(ofFileAt: example))
        #expect(abs(length - 1.5) < 0.05, "shot040.mp4 lasts \(length) s")
    }
}
