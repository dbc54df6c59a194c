import Foundation
import Testing
import TestSupport

@testable import VeoBatch

@Suite("Scan: rejected files")
struct ScanRejectionTests {
    @Test("an empty file")
    func empty() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("shot010.png", Data())
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.shots.isEmpty)
        #expect(
            result.rejections == [
                ScanRejection(path: path, reason: .empty, message: "\(path) is empty (0 bytes); export it again or remove it.")
            ])
    }

    @Test("a broken symlink")
    func brokenSymlink() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/shot010.png"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "gone.png")
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(
            result.rejections == [
                ScanRejection(
                    path: path, reason: .brokenSymlink,
                    message: "\(path) is a symbolic link to gone.png, which does not exist; fix or remove the link.")
            ])
    }

    @Test("a symlink to a good file is used; a symlinked folder is not followed")
    func goodSymlinks() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("elsewhere/frame.png", ScanMedia.png())
        try FileManager.default.createDirectory(atPath: folder.path + "/shots", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/shots/shot010.png", withDestinationPath: folder.path + "/elsewhere/frame.png")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/shots/more", withDestinationPath: folder.path + "/elsewhere")
        let result = try await makeTestScanner().scan(folders: [folder.path + "/shots"])
        #expect(result.summaryLines == ["shot010 frame shot010.png"])
        #expect(result.notes.contains { $0.path == folder.path + "/shots/more" && $0.message.contains("not followed") })
    }

    @Test("an unreadable file")
    func unreadable() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("shot010_locked.png", ScanMedia.png())
        let result = try await makeTestScanner(detector: ScanFailingSniffer(marker: "locked")).scan(folders: [folder.path])
        #expect(
            result.rejections == [
                ScanRejection(
                    path: path, reason: .unreadable, message: "\(path) cannot be read (Permission denied); check its permissions.")
            ])
    }

    @Test("a file over the endpoint's size limit")
    func tooLarge() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var requirements = ShotRequirements.defaults
        requirements[.frame]?.maxImageBytes = 1_048_576
        let path = try folder.write("shot010.png", ScanMedia.png() + Data(count: 1_048_577))
        let result = try await makeTestScanner(requirements: requirements).scan(folders: [folder.path])
        #expect(result.shots.isEmpty)
        let rejection = try #require(result.rejections.first)
        #expect(rejection.reason == .tooLarge)
        #expect(
            rejection.message
                == "\(path) is 1.0 MB (1048610 bytes), over the 1 MB limit for a single frame on rhart-video-v3.1-fast-official/image-to-video; make it smaller and scan again."
        )
    }

    @Test("the default limits come from the chosen endpoints: 30 MB pair frames, 10 MB single frames and clips")
    func defaultLimits() {
        let defaults = ShotRequirements.defaults
        let megabyte: Int64 = 1_048_576
        #expect(defaults[.startEnd].map(\.maxImageBytes) == 30 * megabyte)
        #expect(defaults[.frame].map(\.maxImageBytes) == 10 * megabyte)
        #expect(defaults[.reference].map(\.maxImageBytes) == 10 * megabyte)
        #expect(defaults[.clip].map(\.maxVideoBytes) == 10 * megabyte)
        #expect(defaults[.clip].map(\.videoTypes) == ["video/mp4"])
    }

    @Test("an end frame without a start frame")
    func unpairedEnd() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("shot010_end.png", ScanMedia.png())
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(
            result.rejections == [
                ScanRejection(
                    path: path, reason: .unpairedEndFrame,
                    message:
                        "\(path) is an end frame without a start frame; add shot010_start.png (or .jpg) beside it, or rename it to shot010.png to use it as a single frame."
                )
            ])
    }

    @Test("unknown naming: a reference index out of range, a name with no id characters")
    func unknownNaming() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ref = try folder.write("shot010_ref4.png", ScanMedia.png())
        let kanji = try folder.write("日本.png", ScanMedia.png())
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.shots.isEmpty)
        #expect(
            result.rejection(named: "shot010_ref4.png")
                == ScanRejection(
                    path: ref, reason: .unknownNaming,
                    message:
                        "\(ref) does not follow the naming conventions: reference index 4 is outside 1–3 (use NAME_ref1, NAME_ref2 or NAME_ref3)."
                ))
        #expect(result.rejection(named: "日本.png")?.reason == .unknownNaming)
        #expect(result.rejection(named: "日本.png")?.message.contains(kanji) == true)
    }

    @Test("a second file for the same place is a duplicate")
    func duplicate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010.jpg", ScanMedia.jpeg)
        let second = try folder.write("shot010.png", ScanMedia.png())
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.summaryLines == ["shot010 frame shot010.jpg"])
        #expect(result.rejections.map(\.path) == [second])
        #expect(result.rejections.first?.reason == .duplicate)
    }

    @Test("a wrong type inside a pair rejects the pair: the good frame is left out as incomplete")
    func incompletePair() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let start = try folder.write("shot010_start.png", ScanMedia.png())
        let end = try folder.write("shot010_end.png", ScanMedia.mp4)
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.shots.isEmpty)
        #expect(result.rejection(named: "shot010_end.png")?.reason == .wrongType)
        #expect(
            result.rejection(named: "shot010_end.png")?.message
                == "\(end) is MP4 (video/mp4), but an end frame for rhart-video-v3.1-fast/start-end-to-video must be JPEG or PNG.")
        #expect(
            result.rejection(named: "shot010_start.png")
                == ScanRejection(
                    path: start, reason: .shotIncomplete,
                    message: "\(start) is left out because \(end), of the same shot, was rejected; fix that file and scan again."))
    }

    @Test("an empty end frame keeps its start frame from becoming a single frame")
    func emptyEndFrame() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010_start.png", ScanMedia.png())
        try folder.write("shot010_end.png", Data())
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.shots.isEmpty)
        #expect(result.rejection(named: "shot010_end.png")?.reason == .empty)
        #expect(result.rejection(named: "shot010_start.png")?.reason == .shotIncomplete)
    }

    @Test("a QuickTime clip is the wrong type for video-extend, with a remux hint")
    func quickTime() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("shot040.mov", ScanMedia.mov)
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(
            result.rejections == [
                ScanRejection(
                    path: path, reason: .wrongType,
                    message:
                        "\(path) is QuickTime (video/quicktime), but a clip for rhart-video-v3.1-fast-official/video-extend must be MP4 (remux it: ffmpeg -i IN.mov -c copy OUT.mp4)."
                )
            ])
    }

    @Test("a .mov that is really MP4 is accepted with a note")
    func movThatIsMP4() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot040.mov", ScanMedia.mp4)
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.summaryLines == ["shot040 clip shot040.mov"])
        #expect(result.notes.count == 1)
    }
}
