import Foundation

/// Tiny real media files for tests, as bytes (generated once with ffmpeg and checked with `file`).
/// Kept as base64 so the tests need no binary fixtures and no encoder at run time.
enum ManifestSampleMedia {
    /// 8×8 red PNG (ffmpeg `color=c=red:s=8x8`).
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAEklEQVR4nGP4y8CAFWEXHbQSAPZwP0G2GkFNAAAAAElFTkSuQmCC")!
    /// 8×8 red baseline JPEG.
    static let jpeg = Data(base64Encoded: "/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAg+Pkk+SVVVVVVVVWRdZGhoaGRkZGRoaGhwcHCDg4NwcHBoaHBwfHyDg4+Tj4eHg4eTk5ubm7q6srLZ2eD/////xABMAAEBAAAAAAAAAAAAAAAAAAAABgEBAQAAAAAAAAAAAAAAAAAABgcQAQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAAIAAgDASIAAhEAAxEA/9oADAMBAAIRAxEAPwCLAFF/f//Z")!
    /// 8×8 lossy WebP.
    static let webp = Data(base64Encoded: "UklGRjwAAABXRUJQVlA4IDAAAADQAQCdASoIAAgAAgA0JaACdLoB+AADsAD+8Oj3/yC5YXXI1/8gP+QH/ID/+PIAAAA=")!
    /// An ISO base-media `ftyp` box (`isom`, compatible `isom mp41`): libmagic calls it video/mp4.
    static let mp4Header = Data([0, 0, 0, 0x18]) + Data("ftypisom".utf8) + Data([0, 0, 2, 0]) + Data("isommp41".utf8)
    static let text = Data("just some words, not a picture\n".utf8)

    /// Where ffmpeg is, if installed (used by the few tests that want a real encoded clip).
    static var ffmpegPath: String? {
        ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Writes a real one-second 64×36 H.264 MP4 with ffmpeg.
    static func makeRealMP4(at path: String) throws {
        guard let ffmpeg = ffmpegPath else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=64x36:d=1",
                             "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
