import Foundation
import Logging
import Testing
import TestSupport

@testable import VeoBatch

@Suite("Scan: draft manifest")
struct ScanDraftManifestTests {
    let logger = Logger(label: "test.manifest")

    private func scanAndMerge(_ folder: TemporaryFolder, manifest: String = "shots.csv", models: ShotModels = ShotModels()) async throws
        -> DraftManifestOutcome
    {
        let path = folder.path + "/" + manifest
        let result = try await makeTestScanner().scan(folders: [folder.path], excluding: [path])
        return try DraftManifest(path: path, models: models, logger: logger).merge(result.shots)
    }

    private func text(_ folder: TemporaryFolder, _ name: String = "shots.csv") throws -> String {
        String(decoding: try folder.read(name), as: UTF8.self)
    }

    @Test("a new draft: every column, default models, empty prompts, paths relative to the manifest")
    func newDraft() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("media/shot010_start.png", ScanMedia.png())
        try folder.write("media/shot010_end.png", ScanMedia.png())
        try folder.write("media/shot020.jpg", ScanMedia.jpeg)
        try folder.write("media/shot030/ref1.png", ScanMedia.png(width: 36, height: 64))
        try folder.write("media/shot030/ref2.png", ScanMedia.png())
        try folder.write("media/shot040.mp4", ScanMedia.mp4)

