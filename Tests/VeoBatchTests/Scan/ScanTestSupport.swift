import Foundation
import Logging
import Testing

@testable import VeoBatch

/// Types files by their first bytes, as the tests need: PNG (`\x89PNG`, with its IHDR size), JPEG
/// (`\xFF\xD8\xFF`), MP4 (`ftyp` at offset 4; QuickTime when the brand is `qt  `), else text/plain.
struct ScanFakeSniffer: FileTypeDetecting {
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    func detect(fileAt path: String) throws -> DetectedFileType {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Unreadable(description: "cannot open \(path)") }
        defer { try? handle.close() }
        let head = [UInt8]((try handle.read(upToCount: 32)) ?? Data())
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            guard head.count >= 24 else { return DetectedFileType(mimeType: "image/png", description: "PNG image data") }
            let width = head[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = head[20..<24].reduce(0) { $0 << 8 | Int($1) }
            return DetectedFileType(mimeType: "image/png", description: "PNG image data, \(width) x \(height), 8-bit/color RGB")
        }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            return DetectedFileType(mimeType: "image/jpeg", description: "JPEG image data, JFIF standard 1.01, density 1x1")
        }
        if head.count >= 12, head[4..<8].elementsEqual("ftyp".utf8) {
            if head[8..<12].elementsEqual("qt  ".utf8) {
                return DetectedFileType(mimeType: "video/quicktime", description: "Apple QuickTime movie")
            }
            return DetectedFileType(mimeType: "video/mp4", description: "ISO ScanMedia, MP4 Base ScanMedia v1")
        }
        return DetectedFileType(mimeType: "text/plain", description: "ASCII text")
    }
}

/// A detector that fails for files whose name contains `marker`, as an unreadable file would.
struct ScanFailingSniffer: FileTypeDetecting {
    var marker: String

    func detect(fileAt path: String) throws -> DetectedFileType {
        if (path as NSString).lastPathComponent.contains(marker) {
            throw ScanFakeSniffer.Unreadable(description: "Permission denied")
        }
        return try ScanFakeSniffer().detect(fileAt: path)
    }
}

/// The leading bytes of real media files, enough for the sniffers.
enum ScanMedia {
    static func png(width: Int = 64, height: Int = 36) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8)
        bytes += withUnsafeBytes(of: UInt32(width).bigEndian, Array.init)
        bytes += withUnsafeBytes(of: UInt32(height).bigEndian, Array.init)
        bytes += [8, 2, 0, 0, 0, 0, 0, 0, 0]
        return Data(bytes)
    }

    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
    static let mp4 = Data([0, 0, 0, 0x18] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2".utf8))
    static let mov = Data([0, 0, 0, 0x14] + Array("ftypqt  ".utf8) + [0, 0, 2, 0] + Array("qt  ".utf8))
    static let text = Data("this is not a video\n".utf8)
}

extension ScanResult {
    /// `id kind file,file` lines, file names only: compact to compare in tests.
    var summaryLines: [String] {
        shots.map { shot in
            "\(shot.id) \(shot.kind.rawValue) " + shot.files.map { ($0.path as NSString).lastPathComponent }.joined(separator: ",")
        }
    }

    func rejection(named fileName: String) -> ScanRejection? {
        rejections.first { ($0.path as NSString).lastPathComponent == fileName }
    }
}

/// A scanner over `ScanFakeSniffer` with the default models' requirements unless told otherwise.
func makeTestScanner(
    detector: any FileTypeDetecting = ScanFakeSniffer(), requirements: [ShotKind: ShotRequirements] = ShotRequirements.defaults
) -> ShotScanner {
    ShotScanner(detector: detector, requirements: requirements, typingWidth: 4, logger: Logger(label: "test.scan"))
}
