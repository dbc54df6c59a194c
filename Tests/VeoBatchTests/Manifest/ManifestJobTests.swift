import Foundation
import Testing
@testable import VeoBatch

/// A clean manifest becomes exactly the jobs the run should submit.
@Suite("ManifestValidator jobs")
struct ManifestJobTests {
    let fixture: ManifestFixture
    typealias M = ManifestTestModels

    init() throws {
        fixture = try ManifestFixture()
    }

    private var root: String { fixture.folder.path }

    @Test func cleanManifestBecomesTypedJobsWithPrices() throws {
        try fixture.media("frames/pair_start.png")
        try fixture.media("frames/pair_end.jpg")
        try fixture.media("refs/bg.png")
        try fixture.media("refs/c1.png")
        try fixture.media("cat.png")
        let detector = FakeFileTypeDetector(types: ["pair_end.jpg": FakeFileTypeDetector.jpeg])
        let csv = """
            id,model,prompt,duration,resolution,generate_audio,seed,first_frame,last_frame,reference_images,video,takes,x_scene,note
            hero,\(M.proT2VOfficial),A hero walks into the light,8,,true,,,,,,,sc1,first
            pair,\(M.fastI2VOfficial),The detective looks up,6,1080P,FALSE,42,frames/pair_start.png,frames/pair_end.jpg,,,2,,
            refs,\(M.proReference),Three friends on a bench,,,,,,,refs/bg.png; refs/c1.png,,,,
            cheap,\(M.proStartEndLow),Sunrise over the hills,,4k,,,https://cdn.example.com/a.png,,,,,,
            more,\(M.fastExtend),Continue the scene,,,,,,,,@pair,,,
            cat,\(M.fastI2VLow),A cat dances happily,,,,,cat.png,,,,3,,

            """
        let result = try fixture.validate(csv, detector: detector)
        #expect(result.rendered == [])
        #expect(result.isValid)
        let jobs = result.jobs
        #expect(jobs.map(\.outputName) == ["hero", "pair", "pair-take2", "refs", "cheap", "more", "cat", "cat-take2", "cat-take3"])

        #expect(jobs[0] == JobSpec(
            rowID: "hero", take: 1, endpoint: "rhart-video-v3.1-pro-official/text-to-video",
            parameters: ["prompt": .string("A hero walks into the light"), "aspectRatio": .string("9:16"), "duration": .string("8"),
                         "resolution": .string("720p"), "generateAudio": .bool(true)],
            media: [], estimatedCost: Decimal(string: "18.80"), outputName: "hero", line: 2))

        let pairMedia = [
            MediaInput(field: "imageUrl", isList: false, source: .file(path: root + "/frames/pair_start.png")),
            MediaInput(field: "lastImageUrl", isList: false, source: .file(path: root + "/frames/pair_end.jpg")),
        ]
        let pairParameters: [String: JSONValue] = [
            "prompt": .string("The detective looks up"), "aspectRatio": .string("9:16"), "duration": .string("6"),
            "resolution": .string("1080p"), "generateAudio": .bool(false), "seed": .int(42),
        ]
        #expect(jobs[1] == JobSpec(rowID: "pair", take: 1, endpoint: "rhart-video-v3.1-fast-official/image-to-video",
                                   parameters: pairParameters, media: pairMedia, estimatedCost: Decimal(string: "3.52"),
                                   outputName: "pair", line: 3))
        var take2 = pairParameters
        take2["seed"] = .int(43)
        #expect(jobs[2] == JobSpec(rowID: "pair", take: 2, endpoint: "rhart-video-v3.1-fast-official/image-to-video",
                                   parameters: take2, media: pairMedia, estimatedCost: Decimal(string: "3.52"),
                                   outputName: "pair-take2", line: 3))

        #expect(jobs[3].parameters == ["prompt": .string("Three friends on a bench"), "resolution": .string("1080p"), "generateAudio": .bool(false)])
        #expect(jobs[3].media == [
            MediaInput(field: "imageUrls", isList: true, source: .file(path: root + "/refs/bg.png")),
            MediaInput(field: "imageUrls", isList: true, source: .file(path: root + "/refs/c1.png")),
        ])
        #expect(jobs[3].estimatedCost == Decimal(string: "9.40"))

        #expect(jobs[4].parameters == ["prompt": .string("Sunrise over the hills"), "aspectRatio": .string("9:16"),
                                       "duration": .string("8"), "resolution": .string("4k")])
        #expect(jobs[4].media == [MediaInput(field: "firstFrameUrl", isList: false, source: .url("https://cdn.example.com/a.png"))])
        #expect(jobs[4].estimatedCost == Decimal(string: "1.40"))

        #expect(jobs[5].endpoint == "rhart-video-v3.1-fast-official/video-extend")
        #expect(jobs[5].parameters == ["prompt": .string("Continue the scene"), "resolution": .string("720p")])
        #expect(jobs[5].media == [MediaInput(field: "video", isList: false, source: .rowOutput(rowID: "pair"))])
        #expect(jobs[5].dependencies == ["pair"])
        #expect(jobs[5].estimatedCost == Decimal(string: "6.56"))

        // Low-price endpoints take no seed: takes are independent renders without one.
        for job in jobs[6...8] {
            #expect(job.parameters == ["prompt": .string("A cat dances happily"), "aspectRatio": .string("16:9"),
                                       "duration": .string("8"), "resolution": .string("720p")])
            #expect(job.media == [MediaInput(field: "imageUrls", isList: true, source: .file(path: root + "/cat.png"))])
            #expect(job.estimatedCost == Decimal(string: "0.20"))
            #expect(job.line == 7)
        }
        #expect(result.estimatedTotal == Decimal(string: "43.80"))
        #expect(result.summary(path: "m.csv") == "m.csv: OK, 6 rows → 9 jobs, estimated 43.80 CNY")
        #expect(result.rows[0].carried == [CarriedColumn(name: "x_scene", value: "sc1"), CarriedColumn(name: "note", value: "first")])
    }

    @Test func takesOfASeededRowWithoutSeedGetStableDistinctSeeds() throws {
        let csv = "id,model,prompt,takes\ntrio,\(M.proT2VOfficial),Three takes of the same shot,3\n"
        let first = try fixture.validate(csv).jobs
        let again = try fixture.validate(csv).jobs
        let seeds = first.compactMap { job -> Int64? in if case .int(let seed)? = job.parameters["seed"] { seed } else { nil } }
        let base = Int64(SeedPlan.stableHash("trio") % 2_147_483_648)
        // Take 1 sends no seed, as it would with takes 1 (so raising takes never changes it);
        // takes 2 and 3 get the stable hash + 1, + 2.
        #expect(first.first?.parameters["seed"] == nil)
        #expect(seeds == [base + 1, base + 2])
        #expect(first == again)
        let single = try fixture.validate("id,model,prompt\ntrio,\(M.proT2VOfficial),Three takes of the same shot\n").jobs
        #expect(single.first?.parameters == first.first?.parameters)
        #expect(first.map(\.estimatedCost) == Array(repeating: Decimal(string: "9.40"), count: 3))
    }

    @Test func seedPlanWrapsAtTheTopOfTheRange() throws {
        let lite = try #require(fixture.table.endpoint(named: M.liteStartEnd)?.field("seed"))
        #expect(SeedPlan.seed(take: 1, of: 1, given: nil, rowID: "a", field: lite) == nil)
        #expect(SeedPlan.seed(take: 1, of: 1, given: 7, rowID: "a", field: lite) == 7)
        #expect(SeedPlan.seed(take: 1, of: 3, given: 2_147_483_646, rowID: "a", field: lite) == 2_147_483_646)
        #expect(SeedPlan.seed(take: 2, of: 3, given: 2_147_483_646, rowID: "a", field: lite) == 2_147_483_647)
        #expect(SeedPlan.seed(take: 3, of: 3, given: 2_147_483_646, rowID: "a", field: lite) == 0)
        #expect(SeedPlan.stableHash("trio") == SeedPlan.stableHash("trio"))
        #expect(SeedPlan.stableHash("trio") != SeedPlan.stableHash("tri0"))
    }

    @Test func validationWithErrorsProducesNoJobs() throws {
        let result = try fixture.validate("id,model,prompt\na,\(M.proT2VOfficial),A valid prompt\nb,\(M.proT2VOfficial),bad\n")
        #expect(!result.isValid)
        #expect(result.jobs.isEmpty)
        #expect(result.rows.count == 2)
    }

    @Test func tenThousandRowsWithSharedFiles() throws {
        try fixture.media("start.png")
        try fixture.media("end.png")
        var lines = ["id,model,prompt,first_frame,last_frame,resolution,x_batch"]
        lines.reserveCapacity(10_001)
        for index in 0..<10_000 {
            if index.isMultiple(of: 2) {
                lines.append("s\(index),\(M.proStartEndLow),\"Shot \(index), from start to end\",start.png,end.png,1080p,b\(index % 7)")
            } else {
                lines.append("t\(index),\(M.fastT2VLow),A text-only shot number \(index),,,720p,b\(index % 7)")
            }
        }
        try fixture.folder.write("manifest.csv", text: lines.joined(separator: "\n") + "\n")
        let detector = FakeFileTypeDetector()
        let result = fixture.validateWritten(detector: detector)
        #expect(result.rendered == [])
        #expect(result.jobs.count == 10_000)
        #expect(result.jobs.last?.line == 10_001)
        #expect(detector.callCounts.count == 2)
        // 5,000 × 1.00 (pro low-price 1080p) + 5,000 × 0.20 (fast low-price 720p)
        #expect(result.estimatedTotal == Decimal(6000))
    }
}
