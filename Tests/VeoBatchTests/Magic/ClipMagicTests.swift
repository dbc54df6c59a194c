import Foundation
import Testing
import TestSupport
@testable import VeoBatch

/// `clipType(fileAt:)`: the download check's libmagic pass, `ClipMagic`'s few rules first and
/// libmagic's whole database for anything they do not name.
@Suite("MagicFileTypeDetector.clipType")
struct ClipMagicTests {
    let detector: MagicFileTypeDetector
    let folder: TemporaryFolder

    init() throws {
        detector = try MagicFileTypeDetector()
        folder = try TemporaryFolder()
    }

    /// An `ftyp` box with `brand` as its major brand, then a `free` box.
    static func header(brand: String, size: UInt8 = 0x18) -> Data {
        var box = Data([0, 0, 0, size]) + Data("ftyp".utf8) + Data(brand.utf8) + Data([0, 0, 2, 0])
        box += Data(repeating: UInt8(ascii: "i"), count: Int(size) - box.count)
        return box + Data([0, 0, 0, 8]) + Data("free".utf8) + Data(count: 64)
    }

    @Test("every brand of the rules has the MIME type libmagic's own database gives it")
    func rulesAgreeWithTheDatabase() throws {
        #expect(ClipMagic.brands.count >= 10)
        for (brand, mimeType) in ClipMagic.brands {
            for size: UInt8 in [0x18, 0x20] {
                let path = try folder.write("\(brand.trimmingCharacters(in: .whitespaces))-\(size).bin", Self.header(brand: brand, size: size))
                #expect(try detector.mediaType(fileAt: path) == mimeType, "\(brand) by the database")
                #expect(try detector.detect(fileAt: path).mimeType == mimeType, "\(brand) by detect")
                #expect(try detector.clipType(fileAt: path) == mimeType, "\(brand) by the rules")
            }
        }
    }

    @Test("what the rules do not name is typed by the whole database")
    func othersFallThrough() throws {
        let cases: [(String, Data, String)] = [
            ("still.heic", Self.header(brand: "heic"), "image/heic"),
            ("film.m4v", Self.header(brand: "M4V "), "video/x-m4v"),
            ("phone.3gp", Self.header(brand: "3gp4"), "video/3gpp"),
            ("sound.m4a", Self.header(brand: "M4A "), "audio/x-m4a"),
            ("a.png", ManifestSampleMedia.png, "image/png"),
            ("error.mp4", Data("<!doctype html><html><body><p>502 Bad Gateway</p></body></html>\n".utf8), "text/plain"),
        ]
        for (name, bytes, expected) in cases {
            let path = try folder.write(name, bytes)
            let mediaType = try detector.mediaType(fileAt: path)
            #expect(mediaType == expected, "\(name)")
            #expect(try detector.clipType(fileAt: path) == mediaType, "\(name)")
        }
    }

    @Test("a real H.264 MP4 from ffmpeg is video/mp4 by the rules and by the database")
    func realClip() throws {
        try #require(ManifestSampleMedia.ffmpegPath != nil, "ffmpeg is not installed (scripts/test.sh installs it)")
        let path = folder.path("real.mp4")
        try ManifestSampleMedia.makeRealMP4(at: path)
        #expect(try detector.clipType(fileAt: path) == "video/mp4")
        #expect(try detector.mediaType(fileAt: path) == "video/mp4")
    }

    @Test("the rules answer a file too short for a brand, a missing file and a folder like mediaType")
    func edges() throws {
        let empty = try folder.write("empty.mp4", Data())
        #expect(try detector.clipType(fileAt: empty) == detector.mediaType(fileAt: empty))
        let short = try folder.write("short.mp4", Data([0, 0, 0, 0x18]) + Data("ftyp".utf8))
        #expect(try detector.clipType(fileAt: short) == detector.mediaType(fileAt: short))
        #expect(throws: FileTypeDetectionError.self) { try detector.clipType(fileAt: folder.path("absent.mp4")) }
        #expect(throws: FileTypeDetectionError.self) { try detector.clipType(fileAt: folder.path) }
    }

    @Test("where the rules cannot be written for loading, the whole database types every clip")
    func withoutTheRules() throws {
        let detector = try MagicFileTypeDetector(maxIdleCookies: 2, bytesMax: MagicFileTypeDetector.defaultBytesMax,
                                                 clipRulesFolder: folder.path("absent/folder"))
        #expect(throws: FileTypeDetectionError.self) { try ClipMagic.cookie(in: folder.path("absent/folder")) }
        let clip = try folder.write("clip.mp4", ManifestSampleMedia.mp4Header)
        let page = try folder.write("page.mp4", Data("<!doctype html><html><body>gone</body></html>\n".utf8))
        for _ in 0..<2 {
            #expect(try detector.clipType(fileAt: clip) == "video/mp4")
            #expect(try detector.clipType(fileAt: page) == "text/plain")
        }
    }
}
