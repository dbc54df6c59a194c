import Foundation
import Logging
import Synchronization
import Testing
import TestSupport
@testable import VeoBatch

/// A detector for pure-logic tests: types files by their name from a table (default: PNG), after
/// checking the file can be opened like the real one would. Counts calls per path.
final class FakeFileTypeDetector: FileTypeDetecting {
    private let types: [String: DetectedFileType]
    private let calls = Mutex<[String: Int]>([:])

    init(types: [String: DetectedFileType] = [:]) {
        self.types = types
    }

    static let png = DetectedFileType(mimeType: "image/png", description: "PNG image data, 8 x 8")
    static let jpeg = DetectedFileType(mimeType: "image/jpeg", description: "JPEG image data")
    static let mp4 = DetectedFileType(mimeType: "video/mp4", description: "ISO Media, MP4 Base Media v1")
    static let text = DetectedFileType(mimeType: "text/plain", description: "ASCII text")

    func detect(fileAt path: String) throws -> DetectedFileType {
        calls.withLock { $0[path, default: 0] += 1 }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw FileTypeDetectionError.unreadable(path: path, reason: "Permission denied")
        }
        let name = (path as NSString).lastPathComponent
        if let type = types[name] { return type }
        return name.hasSuffix(".mp4") ? Self.mp4 : Self.png
    }

    var callCounts: [String: Int] { calls.withLock { $0 } }
}

/// Writes a manifest (and media) into a fresh folder and validates it.
struct ManifestFixture {
    let folder: TemporaryFolder
    let table: EndpointTable

    init() throws {
        folder = try TemporaryFolder()
        table = try EndpointTable.vendor()
    }

    var manifestPath: String { folder.path + "/manifest.csv" }

    /// Writes `csv` as manifest.csv and validates it with `detector` (default: a fake).
    func validate(_ csv: String, detector: any FileTypeDetecting = FakeFileTypeDetector(), mediaRoot: String? = nil) throws -> ManifestValidation {
        try folder.write("manifest.csv", text: csv)
        return validateWritten(detector: detector, mediaRoot: mediaRoot)
    }

    func validateWritten(detector: any FileTypeDetecting = FakeFileTypeDetector(), mediaRoot: String? = nil) -> ManifestValidation {
        ManifestValidator(table: table, detector: detector, logger: Logger(label: "test"))
            .validate(manifestAt: manifestPath, mediaRoot: mediaRoot)
    }

    @discardableResult
    func media(_ name: String, _ data: Data = ManifestSampleMedia.png) throws -> String {
        try folder.write(name, data)
    }
}

extension ManifestValidation {
    /// Diagnostics without the path: `3:5: error: message`.
    var rendered: [String] {
        diagnostics.map { diagnostic in
            let line = diagnostic.line.map(String.init) ?? "-"
            let column = diagnostic.column.map(String.init) ?? "-"
            return "\(line):\(column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
        }
    }
}

/// Doc names used across tests.
enum ManifestTestModels {
    static let proT2VOfficial = "google/veo3.1-pro/text-to-video-official-stable"
    static let fastI2VOfficial = "google/veo3.1-fast/image-to-video-official-stable"
    static let proReference = "google/veo3.1-pro/reference-to-video-official-stable"
    static let fastExtend = "google/veo3.1-fast/video-extend-official-stable"
    static let fastT2VLow = "rhart-video-v3.1-fast/text-to-video"
    static let fastI2VLow = "rhart-video-v3.1-fast/image-to-video"
    static let proStartEndLow = "rhart-video-v3.1-pro/start-end-to-video"
    static let liteT2VOfficial = "rhart-video-v3.1-lite-official/text-to-video"
    static let liteStartEnd = "rhart-video-v3.1-lite-official/start-end-to-video"
}

/// Builds manifest text with a fixed header, so tests name values by column instead of counting commas.
enum ManifestText {
    /// id 1, model 2, prompt 3, duration 4, resolution 5, generate_audio 6, seed 7, aspect_ratio 8,
    /// first_frame 9, last_frame 10, reference_images 11, video 12, takes 13, negative_prompt 14.
    static let columns = ["id", "model", "prompt", "duration", "resolution", "generate_audio", "seed", "aspect_ratio",
                          "first_frame", "last_frame", "reference_images", "video", "takes", "negative_prompt"]

    static var header: String { columns.joined(separator: ",") }

    static func row(_ values: [String: String]) -> String {
        columns.map { quote(values[$0] ?? "") }.joined(separator: ",")
    }

    /// The header and one line per row, LF-terminated.
    static func manifest(_ rows: [[String: String]]) -> String {
        ([header] + rows.map(row)).joined(separator: "\n") + "\n"
    }

    static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
