import Foundation
import Logging
import Testing
@testable import VeoBatch

/// `extend_times = N` expands, during validation, into N ordinary extend jobs `ROW-ext1 … ROW-extN`.
@Suite("Extend: extend_times shorthand")
struct ExtendShorthandTests {
    let fixture: ManifestFixture
    typealias M = ManifestTestModels
    static let columns = [
        "id", "model", "prompt", "negative_prompt", "seed", "duration", "resolution", "video", "takes",
        "extend_times", "extend_model", "extend_prompt", "x_shot",
    ]
    static let fastExtendPath = "rhart-video-v3.1-fast-official/video-extend"
    static let proExtendPath = "rhart-video-v3.1-pro-official/video-extend"

    init() throws {
        fixture = try ManifestFixture()
    }

    /// Leaves out the 10 MB input-size warnings (ExtendInputSizeTests covers them).
    private func validate(_ rows: [[String: String]]) throws -> ManifestValidation {
        var result = try fixture.validate(ExtendManifest.csv(Self.columns, rows))
        result.diagnostics.removeAll { $0.severity == .warning && $0.message.contains("takes at most 10 MB") }
        return result
    }

    private func column(_ name: String) -> Int {
        (Self.columns.firstIndex(of: name) ?? -1) + 1
    }

    @Test("extend_times 3 on a fast text-to-video row becomes the row and three chained fast-official extends")
    func expandsIntoExactJobs() throws {
        let result = try validate([
            [
                "id": "hero", "model": "rhart-video-v3.1-fast-official/text-to-video", "prompt": "A lighthouse beam sweeps the bay",
                "negative_prompt": "blurry", "seed": "42", "duration": "8", "resolution": "1080p", "extend_times": "3", "x_shot": "SG-1",
            ]
        ])
        #expect(result.rendered == [])
        #expect(result.jobs.map(\.outputName) == ["hero", "hero-ext1", "hero-ext2", "hero-ext3"])
        let extensionParameters: [String: JSONValue] = [
            "prompt": .string("A lighthouse beam sweeps the bay"), "resolution": .string("1080p"), "negativePrompt": .string("blurry"),
        ]
        for (index, previous) in ["hero", "hero-ext1", "hero-ext2"].enumerated() {
            let id = "hero-ext\(index + 1)"
            #expect(
                result.jobs[index + 1]
                    == JobSpec(
                        rowID: id, take: 1, endpoint: Self.fastExtendPath, parameters: extensionParameters,
                        media: [MediaInput(field: "video", isList: false, source: .rowOutput(rowID: previous))],
                        estimatedCost: Decimal(string: "6.56"), outputName: id, line: 2))
        }
        // The base job is untouched: its own seed, duration and price.
        #expect(result.jobs[0].parameters["seed"] == .int(42))
        #expect(result.jobs[0].endpoint == "rhart-video-v3.1-fast-official/text-to-video")
        // Reports see the generated rows beside the written one, with its line and carried columns.
        #expect(result.rows.map(\.id) == ["hero", "hero-ext1", "hero-ext2", "hero-ext3"])
        #expect(result.rows.allSatisfy { $0.line == 2 && $0.carried == [CarriedColumn(name: "x_shot", value: "SG-1")] })
        #expect(result.rows[2].value(.video) == "@hero-ext1")
        #expect(
            result.summary(path: "m.csv")
                == "m.csv: OK, 1 row → 4 jobs, estimated \(PriceFormat.format(Decimal(string: "7.04")! + Decimal(string: "19.68")!)) CNY")
    }

    @Test("the default extend follows the tier: pro → pro official, lite → fast official; extend_model and extend_prompt override")
    func extendModelAndPromptChoices() throws {
        let result = try validate([
            ["id": "pro", "model": "rhart-video-v3.1-pro/text-to-video", "prompt": "Waves roll in slowly", "extend_times": "1"],
            ["id": "lite", "model": M.liteT2VOfficial, "prompt": "Fog over the pier at dawn", "extend_times": "1"],
            [
                "id": "own", "model": M.proT2VOfficial, "prompt": "The keeper climbs the stairs", "extend_times": "2",
                "extend_model": "google/veo3.1-fast/video-extend-official-stable", "extend_prompt": "He reaches the lamp room",
            ],
        ])
        #expect(result.rendered == [])
        let byName = Dictionary(uniqueKeysWithValues: result.jobs.map { ($0.outputName, $0) })
        #expect(byName["pro-ext1"]?.endpoint == Self.proExtendPath)
        #expect(byName["pro-ext1"]?.estimatedCost == Decimal(string: "17.4"))
        #expect(byName["lite-ext1"]?.endpoint == Self.fastExtendPath)
        #expect(byName["own-ext2"]?.endpoint == Self.fastExtendPath)
        #expect(byName["own-ext2"]?.parameters["prompt"] == .string("He reaches the lamp room"))
        #expect(byName["own-ext2"]?.dependencies == ["own-ext1"])
        // The pro low-price row renders at its default 720p, and so do its extensions.
        #expect(byName["pro-ext1"]?.parameters["resolution"] == .string("720p"))
    }

    @Test("an extend row may itself use extend_times; other rows may refer to a generated row")
    func generatedRowsJoinOrdinaryChains() throws {
        try fixture.media("clip.mp4", ExtendTestMP4.clip(seconds: 8))
        let result = try validate([
            ["id": "clip", "model": M.fastExtend, "video": "clip.mp4", "extend_times": "2"],
            ["id": "after", "model": M.fastExtend, "video": "@clip-ext2"],
        ])
        #expect(result.rendered == [])
        #expect(result.jobs.map(\.outputName) == ["clip", "clip-ext1", "clip-ext2", "after"])
        #expect(result.jobs[3].dependencies == ["clip-ext2"])
        // No prompt on the row: the extensions send none (it is optional on video-extend).
        #expect(result.jobs[1].parameters["prompt"] == nil)
    }

    @Test("a chain that extend_times would push past 20 extensions is refused at the extend_times column")
    func shorthandRespectsTheChainLimit() throws {
        try fixture.media("clip.mp4", ExtendTestMP4.clip(seconds: 8))
        // The row is extension 1 already; extend_times 20 would make its last extension the 21st.
        let result = try validate([["id": "clip", "model": M.fastExtend, "video": "clip.mp4", "extend_times": "20"]])
        #expect(
            result.rendered == [
                "2:\(column("extend_times")): error: extend_times 20 asks for too much: its extension 20 ('clip-ext20') would be extension 21 of the chain that starts from the clip 'clip.mp4' (8 s) of row 'clip' (line 2); Veo extends a clip at most 20 times (8 s + 20 × 7 s = 148 s); set extend_times to at most 19 on row 'clip'"
            ])
        #expect(result.jobs.isEmpty)
        #expect(try validate([["id": "clip", "model": M.fastExtend, "video": "clip.mp4", "extend_times": "19"]]).rendered == [])
    }

    @Test("bad extend_times values and combinations are errors at their own column")
    func badValuesAreRefused() throws {
        let t2v = "rhart-video-v3.1-fast-official/text-to-video"
        let prompt = "A quiet street at dawn"
        let result = try validate([
            ["id": "zero", "model": t2v, "prompt": prompt, "extend_times": "0"],
            ["id": "many", "model": t2v, "prompt": prompt, "extend_times": "21"],
            ["id": "word", "model": t2v, "prompt": prompt, "extend_times": "three"],
            ["id": "lonely", "model": t2v, "prompt": prompt, "extend_model": Self.fastExtendPath, "extend_prompt": "More of it"],
            ["id": "takes", "model": t2v, "prompt": prompt, "takes": "2", "extend_times": "1"],
            ["id": "notext", "model": t2v, "prompt": prompt, "extend_times": "1", "extend_model": t2v],
            [
                "id": "typo", "model": t2v, "prompt": prompt, "extend_times": "1",
                "extend_model": "rhart-video-v3.1-fast-official/video-extnd",
            ],
            ["id": "big", "model": t2v, "prompt": prompt, "resolution": "4k", "extend_times": "1"],
            ["id": "short", "model": t2v, "prompt": prompt, "extend_times": "1", "extend_prompt": "Go"],
        ])
        let times = column("extend_times")
        #expect(
            result.rendered == [
                "2:\(times): error: extend_times must be a whole number from 1 to 20 (Veo extends a clip at most 20 times), not '0'",
                "3:\(times): error: extend_times must be a whole number from 1 to 20 (Veo extends a clip at most 20 times), not '21'",
                "4:\(times): error: extend_times must be a whole number from 1 to 20 (Veo extends a clip at most 20 times), not 'three'",
                "5:\(column("extend_model")): error: extend_model only applies together with extend_times; set extend_times to the number of extensions or leave extend_model empty",
                "5:\(column("extend_prompt")): error: extend_prompt only applies together with extend_times; set extend_times to the number of extensions or leave extend_prompt empty",
                "6:\(times): error: extend_times cannot be combined with takes 2: a chain of extensions follows one clip; render the takes in a row of their own, then extend the one you like with a video-extend row (video = @ROW)",
                "7:\(column("extend_model")): error: extend_model '\(t2v)' is a text-to-video endpoint; extensions need a video-extend endpoint: rhart-video-v3.1-fast-official/video-extend, google/veo3.1-fast/video-extend-official-stable, rhart-video-v3.1-pro-official/video-extend, google/veo3.1-pro/video-extend-official-stable",
                "8:\(column("extend_model")): error: unknown extend_model 'rhart-video-v3.1-fast-official/video-extnd': did you mean 'rhart-video-v3.1-fast-official/video-extend'?",
                "9:\(column("resolution")): error: extensions keep the clip's resolution, and google/veo3.1-fast/video-extend-official-stable takes 720p or 1080p, not 4k; render this row at one of those to extend it",
                "10:\(column("extend_prompt")): error: extend_prompt is 2 characters long; the extensions (google/veo3.1-fast/video-extend-official-stable) need a prompt of at least 5 characters",
            ])
        #expect(result.jobs.isEmpty)
    }

    @Test("a written id that equals a generated one is refused with both names")
    func generatedIdsMustNotClash() throws {
        let t2v = "rhart-video-v3.1-fast-official/text-to-video"
        let result = try validate([
            ["id": "hero", "model": t2v, "prompt": "A lighthouse beam sweeps the bay", "extend_times": "2"],
            ["id": "HERO-ext2", "model": t2v, "prompt": "Another shot entirely"],
        ])
        #expect(
            result.rendered == [
                "3:1: error: id 'HERO-ext2' (line 3) is also the name extend_times gives extension 2 of row 'hero'; rename the row or lower extend_times"
            ])
    }
}
