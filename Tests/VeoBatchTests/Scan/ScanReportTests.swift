import Foundation
import Testing
import TestSupport
import VendorData

@testable import VeoBatch

@Suite("Scan: report and endpoint facts")
struct ScanReportTests {
    @Test("--json has a stable shape: shots with typed files, rejections with reasons, notes, manifest")
    func jsonShape() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot010_start.png", ScanMedia.png())
        try folder.write("shot010_end.png", ScanMedia.png())
        try folder.write("bad.mp4", ScanMedia.text)
        let result = try await makeTestScanner().scan(folders: [folder.path])
        var outcome = DraftManifestOutcome(path: folder.path + "/shots.csv")
        outcome.added = ["shot010"]
        outcome.wroteFile = true

        let data = try ScanReport(result: result, manifest: outcome).json()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(json.keys) == ["shots", "rejections", "notes", "manifest"])

        let shot = try #require((json["shots"] as? [[String: Any]])?.first)
        #expect(Set(shot.keys) == ["id", "name", "kind", "folder", "files"])
        #expect(shot["id"] as? String == "shot010")
        #expect(shot["kind"] as? String == "start-end")
        let file = try #require((shot["files"] as? [[String: Any]])?.first)
        #expect(Set(file.keys) == ["path", "role", "mimeType", "byteCount", "pixelSize"])
        #expect(file["role"] as? String == "start")
        #expect(file["mimeType"] as? String == "image/png")
        #expect((file["pixelSize"] as? [String: Int]) == ["width": 64, "height": 36])

        let rejection = try #require((json["rejections"] as? [[String: Any]])?.first)
        #expect(Set(rejection.keys) == ["path", "reason", "message"])
        #expect(rejection["reason"] as? String == "wrong-type")
        #expect(rejection["path"] as? String == folder.path + "/bad.mp4")

        let manifest = try #require(json["manifest"] as? [String: Any])
        #expect(Set(manifest.keys) == ["path", "added", "alreadyListed", "addedColumns", "wroteFile"])
        #expect(manifest["added"] as? [String] == ["shot010"])
    }

    @Test("the table lists shots and rejections with paths relative to the working folder")
    func table() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("shot020.png", ScanMedia.png())
        try folder.write("shot010_end.png", ScanMedia.png())
        let result = try await makeTestScanner().scan(folders: [folder.path])
        let text = ScanReport(result: result, manifest: nil).text(relativeTo: folder.path)
        #expect(
            text == """
                Shots:
                  ID       KIND   FILES
                  shot020  frame  shot020.png

                Rejected files:
                  FILE             REASON              WHY
                  shot010_end.png  unpaired-end-frame  shot010_end.png is an end frame without a start frame; add shot010_start.png (or .jpg) beside it, or rename it to shot010.png to use it as a single frame.

                Found 1 shot; rejected 1 file.

                """)
    }

    /// The scan's view of each endpoint, derived from the endpoint table, agrees with the vendor JSON.
    @Test("endpoint facts match the vendor registry")
    func factsMatchVendorTable() throws {
        struct Registry: Decodable {
            struct Model: Decodable {
                var endpoint: String
                var name_en: String
                var params: [Param]
            }
            struct Param: Decodable {
                var fieldKey: String
                var type: String
                var accept: String?
                var maxSize: Int64?
                var maxInputNum: Int?
            }
            var models: [Model]
        }
        // The amended table (vendor registry + 2026-12 amendments) is what scanning reads.
        let registry = try JSONDecoder().decode(Registry.self, from: Data(try VendorAmendments.embedded.get().registryJSON.utf8))
        #expect(registry.models.count == ScanEndpointFacts.all.count)
        let mime = ["JPG": "image/jpeg", "JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "MP4": "video/mp4"]
        for model in registry.models {
            let facts = try #require(ScanEndpointFacts.named(model.endpoint), "\(model.endpoint) missing")
            #expect(ScanEndpointFacts.named(model.name_en) == facts)
            let image = model.params.first { $0.type == "IMAGE" }
            let video = model.params.first { $0.type == "VIDEO" }
            let imageTypes = try image.map { try JSONDecoder().decode([String].self, from: Data(($0.accept ?? "[]").utf8)) } ?? []
            let videoTypes = try video.map { try JSONDecoder().decode([String].self, from: Data(($0.accept ?? "[]").utf8)) } ?? []
            #expect(facts.imageTypes == Set(imageTypes.compactMap { mime[$0] }), "\(model.endpoint)")
            #expect(facts.videoTypes == Set(videoTypes.compactMap { mime[$0] }), "\(model.endpoint)")
            #expect(facts.maxImageBytes == (image?.maxSize ?? 0) * 1_048_576, "\(model.endpoint)")
            #expect(facts.maxVideoBytes == (video?.maxSize ?? 0) * 1_048_576, "\(model.endpoint)")
            #expect(facts.takesAspectRatio == model.params.contains { $0.fieldKey == "aspectRatio" }, "\(model.endpoint)")
            let keys = Set(model.params.map(\.fieldKey))
            #expect(facts.inputs.contains(.video) == keys.contains("video"), "\(model.endpoint)")
            #expect(
                facts.inputs.contains(.lastFrame) == !keys.isDisjoint(with: ["lastImageUrl", "lastFrameUrl"]), "\(model.endpoint)")
            // Reference images go where an endpoint has an image list (`imageUrls`): reference-to-video,
            // and the low-price image-to-video endpoints, as the validator's column mapping says.
            let takesImageList = keys.contains("imageUrls")
            #expect(facts.inputs.contains(.referenceImages) == takesImageList, "\(model.endpoint)")
            #expect(facts.maxReferenceImages == (takesImageList ? image?.maxInputNum ?? 0 : 0), "\(model.endpoint)")
        }
    }
}
