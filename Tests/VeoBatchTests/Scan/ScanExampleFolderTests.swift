import Foundation
import Logging
import Testing
import TestSupport

@testable import VeoBatch

/// manifests/example is what users try first and what the end-to-end demo renders.
@Suite("Scan: manifests/example")
struct ScanExampleFolderTests {
    /// The repository's manifests/example.
    static let exampleFolder: String = repositoryRoot.appendingPathComponent("manifests/example").standardized.path

    /// Detectors the example must hold up under: the fake one, and libmagic, so the committed
    /// media are checked by their real types too.
    static let detectors: [any FileTypeDetecting] = [ScanFakeSniffer(), try! MagicFileTypeDetector()]

    @Test("scanning the example folder finds exactly its five shots and rejects nothing")
    func findsExactlyItsShots() async throws {
        for detector in Self.detectors {
            try await expectExactlyTheExampleShots(detector: detector)
        }
    }

    private func expectExactlyTheExampleShots(detector: any FileTypeDetecting) async throws {
        let result = try await makeTestScanner(detector: detector).scan(folders: [Self.exampleFolder])
        #expect(
            result.summaryLines == [
                "shot010 start-end shot010_start.png,shot010_end.png",
                "shot020 frame shot020.jpg",
                "shot030 reference shot030_ref1.png,shot030_ref2.jpg,shot030_ref3.png",
                "shot040 clip shot040.mp4",
                "shot050 start-end shot050_first.jpg,shot050_last.jpg",
            ])
        #expect(result.rejections == [])
        // The manifest beside the media is skipped, and nothing else is worth a note.
        #expect(result.notes.map(\.path) == [Self.exampleFolder + "/shots.csv"])
        let types = result.shots.flatMap(\.files).map(\.mimeType)
        #expect(Set(types) == ["image/png", "image/jpeg", "video/mp4"])
    }

    @Test("merging the scan into the example manifest adds nothing and leaves it byte for byte")
    func exampleManifestListsEveryShot() async throws {
        let copy = try TemporaryFolder()
        defer { copy.remove() }
        try FileManager.default.removeItem(atPath: copy.path)
        try FileManager.default.copyItem(atPath: Self.exampleFolder, toPath: copy.path)
        let original = try copy.read("shots.csv")

        let result = try await makeTestScanner().scan(folders: [copy.path])
        let outcome = try DraftManifest(path: copy.path + "/shots.csv", models: ShotModels(), logger: Logger(label: "test"))
            .merge(result.shots)
        #expect(outcome.added == [])
        #expect(outcome.alreadyListed.map(\.rowID) == ["shot010", "shot020", "shot030", "shot040", "shot050"])
        #expect(!outcome.wroteFile)
        #expect(try copy.read("shots.csv") == original)
    }

    @Test("the example media are small enough to commit")
    func mediaAreSmall() throws {
        let enumerator = FileManager.default.enumerator(atPath: Self.exampleFolder)
        var count = 0
        while let name = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: Self.exampleFolder + "/" + name)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            #expect(size > 0 && size < 64 * 1024, "\(name) is \(size) bytes")
            count += 1
        }
        #expect(count == 10)  // nine media files and shots.csv
    }
}
