import Foundation
import Testing
import TestSupport
@testable import VeoBatch

@Suite("MagicFileTypeDetector")
struct MagicFileTypeDetectorTests {
    let detector: MagicFileTypeDetector
    let folder: TemporaryFolder

    init() throws {
        detector = try MagicFileTypeDetector()
        folder = try TemporaryFolder()
    }

    @Test func detectsPNGJPEGWebPMP4AndText() throws {
        let cases: [(String, Data, String, String)] = [
            ("a.png", ManifestSampleMedia.png, "image/png", "PNG image data"),
            ("a.jpg", ManifestSampleMedia.jpeg, "image/jpeg", "JPEG image data"),
            ("a.webp", ManifestSampleMedia.webp, "image/webp", "Web/P image"),
            ("a.mp4", ManifestSampleMedia.mp4Header, "video/mp4", "ISO Media"),
            ("a.txt", ManifestSampleMedia.text, "text/plain", "text"),
        ]
        for (name, bytes, mime, descriptionPart) in cases {
            let path = try folder.write(name, bytes)
            let type = try detector.detect(fileAt: path)
            #expect(type.mimeType == mime, "\(name)")
            #expect(type.description.contains(descriptionPart), "\(name): \(type.description)")
            #expect(!type.mimeType.contains(";"))
        }
    }

    @Test func detectsARealEncodedMP4() throws {
        try #require(ManifestSampleMedia.ffmpegPath != nil, "ffmpeg is not installed (scripts/test.sh installs it)")
        let path = folder.path + "/clip.mp4"
        try ManifestSampleMedia.makeRealMP4(at: path)
        let type = try detector.detect(fileAt: path)
        #expect(type.mimeType == "video/mp4")
        #expect(type.description.contains("ISO Media"))
    }

    @Test func readsContentNotTheName() throws {
        let jpegNamedPNG = try folder.write("frame.png", ManifestSampleMedia.jpeg)
        #expect(try detector.detect(fileAt: jpegNamedPNG).mimeType == "image/jpeg")
        let textNamedMP4 = try folder.write("clip.mp4", ManifestSampleMedia.text)
        #expect(try detector.detect(fileAt: textNamedMP4).mimeType == "text/plain")
        let pngWithoutExtension = try folder.write("noext", ManifestSampleMedia.png)
        #expect(try detector.detect(fileAt: pngWithoutExtension).mimeType == "image/png")
    }

    @Test func emptyFileIsTypedAsEmpty() throws {
        let path = try folder.write("empty.png", Data())
        #expect(try detector.detect(fileAt: path).mimeType == "application/x-empty")
    }

    @Test func missingFileIsAnErrorNamingIt() throws {
        let path = folder.path + "/nope.png"
        do {
            _ = try detector.detect(fileAt: path)
            Issue.record("expected an error")
        } catch let error as FileTypeDetectionError {
            #expect(error == .unreadable(path: path, reason: "No such file or directory"))
            #expect(error.description == "Cannot read '\(path)' to detect its type: No such file or directory.")
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads every file"))
    func unreadableFileIsAnErrorNamingIt() throws {
        let path = try folder.write("secret.png", ManifestSampleMedia.png)
        chmod(path, 0)
        #expect(throws: FileTypeDetectionError.unreadable(path: path, reason: "Permission denied")) {
            try detector.detect(fileAt: path)
        }
    }

    /// Runs as root too (where chmod 0 does not stop reads): a path through a regular file cannot be opened.
    @Test func pathThroughAFileIsUnreadable() throws {
        let file = try folder.write("frame.png", ManifestSampleMedia.png)
        let path = file + "/inner.png"
        #expect(throws: FileTypeDetectionError.unreadable(path: path, reason: "Not a directory")) {
            try detector.detect(fileAt: path)
        }
    }

    @Test func directoryIsNotARegularFile() throws {
        let path = folder.path + "/shots.png"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: FileTypeDetectionError.notRegularFile(path: path, kind: "a directory")) {
            try detector.detect(fileAt: path)
        }
    }

    @Test func fifoIsRejectedWithoutBlocking() throws {
        let path = folder.path + "/pipe.mp4"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: FileTypeDetectionError.notRegularFile(path: path, kind: "a FIFO")) {
            try detector.detect(fileAt: path)
        }
    }

    @Test func manyTasksDetectAtOnce() async throws {
        var expected: [String: String] = [:]
        for index in 0..<64 {
            switch index % 4 {
            case 0: expected[try folder.write("f\(index).bin", ManifestSampleMedia.png)] = "image/png"
            case 1: expected[try folder.write("f\(index).bin", ManifestSampleMedia.jpeg)] = "image/jpeg"
            case 2: expected[try folder.write("f\(index).bin", ManifestSampleMedia.mp4Header)] = "video/mp4"
            default: expected[try folder.write("f\(index).bin", ManifestSampleMedia.text)] = "text/plain"
            }
        }
        let detector = self.detector
        let results = try await withThrowingTaskGroup(of: (String, String).self) { group in
            for _ in 0..<4 {
                for path in expected.keys {
                    group.addTask { (path, try detector.detect(fileAt: path).mimeType) }
                }
            }
            var collected: [(String, String)] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == expected.count * 4)
        for (path, mime) in results {
            #expect(mime == expected[path], "\(path)")
        }
    }

    @Test func bareMIMEDropsParameters() {
        #expect(MagicFileTypeDetector.bareMIME("image/png; charset=binary") == "image/png")
        #expect(MagicFileTypeDetector.bareMIME("video/mp4") == "video/mp4")
    }
}
