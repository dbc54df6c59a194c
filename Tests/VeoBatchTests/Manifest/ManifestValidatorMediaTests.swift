import Foundation
import Logging
import Testing
import TestSupport
@testable import VeoBatch

/// One failing manifest per media rule: files, types, sizes, counts, URLs and @ROW references.
@Suite("ManifestValidator media")
struct ManifestValidatorMediaTests {
    let fixture: ManifestFixture
    typealias M = ManifestTestModels
    private let prompt = "A quiet street at dawn"

    init() throws {
        fixture = try ManifestFixture()
    }

    private var root: String { fixture.folder.path }

    private func check(_ rows: [[String: String]], detector: any FileTypeDetecting = FakeFileTypeDetector(),
                       mediaRoot: String? = nil) throws -> ManifestValidation {
        try fixture.validate(ManifestText.manifest(rows), detector: detector, mediaRoot: mediaRoot)
    }

    private func i2v(_ id: String, _ frame: String) -> [String: String] {
        ["id": id, "model": M.fastI2VOfficial, "prompt": prompt, "first_frame": frame]
    }

    @Test func filesMustExistBeRegularAndNonEmpty() throws {
        try fixture.media("frames/real.png")
        try fixture.media("empty.png", Data())
        let elsewhere = try TemporaryFolder()
        let outsideTarget = try elsewhere.write("x.png", ManifestSampleMedia.png)
        try FileManager.default.createSymbolicLink(atPath: root + "/outside.png", withDestinationPath: outsideTarget)
        try FileManager.default.createSymbolicLink(atPath: root + "/broken.png", withDestinationPath: root + "/gone.png")
        try FileManager.default.createSymbolicLink(atPath: root + "/inside.png", withDestinationPath: "frames/real.png")
        let realRoot = MediaFileInspector.realPath(root) ?? root
        let realOutside = MediaFileInspector.realPath(outsideTarget) ?? outsideTarget

        let result = try check([
            i2v("a", "frames/missing.png"),
            i2v("b", "frames"),
            i2v("c", "empty.png"),
            i2v("d", "outside.png"),
            i2v("e", "broken.png"),
            i2v("f", "inside.png"),
            i2v("g", outsideTarget),
            i2v("h", "./frames/../frames/real.png"),
        ])
        #expect(result.rendered == [
            "2:9: error: file 'frames/missing.png' does not exist (looked for \(root)/frames/missing.png)",
            "3:9: error: 'frames' is a directory, not a file",
            "4:9: error: file 'empty.png' is empty",
            "5:9: error: file 'outside.png' is a symlink to '\(realOutside)', outside the media root '\(realRoot)'; write the real path in the manifest or choose a --media-root that contains it",
            "6:9: error: file 'broken.png' is a broken symlink (its target does not exist)",
        ])
    }

    @Test(.enabled(if: getuid() != 0, "root reads every file"))
    func unreadableFile() throws {
        let path = try fixture.media("secret.png")
        chmod(path, 0)
        let result = try check([i2v("a", "secret.png")], detector: try MagicFileTypeDetector())
        #expect(result.rendered == ["2:9: error: file 'secret.png' cannot be read (Permission denied)"])
    }

    @Test func mediaRootOptionMovesRelativePaths() throws {
        let shots = try TemporaryFolder()
        try shots.write("frames/a.png", ManifestSampleMedia.png)
        let clean = try check([i2v("a", "frames/a.png")], mediaRoot: shots.path)
        #expect(clean.rendered == [])
        #expect(clean.jobs.first?.media == [MediaInput(field: "imageUrl", isList: false, source: .file(path: shots.path + "/frames/a.png"))])
        let noRoot = try check([i2v("a", "https://cdn.example.com/a.png")], mediaRoot: shots.path + "/nowhere")
        #expect(noRoot.rendered == ["-:-: error: the media root '\(shots.path)/nowhere' is not a folder; relative media paths cannot be resolved (check --media-root)"])
        let missing = try check([i2v("a", "frames/a.png")])
        #expect(missing.rendered == ["2:9: error: file 'frames/a.png' does not exist (looked for \(root)/frames/a.png)"])
    }

    @Test func typeByContentMustBeAccepted() throws {
        try fixture.media("notes.png")
        try fixture.media("clip.mp4")
        try fixture.media("frame.webp")
        try fixture.media("first.webp")
        try fixture.media("last.png")
        let detector = FakeFileTypeDetector(types: [
            "notes.png": FakeFileTypeDetector.text,
            "clip.mp4": FakeFileTypeDetector.png,
            "frame.webp": DetectedFileType(mimeType: "image/webp", description: "Web/P image"),
            "first.webp": DetectedFileType(mimeType: "image/webp", description: "Web/P image"),
        ])
        let result = try check([
            i2v("a", "notes.png"),
            ["id": "b", "model": M.fastExtend, "video": "clip.mp4"],
            i2v("c", "frame.webp"),
            ["id": "d", "model": M.liteStartEnd, "prompt": prompt, "first_frame": "first.webp", "last_frame": "last.png"],
        ], detector: detector)
        #expect(result.rendered == [
            "2:9: error: file 'notes.png' is text/plain by its content (ASCII text); imageUrl takes JPG, PNG",
            "3:12: error: file 'clip.mp4' is image/png by its content (PNG image data, 8 x 8); video takes MP4",
            "4:9: error: file 'frame.webp' is image/webp by its content (Web/P image); imageUrl takes JPG, PNG",
        ])
    }

    @Test func realLibmagicTypesFilesByContent() throws {
        try fixture.media("frame.png", ManifestSampleMedia.jpeg)
        try fixture.media("end.jpg", ManifestSampleMedia.jpeg)
        try fixture.media("clip.mp4", ManifestSampleMedia.text)
        try fixture.media("good.mp4", ManifestSampleMedia.mp4Header)
        let result = try check([
            ["id": "a", "model": M.fastI2VOfficial, "prompt": prompt, "first_frame": "frame.png", "last_frame": "end.jpg"],
            ["id": "b", "model": M.fastExtend, "video": "clip.mp4"],
            ["id": "c", "model": M.fastExtend, "video": "good.mp4"],
        ], detector: try MagicFileTypeDetector())
        #expect(result.rendered == [
            "2:9: warning: file 'frame.png' is image/jpeg by its content, not image/png as its name says; it will be sent as image/jpeg",
            "3:12: error: file 'clip.mp4' is text/plain by its content (ASCII text); video takes MP4",
        ])
    }

    @Test func contentMismatchAloneIsOnlyAWarning() throws {
        try fixture.media("frame.png", ManifestSampleMedia.jpeg)
        let result = try check([i2v("a", "frame.png")], detector: try MagicFileTypeDetector())
        #expect(result.isValid)
        #expect(result.warningCount == 1)
        #expect(result.jobs.count == 1)
    }

    @Test func sizeLimitsPerEndpoint() throws {
        let big = try fixture.media("big.png")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 11 * 1_048_576)  // sparse: no real 11 MB written
        try handle.close()
        let result = try check([
            i2v("a", "big.png"),
            ["id": "b", "model": M.fastI2VLow, "prompt": prompt, "first_frame": "big.png"],
        ])
        #expect(result.rendered == ["2:9: error: file 'big.png' is 11.0 MB; imageUrl takes at most 10 MB per file"])
    }

    @Test func referenceCountAndSharedFields() throws {
        for name in ["a.png", "b.png", "c.png", "d.png"] { try fixture.media(name) }
        let result = try check([
            ["id": "r", "model": M.proReference, "prompt": prompt, "reference_images": "a.png;b.png; c.png ;d.png"],
            ["id": "s", "model": M.proReference, "prompt": prompt, "reference_images": "a.png;b.png;c.png;"],
            ["id": "t", "model": M.fastI2VLow, "prompt": prompt, "first_frame": "a.png", "reference_images": "b.png"],
        ])
        #expect(result.rendered == [
            "2:11: error: reference_images lists 4 images; google/veo3.1-pro/reference-to-video-official-stable takes at most 3",
            "4:11: error: first_frame and reference_images both fill imageUrls on google/veo3.1-fast/image-to-video-channel-low-price; use one of them",
        ])
    }

    @Test func urls() throws {
        let result = try check([
            i2v("a", "http://example.com/a.png"),
            i2v("b", "ftp://example.com/a.png"),
            i2v("c", "https://"),
            i2v("d", "http://127.0.0.1:8080/a.png"),
            i2v("e", "http://localhost/a.png"),
            i2v("f", "http://[::1]:9000/a.png"),
            i2v("g", "https://cdn.example.com/frames/a.png?sig=abc"),
            i2v("h", "HTTPS://CDN.EXAMPLE.COM/A.PNG"),
        ])
        #expect(result.rendered == [
            "2:9: error: URL 'http://example.com/a.png' must use https; http is allowed only for 127.0.0.1, localhost and [::1]",
            "3:9: error: URL 'ftp://example.com/a.png' must use https; http is allowed only for 127.0.0.1, localhost and [::1]",
            "4:9: error: 'https://' is not a well-formed URL; write https://host/path (spaces must be encoded as %20)",
        ])
    }

    @Test func rowReferences() throws {
        let result = try check([
            ["id": "hero", "model": M.proT2VOfficial, "prompt": prompt],
            i2v("a", "@hero"),
            ["id": "b", "model": M.fastExtend, "video": "@nobody"],
            ["id": "c", "model": M.fastExtend, "video": "@her"],
            ["id": "d", "model": M.fastExtend, "video": "@"],
            ["id": "e", "model": M.fastExtend, "video": "@hero"],
            ["id": "f", "model": M.fastExtend, "video": "@e"],
        ])
        #expect(result.rendered == [
            "3:9: error: '@hero' can only be used in the video column: @ROW stands for another row's rendered clip",
            "4:12: error: '@nobody' does not name a row of this manifest",
            "5:12: error: '@her' does not name a row of this manifest; did you mean '@hero'?",
            "6:12: error: '@' must be followed by the id of another row, e.g. @shot010",
        ])
    }

    @Test func rowReferenceCycles() throws {
        let result = try check([
            ["id": "x", "model": M.fastExtend, "video": "@z"],
            ["id": "y", "model": M.fastExtend, "video": "@x"],
            ["id": "z", "model": M.fastExtend, "video": "@y"],
            ["id": "self", "model": M.fastExtend, "video": "@self"],
            ["id": "tail", "model": M.fastExtend, "video": "@x"],
        ])
        #expect(result.rendered == [
            "2:12: error: these @ROW references form a cycle: x → z → y → x; a chain of extends must start at a row that renders from frames or text",
            "5:12: error: these @ROW references form a cycle: self → self; a chain of extends must start at a row that renders from frames or text",
        ])
    }

    @Test func rowReferenceMustProduceVideo() throws {
        let registry = #"""
        {"models":[
         {"name_en":"test/still","endpoint":"rhart-video-v3.1-pro/text-to-video","output_type":"image",
          "params":[{"fieldKey":"prompt","type":"STRING","required":true}]},
         {"name_en":"test/extend","endpoint":"rhart-video-v3.1-pro/video-extend","output_type":"video",
          "params":[{"fieldKey":"video","type":"VIDEO","required":true,"accept":"[\"MP4\"]","maxSize":10}]}]}
        """#
        let table = try EndpointTable(registryJSON: registry, pricingJSON: #"{"pricing":[]}"#)
        try fixture.folder.write("manifest.csv", text: "id,model,prompt,video\nstill,test/still,a photo of a cat,\nmove,test/extend,,@still\n")
        let result = ManifestValidator(table: table, detector: FakeFileTypeDetector(), logger: Logger(label: "test"))
            .validate(manifestAt: fixture.manifestPath)
        #expect(result.rendered == ["3:4: error: '@still' renders with test/still, which does not produce a video"])
    }

    @Test func everyDistinctFileIsTypedOnce() throws {
        try fixture.media("shared.png")
        try fixture.media("other.png")
        let detector = FakeFileTypeDetector()
        var rows: [[String: String]] = []
        for index in 0..<50 {
            rows.append(i2v("r\(index)", index.isMultiple(of: 2) ? "shared.png" : "./other.png"))
        }
        let result = try check(rows, detector: detector)
        #expect(result.isValid)
        #expect(detector.callCounts == [root + "/shared.png": 1, root + "/other.png": 1])
    }

    @Test func oneMissingFileIsReportedOnEveryRowThatUsesIt() throws {
        let result = try check([i2v("a", "gone.png"), i2v("b", "gone.png")])
        #expect(result.rendered == [
            "2:9: error: file 'gone.png' does not exist (looked for \(root)/gone.png)",
            "3:9: error: file 'gone.png' does not exist (looked for \(root)/gone.png)",
        ])
    }
}
