import Foundation
import Testing
import TestSupport

@testable import VeoBatch

@Suite("Scan: pixel sizes from image headers")
struct ImageHeaderTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    private func size(_ name: String, _ data: Data, _ mimeType: String) throws -> PixelSize? {
        ImageHeader.pixelSize(ofFileAt: try folder.write(name, data), mimeType: mimeType)
    }

    @Test("PNG IHDR, and the real 8×8 samples libmagic also reads")
    func png() throws {
        defer { folder.remove() }
        #expect(try size("a.png", ScanMedia.png(width: 1920, height: 1080), "image/png") == PixelSize(width: 1920, height: 1080))
        #expect(try size("b.png", ManifestSampleMedia.png, "image/png") == PixelSize(width: 8, height: 8))
        #expect(try size("c.jpg", ManifestSampleMedia.jpeg, "image/jpeg") == PixelSize(width: 8, height: 8))
        #expect(try size("d.webp", ManifestSampleMedia.webp, "image/webp") == PixelSize(width: 8, height: 8))
    }

    @Test("JPEG: the frame header behind a 60 KB EXIF block is found by skipping segments")
    func jpegAfterLargeSegment() throws {
        defer { folder.remove() }
        var bytes: [UInt8] = [0xFF, 0xD8]
        let exifLength = 60_000
        bytes += [0xFF, 0xE1, UInt8(exifLength >> 8), UInt8(exifLength & 0xFF)] + [UInt8](repeating: 0x45, count: exifLength - 2)
        bytes += [0xFF, 0xFF]  // a fill byte before the next marker
        bytes += [0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00]  // DHT: not a frame header
        bytes += [0xFF, 0xC2, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80, 0x03] + [UInt8](repeating: 0, count: 9)  // progressive SOF
        bytes += [0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]
        #expect(try size("exif.jpg", Data(bytes), "image/jpeg") == PixelSize(width: 1920, height: 1080))
    }

    @Test("WebP: VP8L and VP8X headers")
    func webpVariants() throws {
        defer { folder.remove() }
        // VP8L: width − 1 = 1279, height − 1 = 719 in 14-bit fields.
        let bits = 1279 | 719 << 14
        let lossless = Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBPVP8L".utf8) + [10, 0, 0, 0, 0x2F]
            + [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24 & 0xFF), 0, 0, 0, 0, 0]
        #expect(try size("l.webp", Data(lossless), "image/webp") == PixelSize(width: 1280, height: 720))
        // VP8X: canvas 720 × 1280 stored as width − 1 and height − 1 in 24 bits.
        let extended = Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
            + [0xCF, 0x02, 0x00, 0xFF, 0x04, 0x00]
        #expect(try size("x.webp", Data(extended), "image/webp") == PixelSize(width: 720, height: 1280))
    }

    @Test("headers that are not what the type promises give no size")
    func garbage() throws {
        defer { folder.remove() }
        #expect(try size("t.png", ScanMedia.text, "image/png") == nil)
        #expect(try size("t.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00]), "image/jpeg") == nil)
        #expect(try size("s.jpg", Data([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]), "image/jpeg") == nil)
        #expect(try size("t.webp", Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP9 ".utf8), "image/webp") == nil)
        #expect(try size("z.png", ScanMedia.png(width: 0, height: 36), "image/png") == nil)
        #expect(try size("g.gif", Data("GIF89a".utf8), "image/gif") == nil)
        #expect(ImageHeader.pixelSize(ofFileAt: folder.path + "/missing.png", mimeType: "image/png") == nil)
    }

    @Test func realEncodedFramesMatchLibmagic() throws {
        defer { folder.remove() }
        let ffmpeg = try #require(ManifestSampleMedia.ffmpegPath, "ffmpeg is not installed (scripts/test.sh installs it)")
        let detector = try MagicFileTypeDetector()
        for (name, mime) in [("f.png", "image/png"), ("f.jpg", "image/jpeg"), ("f.webp", "image/webp")] {
            let path = folder.path + "/" + name
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ffmpeg)
            process.arguments = ["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180", "-frames:v", "1", path]
            try process.run()
            process.waitUntilExit()
            // Debian's ffmpeg encodes all three; one that cannot is a broken install, not a pass.
            try #require(process.terminationStatus == 0, "ffmpeg could not write \(name)")
            let described = MediaTypeNames.pixelSize(inDescription: try detector.detect(fileAt: path).description)
            #expect(try detector.mediaType(fileAt: path) == mime)
            #expect(ImageHeader.pixelSize(ofFileAt: path, mimeType: mime) == PixelSize(width: 320, height: 180), "\(name)")
            #expect(described == nil || described == PixelSize(width: 320, height: 180), "\(name)")
        }
    }
}