        let outcome = try await scanAndMerge(folder)
        #expect(outcome.added == ["shot010", "shot020", "shot030", "shot040"])
        #expect(outcome.wroteFile)
        #expect(
            try text(folder) == """
                id,model,prompt,first_frame,last_frame,reference_images,video,aspect_ratio,resolution,duration
                shot010,rhart-video-v3.1-fast/start-end-to-video,,media/shot010_start.png,media/shot010_end.png,,,16:9,,
                shot020,rhart-video-v3.1-fast-official/image-to-video,,media/shot020.jpg,,,,,,
                shot030,rhart-video-v3.1-pro-official/reference-to-video,,,,media/shot030/ref1.png;media/shot030/ref2.png,,,,
                shot040,rhart-video-v3.1-fast-official/video-extend,,,,,media/shot040.mp4,,,

                """)
    }

    @Test("models per kind come from the options, by path or doc name")
    func chosenModels() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010_start.png", ScanMedia.png())
        try folder.write("shot010_end.png", ScanMedia.png())
        let models = ShotModels(startEnd: "google/veo3.1-pro/start-end-to-video-channel-low-price")
        _ = try models.requirements()
        _ = try await scanAndMerge(folder, models: models)
        #expect(try text(folder).contains("shot010,google/veo3.1-pro/start-end-to-video-channel-low-price,,shot010_start.png"))
    }

    @Test("an unknown model, or one that cannot take the shot's inputs, is a usage error")
    func badModels() {
        #expect(throws: ScanError.unknownModel(option: "--model-image", model: "veo/nope")) {
            try ShotModels(frame: "veo/nope").requirements()
        }
        #expect(throws: ScanError.modelDoesNotFit(option: "--model-pair", model: "rhart-video-v3.1-pro/image-to-video", kind: .startEnd)) {
            try ShotModels(startEnd: "rhart-video-v3.1-pro/image-to-video").requirements()
        }
    }

    @Test("merge keeps every existing row byte for byte and appends only new shots")
    func mergeAppends() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010.png", ScanMedia.png())
        try folder.write("shot020.png", ScanMedia.png())
        // A hand-edited manifest: BOM, CRLF, a quoted prompt with a comma, quote and newline,
        // an extra column, and a row renamed from shot020 that still uses its file.
        let original =
            "\u{FEFF}id,model,prompt,first_frame,x_owner\r\n"
            + "shot010,rhart-video-v3.1-pro-official/image-to-video,\"Dawn, \"\"slow\"\" push-in\nover the bay\",shot010.png,ana\r\n"
            + "hero,rhart-video-v3.1-fast-official/image-to-video,A hero shot.,./shot020.png,bo\r\n"
        try folder.write("shots.csv", Data(original.utf8))
        try folder.write("shot030.png", ScanMedia.png(width: 50, height: 50))  // square: no aspect_ratio needed

        let outcome = try await scanAndMerge(folder)
        #expect(outcome.added == ["shot030"])
        #expect(outcome.alreadyListed == [.init(shotID: "shot010", rowID: "shot010"), .init(shotID: "shot020", rowID: "hero")])
        #expect(outcome.addedColumns.isEmpty)
        #expect(try text(folder) == original + "shot030,rhart-video-v3.1-fast-official/image-to-video,,shot030.png,\r\n")

        // Scanning again changes nothing: the file is not even rewritten.
        let again = try await scanAndMerge(folder)
        #expect(again.added.isEmpty && !again.wroteFile)
        #expect(try text(folder) == original + "shot030,rhart-video-v3.1-fast-official/image-to-video,,shot030.png,\r\n")
    }

    @Test("merge adds a missing column at the end, empty in existing rows, keeping every value")
    func mergeAddsColumn() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot040.mp4", ScanMedia.mp4)
        let original = "id,model,prompt,note\nintro,rhart-video-v3.1-pro/text-to-video,\"Fog, then sun\",keep me"
        try folder.write("shots.csv", Data(original.utf8))

        let outcome = try await scanAndMerge(folder)
        #expect(outcome.addedColumns == ["video"])
        let rows = try CSVText.decode(try text(folder))
        #expect(
            rows == [
                ["id", "model", "prompt", "note", "video"],
                ["intro", "rhart-video-v3.1-pro/text-to-video", "Fog, then sun", "keep me", ""],
                ["shot040", "rhart-video-v3.1-fast-official/video-extend", "", "", "shot040.mp4"],
            ])
    }

    @Test("a row id equal to a shot's id counts as that shot, whatever its files")
    func sameID() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010.png", ScanMedia.png())
        let original = "id,model,prompt\nSHOT010,rhart-video-v3.1-pro/text-to-video,Text only.\n"
        try folder.write("shots.csv", Data(original.utf8))
        let outcome = try await scanAndMerge(folder)
        #expect(outcome.added.isEmpty)
        #expect(outcome.alreadyListed == [.init(shotID: "shot010", rowID: "SHOT010")])
        #expect(try text(folder) == original)
    }

    @Test("a manifest in another folder gets ../ paths")
    func relativePaths() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("media/a/shot010.png", ScanMedia.png())
        try FileManager.default.createDirectory(atPath: folder.path + "/manifests", withIntermediateDirectories: true)
        let result = try await makeTestScanner().scan(folders: [folder.path + "/media"])
        _ = try DraftManifest(path: folder.path + "/manifests/m.csv", models: ShotModels(), logger: logger).merge(result.shots)
        #expect(try text(folder, "manifests/m.csv").contains(",../media/a/shot010.png,"))
        #expect(RelativePath.from(folder: "/x/y", to: "/x/y/@odd.png") == "./@odd.png")
        #expect(RelativePath.from(folder: "/x/y", to: "/z/a.png") == "/z/a.png")
    }

    @Test("a manifest that cannot be parsed is refused and left untouched")
    func unreadableManifest() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010.png", ScanMedia.png())
        let broken = "id,model,prompt\nshot0,m,\"never closed\n"
        try folder.write("shots.csv", Data(broken.utf8))
        await #expect(throws: ScanError.self) { try await scanAndMerge(folder) }
        try folder.write("dup.csv", Data("id,model,id\n".utf8))
        await #expect(throws: ScanError.manifestUnreadable(path: folder.path + "/dup.csv", reason: "its header names the column id twice"))
        {
            try await scanAndMerge(folder, manifest: "dup.csv")
        }
        #expect(try text(folder) == broken)
    }

    @Test("the write is atomic: no temporary file is left beside the manifest")
    func atomicWrite() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010.png", ScanMedia.png())
        _ = try await scanAndMerge(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["shot010.png", "shots.csv"])
    }
}
