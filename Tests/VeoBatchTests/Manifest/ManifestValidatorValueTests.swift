import Foundation
import Testing
@testable import VeoBatch

/// One failing manifest per value rule, with the exact message, line and column it must produce.
@Suite("ManifestValidator values")
struct ManifestValidatorValueTests {
    let fixture: ManifestFixture
    typealias M = ManifestTestModels

    init() throws {
        fixture = try ManifestFixture()
    }

    private func check(_ rows: [[String: String]]) throws -> ManifestValidation {
        try fixture.validate(ManifestText.manifest(rows))
    }

    private let prompt = "A quiet street at dawn"

    @Test func ids() throws {
        let long = String(repeating: "x", count: 65)
        let result = try check([
            ["model": M.proT2VOfficial, "prompt": prompt],
            ["id": "shot 010", "model": M.proT2VOfficial, "prompt": prompt],
            ["id": long, "model": M.proT2VOfficial, "prompt": prompt],
            ["id": ".", "model": M.proT2VOfficial, "prompt": prompt],
            ["id": "..", "model": M.proT2VOfficial, "prompt": prompt],
            ["id": "dup", "model": M.proT2VOfficial, "prompt": prompt],
            ["id": "dup", "model": M.proT2VOfficial, "prompt": prompt],
            ["id": "é1", "model": M.proT2VOfficial, "prompt": prompt],
            ["id": String(repeating: "y", count: 64), "model": M.proT2VOfficial, "prompt": prompt],
            ["id": "Shot_010.v2-final", "model": M.proT2VOfficial, "prompt": prompt],
        ])
        #expect(result.rendered == [
            "2:1: error: the row has no id; give every row a unique id made of letters, digits, '.', '_' and '-'",
            "3:1: error: id 'shot 010' may contain only letters A–Z and a–z, digits, '.', '_' and '-'",
            "4:1: error: id '\(long)' is 65 characters long; ids are at most 64 characters",
            "5:1: error: id '.' is not allowed: it would name a folder, not a file",
            "6:1: error: id '..' is not allowed: it would name a folder, not a file",
            "8:1: error: id 'dup' is already used by the row on line 7; ids must be unique",
            "9:1: error: id 'é1' may contain only letters A–Z and a–z, digits, '.', '_' and '-'",
        ])
        #expect(result.jobs.isEmpty)
    }

    @Test func idsMustNotClashAsOutputNames() throws {
        let result = try check([
            ["id": "shot", "model": M.proT2VOfficial, "prompt": prompt, "takes": "3"],
            ["id": "Shot", "model": M.proT2VOfficial, "prompt": prompt],
            ["id": "shot-take3", "model": M.proT2VOfficial, "prompt": prompt],
            ["id": "shot-take4", "model": M.proT2VOfficial, "prompt": prompt],
        ])
        #expect(result.rendered == [
            "3:1: error: id 'Shot' differs from 'shot' (line 2) only in case; their outputs would clash on case-insensitive disks",
            "4:1: error: id 'shot-take3' is also the output name of take 3 of row 'shot' (line 2); rename the row or lower its takes",
        ])
    }

    @Test func models() throws {
        let result = try check([
            ["id": "a", "prompt": prompt],
            ["id": "b", "model": "google/veo3.1-pro/text-to-video-official-stabel", "prompt": prompt],
            ["id": "c", "model": "sora-2", "prompt": prompt],
            ["id": "d", "model": "/openapi/v2/rhart-video-v3.1-pro-official/text-to-video", "prompt": prompt],
        ])
        #expect(result.rendered == [
            "2:2: error: the row has no model; name an endpoint by its doc name or path (`veobatch models` lists them)",
            "3:2: error: unknown model 'google/veo3.1-pro/text-to-video-official-stabel': did you mean 'google/veo3.1-pro/text-to-video-official-stable'?",
            "4:2: error: unknown model 'sora-2'; `veobatch models` lists the 19 endpoints by doc name and path",
        ])
    }

    @Test func columnsTheEndpointDoesNotTake() throws {
        let result = try check([
            ["id": "a", "model": M.proT2VOfficial, "prompt": prompt, "first_frame": "a.png"],
            ["id": "b", "model": M.proReference, "prompt": prompt, "duration": "8", "reference_images": "https://cdn.example.com/r.png"],
            ["id": "c", "model": M.fastI2VLow, "prompt": prompt, "first_frame": "https://cdn.example.com/f.png", "last_frame": "https://cdn.example.com/l.png"],
            ["id": "d", "model": M.fastT2VLow, "prompt": prompt, "seed": "7", "generate_audio": "true"],
        ])
        #expect(result.rendered == [
            "2:9: error: column 'first_frame' is not taken by google/veo3.1-pro/text-to-video-official-stable; leave it empty for this row or choose a model that takes it",
            "3:4: error: column 'duration' is not taken by google/veo3.1-pro/reference-to-video-official-stable; leave it empty for this row or choose a model that takes it",
            "4:10: error: column 'last_frame' is not taken by google/veo3.1-fast/image-to-video-channel-low-price; leave it empty for this row or choose a model that takes it",
            "5:6: error: column 'generate_audio' is not taken by google/veo3.1-fast/text-to-video-channel-low-price; leave it empty for this row or choose a model that takes it",
            "5:7: error: column 'seed' is not taken by google/veo3.1-fast/text-to-video-channel-low-price; leave it empty for this row or choose a model that takes it",
        ])
    }

    @Test func requiredFields() throws {
        let result = try check([
            ["id": "a", "model": M.proT2VOfficial],
            ["id": "b", "model": M.fastI2VOfficial, "prompt": prompt],
            ["id": "c", "model": M.fastI2VLow, "prompt": prompt],
            ["id": "d", "model": M.liteStartEnd, "prompt": prompt, "first_frame": "https://cdn.example.com/f.png"],
            ["id": "e", "model": M.fastExtend],
        ])
        #expect(result.rendered == [
            "2:3: error: google/veo3.1-pro/text-to-video-official-stable needs a prompt (5 to 8000 characters); this row leaves it empty",
            "3:9: error: google/veo3.1-fast/image-to-video-official-stable needs first_frame (body field imageUrl); this row leaves it empty",
            "4:9: error: google/veo3.1-fast/image-to-video-channel-low-price needs first_frame or reference_images (body field imageUrls); this row leaves it empty",
            "5:10: error: google/veo3.1-lite/start-end-to-video-official-stable needs last_frame (body field lastImageUrl); this row leaves it empty",
            "6:12: error: google/veo3.1-fast/video-extend-official-stable needs video (body field video); this row leaves it empty",
        ])
    }

    @Test func requiredFieldWhoseColumnIsMissingFromTheHeader() throws {
        let result = try fixture.validate("id,model,prompt\na,\(M.fastI2VOfficial),\(prompt)\n")
        #expect(result.rendered == [
            "2:2: error: google/veo3.1-fast/image-to-video-official-stable needs first_frame (body field imageUrl); this row leaves it empty; add a first_frame column",
        ])
    }

    @Test func listValues() throws {
        let result = try check([
            ["id": "a", "model": M.proT2VOfficial, "prompt": prompt, "resolution": "2k", "duration": "5", "aspect_ratio": "1:1"],
            ["id": "b", "model": M.fastExtend, "resolution": "4k", "video": "https://cdn.example.com/v.mp4"],
            ["id": "c", "model": M.proT2VOfficial, "prompt": prompt, "resolution": "4K", "duration": "4", "aspect_ratio": "16:9"],
        ])
        #expect(result.rendered == [
            "2:4: error: duration '5' is not allowed by google/veo3.1-pro/text-to-video-official-stable; use one of 4, 6, 8",
            "2:5: error: resolution '2k' is not allowed by google/veo3.1-pro/text-to-video-official-stable; use one of 720p, 1080p, 4k",
            "2:8: error: aspect_ratio '1:1' is not allowed by google/veo3.1-pro/text-to-video-official-stable; use one of 16:9, 9:16",
            "3:5: error: resolution '4k' is not allowed by google/veo3.1-fast/video-extend-official-stable; use one of 720p, 1080p",
        ])
    }

    @Test func booleans() throws {
        let result = try check([
            ["id": "a", "model": M.proT2VOfficial, "prompt": prompt, "generate_audio": "yes"],
            ["id": "b", "model": M.proT2VOfficial, "prompt": prompt, "generate_audio": "TRUE"],
            ["id": "c", "model": M.proT2VOfficial, "prompt": prompt, "generate_audio": "False"],
        ])
        #expect(result.rendered == ["2:6: error: generate_audio must be true or false, not 'yes'"])
    }

    @Test func seeds() throws {
        let result = try check([
            ["id": "a", "model": M.proT2VOfficial, "prompt": prompt, "seed": "1.5"],
            ["id": "b", "model": M.proT2VOfficial, "prompt": prompt, "seed": "3000000000"],
            ["id": "c", "model": M.liteT2VOfficial, "prompt": prompt, "seed": "-2"],
            ["id": "d", "model": M.liteStartEnd, "prompt": prompt, "seed": "-1",
             "first_frame": "https://cdn.example.com/f.png", "last_frame": "https://cdn.example.com/l.png"],
            ["id": "e", "model": M.proT2VOfficial, "prompt": prompt, "seed": "-2147483648"],
        ])
        #expect(result.rendered == [
            "2:7: error: seed must be a whole number, not '1.5'",
            "3:7: error: seed 3000000000 is out of range; google/veo3.1-pro/text-to-video-official-stable takes 0 to 2147483647",
            "4:7: error: seed -2 is out of range; google/veo3.1-lite/text-to-video-official-stable takes -1 to 2147483647",
            "5:7: error: seed -1 is out of range; google/veo3.1-lite/start-end-to-video-official-stable takes 0 to 2147483647",
            // fast/pro seeds are 0...2147483647 since the 2026-12 amendments.
            "6:7: error: seed -2147483648 is out of range; google/veo3.1-pro/text-to-video-official-stable takes 0 to 2147483647",
        ])
    }

    @Test func promptLength() throws {
        let result = try check([
            ["id": "a", "model": M.proT2VOfficial, "prompt": "tiny"],
            ["id": "b", "model": M.proT2VOfficial, "prompt": String(repeating: "a", count: 8001)],
            ["id": "c", "model": M.proT2VOfficial, "prompt": "🎬🎬🎬🎬"],
            ["id": "d", "model": M.proT2VOfficial, "prompt": "你好世界啊"],
            ["id": "e", "model": M.liteT2VOfficial, "prompt": String(repeating: "b", count: 8001)],
            ["id": "f", "model": M.proT2VOfficial, "prompt": String(repeating: "c", count: 8000)],
            ["id": "g", "model": M.liteT2VOfficial, "prompt": prompt, "negative_prompt": String(repeating: "n", count: 20001)],
        ])
        #expect(result.rendered == [
            "2:3: error: prompt is 4 characters long; google/veo3.1-pro/text-to-video-official-stable needs at least 5",
            "3:3: error: prompt is 8001 characters long; google/veo3.1-pro/text-to-video-official-stable takes at most 8000",
            "4:3: error: prompt is 4 characters long; google/veo3.1-pro/text-to-video-official-stable needs at least 5",
            "8:14: error: negative_prompt is 20001 characters long; google/veo3.1-lite/text-to-video-official-stable takes at most 20000",
        ])
    }

    @Test func takes() throws {
        let result = try check([
            ["id": "a", "model": M.proT2VOfficial, "prompt": prompt, "takes": "0"],
            ["id": "b", "model": M.proT2VOfficial, "prompt": prompt, "takes": "21"],
            ["id": "c", "model": M.proT2VOfficial, "prompt": prompt, "takes": "two"],
            ["id": "d", "model": M.proT2VOfficial, "prompt": prompt, "takes": "20"],
        ])
        #expect(result.rendered == [
            "2:13: error: takes must be a whole number from 1 to 20, not '0'",
            "3:13: error: takes must be a whole number from 1 to 20, not '21'",
            "4:13: error: takes must be a whole number from 1 to 20, not 'two'",
        ])
    }

    @Test func fieldCountMustMatchTheHeader() throws {
        let text = "id,model,prompt\n"
            + "a,\(M.proT2VOfficial),\(prompt),extra\n"
            + "b,\(M.proT2VOfficial)\n"
        let result = try fixture.validate(text)
        #expect(result.rendered == [
            "2:4: error: this row has 4 fields but the header has 3 columns; quote values that contain commas",
            "3:3: error: this row has 2 fields but the header has 3 columns; every row needs a field for each column (empty is fine)",
            "3:3: error: google/veo3.1-pro/text-to-video-official-stable needs a prompt (5 to 8000 characters); this row leaves it empty",
        ])
    }

    @Test func headerErrorsStillCheckTheRows() throws {
        let result = try fixture.validate("id,model,resolutoin,prompt\na,\(M.proT2VOfficial),1080p,tiny\n")
        #expect(result.rendered == [
            "1:3: error: unknown column 'resolutoin': did you mean 'resolution'?",
            "2:4: error: prompt is 4 characters long; google/veo3.1-pro/text-to-video-official-stable needs at least 5",
        ])
    }

    @Test func laterRowsReportPhysicalLinesThroughBOMCRLFAndQuotedNewlines() throws {
        let text = "\u{FEFF}id,model,prompt,resolution\r\n"
            + "a,\(M.proT2VOfficial),\"first line\r\nsecond, line\",720p\r\n"
            + "b,\(M.proT2VOfficial),\"one\ntwo\nthree \"\"quoted\"\"\",1080p\r\n"
            + "\r\n"
            + "c,\(M.proT2VOfficial),\(prompt),8k\r\n"
        let result = try fixture.validate(text)
        #expect(result.rendered == [
            "8:4: error: resolution '8k' is not allowed by google/veo3.1-pro/text-to-video-official-stable; use one of 720p, 1080p, 4k",
        ])
        #expect(result.rows.map(\.line) == [2, 4, 8])
    }

    @Test func invalidUTF8ComesThroughTheValidator() throws {
        var bytes = Data("id,model,prompt\na,\(M.proT2VOfficial),caf".utf8)
        bytes.append(0xFF)
        try fixture.folder.write("manifest.csv", bytes)
        let result = fixture.validateWritten()
        #expect(result.rendered == ["2:3: error: this line is not valid UTF-8 (byte 0xFF); save the manifest as UTF-8"])
        #expect(result.summary(path: "m.csv") == "m.csv: 1 error in 0 rows; nothing can be submitted until they are fixed")
    }
}
