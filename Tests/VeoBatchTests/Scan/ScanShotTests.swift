import Foundation
import Testing
import TestSupport

@testable import VeoBatch

@Suite("Scan: recognising shots")
struct ScanShotTests {
    @Test("a flat folder with every kind of shot and every separator")
    func flatFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010_START.png", ScanMedia.png())
        try folder.write("shot010-end.jpg", ScanMedia.jpeg)
        try folder.write("shot020.png", ScanMedia.png())
        try folder.write("shot030.ref1.png", ScanMedia.png())
        try folder.write("shot030 Ref2.jpg", ScanMedia.jpeg)
        try folder.write("shot030_ref3.png", ScanMedia.png())
        try folder.write("shot040.MP4", ScanMedia.mp4)
        try folder.write("shot060-First.png", ScanMedia.png())
        try folder.write("shot060.LAST.png", ScanMedia.png())
        try folder.write("shot070 in.jpg", ScanMedia.jpeg)
        try folder.write("shot070 out.jpg", ScanMedia.jpeg)

        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(
            result.summaryLines == [
                "shot010 start-end shot010_START.png,shot010-end.jpg",
                "shot020 frame shot020.png",
                "shot030 reference shot030.ref1.png,shot030 Ref2.jpg,shot030_ref3.png",
                "shot040 clip shot040.MP4",
                "shot060 start-end shot060-First.png,shot060.LAST.png",
                "shot070 start-end shot070 in.jpg,shot070 out.jpg",
            ])
        #expect(result.rejections.isEmpty)
        #expect(result.shots[0].files.map(\.role) == [.start, .end])
        #expect(result.shots[0].files[0].mimeType == "image/png")
        #expect(result.shots[0].files[0].pixelSize == PixelSize(width: 64, height: 36))
        #expect(result.shots[0].aspectRatio == "16:9")
    }

    @Test("a folder per shot, with role-only names taking NAME from the folder")
    func folderPerShot() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("seq/shot010/start.png", ScanMedia.png())
        try folder.write("seq/shot010/End.png", ScanMedia.png())
        try folder.write("seq/shot020/shot020.jpg", ScanMedia.jpeg)
        try folder.write("seq/shot030/ref1.png", ScanMedia.png())
        try folder.write("seq/shot030/ref2.png", ScanMedia.png())
        try folder.write("seq/shot040/shot040.mp4", ScanMedia.mp4)

        let result = try await makeTestScanner().scan(folders: [folder.path + "/seq"])
        #expect(
            result.summaryLines == [
                "shot010 start-end start.png,End.png",
                "shot020 frame shot020.jpg",
                "shot030 reference ref1.png,ref2.png",
                "shot040 clip shot040.mp4",
            ])
        #expect(result.shots[0].folder == folder.path + "/seq/shot010")
    }

    @Test("several folders at once; a NAME found twice gets a unique id")
    func severalFolders() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a/shot010.png", ScanMedia.png())
        try folder.write("b/shot010.png", ScanMedia.png())
        try folder.write("b/Shot 020.png", ScanMedia.png())

        let result = try await makeTestScanner().scan(folders: [folder.path + "/a", folder.path + "/b", folder.path + "/a"])
        #expect(result.shots.map(\.id) == ["shot010", "shot010-2", "Shot_020"])
        #expect(result.notes.contains { $0.message.contains("has the id shot010-2") })
    }

    @Test("one NAME with a frame, references and a clip gives one shot per kind")
    func severalKindsOneName() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010.png", ScanMedia.png())
        try folder.write("shot010_ref1.png", ScanMedia.png())
        try folder.write("shot010.mp4", ScanMedia.mp4)

        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(
            result.summaryLines == ["shot010 frame shot010.png", "shot010-ref reference shot010_ref1.png", "shot010-clip clip shot010.mp4"])
    }

    @Test("ids of several kinds do not shift when one of them is rejected")
    func stableSuffixes() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010.png", Data())
        try folder.write("shot010_ref1.png", ScanMedia.png())
        try folder.write("shot010.jpg", ScanMedia.jpeg)
        try folder.write("shot020_start.png", ScanMedia.mp4)
        try folder.write("shot020_end.png", ScanMedia.png())
        try folder.write("shot020.mp4", ScanMedia.mp4)

        let result = try await makeTestScanner().scan(folders: [folder.path])
        // shot010.png is empty, but shot010.jpg is the frame; shot020's pair is rejected, its clip keeps its suffix.
        #expect(
            result.summaryLines == ["shot010 frame shot010.jpg", "shot010-ref reference shot010_ref1.png", "shot020-clip clip shot020.mp4"])
    }

    @Test("a start frame without an end frame is a single frame, with a note")
    func loneStart() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010_first.png", ScanMedia.png(width: 36, height: 64))

        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.summaryLines == ["shot010 frame shot010_first.png"])
        #expect(result.shots[0].aspectRatio == "9:16")
        #expect(result.notes.map(\.message) == ["\(folder.path)/shot010_first.png has no end frame; it is used as a single frame."])
    }

    @Test("hidden files and folders, the excluded output folder and manifests are skipped")
    func skipped() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010.png", ScanMedia.png())
        try folder.write(".hidden.png", ScanMedia.png())
        try folder.write(".cache/shot020.png", ScanMedia.png())
        try folder.write("renders/shots/shot010/shot010.mp4", ScanMedia.mp4)
        try folder.write("old-out/.veobatch/journal.sqlite", Data("x".utf8))
        try folder.write("old-out/m/shot010/shot010.mp4", ScanMedia.mp4)
        try folder.write("shots.csv", Data("id,model\n".utf8))
        try folder.write("skip-me.png", ScanMedia.png())

        let result = try await makeTestScanner().scan(
            folders: [folder.path], excluding: [folder.path + "/renders", folder.path + "/skip-me.png"])
        #expect(result.summaryLines == ["shot010 frame shot010.png"])
        #expect(result.rejections.isEmpty)
        #expect(result.notes.contains { $0.path == folder.path + "/old-out" && $0.message.contains("output folder") })
        #expect(result.notes.contains { $0.path == folder.path + "/shots.csv" })
    }

    @Test("a .png that is really JPEG is accepted as JPEG with a note")
    func mislabelledPNG() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("shot020.png", ScanMedia.jpeg)

        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.summaryLines == ["shot020 frame shot020.png"])
        #expect(result.shots[0].files[0].mimeType == "image/jpeg")
        #expect(
            result.notes == [
                ScanNote(path: path, message: "\(path) is named .png but its content is JPEG (image/jpeg); it is used as JPEG.")
            ])
    }

    @Test("a .mp4 that is text is rejected as the wrong type")
    func textMP4() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("shot040.mp4", ScanMedia.text)

        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.shots.isEmpty)
        #expect(
            result.rejections == [
                ScanRejection(
                    path: path, reason: .wrongType,
                    message: "\(path) is text/plain, neither an image nor a video; shots need JPEG/PNG frames or MP4 clips.")
            ])
    }

    @Test("a missing folder or a file given as a folder is a usage error")
    func badFolders() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("x.png", ScanMedia.png())
        await #expect(throws: ScanError.folderNotFound(path: folder.path + "/nope")) {
            try await makeTestScanner().scan(folders: [folder.path + "/nope"])
        }
        await #expect(throws: ScanError.notAFolder(path: file)) {
            try await makeTestScanner().scan(folders: [file])
        }
        #expect(ScanError.folderNotFound(path: "x").isUsageError)
    }

    @Test("many files are typed in parallel and all come back in order")
    func manyFiles() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for index in 0..<300 {
            try folder.write(
                String(format: "shot%04d.%@", index, index % 3 == 0 ? "mp4" : "png"), index % 3 == 0 ? ScanMedia.mp4 : ScanMedia.png())
        }
        let result = try await makeTestScanner().scan(folders: [folder.path])
        #expect(result.shots.count == 300)
        #expect(result.shots.map(\.id) == (0..<300).map { String(format: "shot%04d", $0) })
        #expect(result.shots.enumerated().allSatisfy { index, shot in (shot.kind == .clip) == index.isMultiple(of: 3) })
    }
}
