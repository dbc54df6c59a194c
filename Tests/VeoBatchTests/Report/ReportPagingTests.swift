import Foundation
import Testing
@testable import VeoBatch

/// The reports of a run are written a page of rows at a time (`ReportStage.pageSize`, 200) so a
/// 10,000-job batch never holds them whole. These tests write them in pages of 5 rows, across
/// page boundaries, and check the files against the report rendered whole.
@Suite("Report: written page by page")
struct ReportPagingTests {
    /// 12 rows (three pages of 5): row 11 fails, and a second take of row 5 makes a row with two
    /// takes at the end of a page. The failed row must come first in report.html although its
    /// page comes last.
    static func pagedRun() async throws -> (batch: TestBatch, date: Date) {
        let batch = try TestBatch()
        let fake = FakeRunningHub()
        await fake.script(prompt: "r11", [.accept(.fails(code: "1501", message: "Blocked by the filter"))])
        var jobs = (1...12).map { TestBatch.job("r\($0)", line: $0 + 1) }
        jobs.insert(TestBatch.job("r5", take: 2, line: 6), at: 5)
        let outcome = try await batch.run(jobs, api: fake, configuration: batch.configuration(concurrency: 4))
        #expect(outcome.jobs.count == 13)
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let journal = try Journal.open(outputDirectory: batch.out)
        let tree = try OutputTree(outputDirectory: batch.out, manifestStem: TestBatch.manifest)
        try ReportStage(journal: journal, tree: tree, extra: [ReportHTML()], pageSize: 5).write(at: date)
        return (batch, date)
    }

    @Test("report.json written in pages is the same document as the whole report encoded at once")
    func jsonAcrossPages() async throws {
        let (batch, date) = try await Self.pagedRun()
        let journal = try batch.journal()
        let tree = try OutputTree(outputDirectory: batch.out, manifestStem: TestBatch.manifest)
        let whole = try JobDocument.encoder().encode(ReportJSON.document(RunReport.load(journal: journal, tree: tree, at: date), tree: tree))
        let streamed = try #require(FileManager.default.contents(atPath: batch.manifestFolder + "/report.json"))
        let parsedStreamed = try #require(try JSONSerialization.jsonObject(with: streamed) as? NSDictionary)
        let parsedWhole = try #require(try JSONSerialization.jsonObject(with: whole) as? NSDictionary)
        #expect(parsedStreamed == parsedWhole)
        #expect((parsedStreamed["jobs"] as? [Any])?.count == 13)
        #expect((parsedStreamed["currentClips"] as? [Any])?.count == 11, "every row but the failed one")
        #expect((parsedStreamed["ledger"] as? [Any])?.count == 13)
        // Pretty-printed like the encoder: the streamed text is the whole encoding, byte for byte.
        #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: whole, as: UTF8.self) + "\n")
    }

    @Test("report.csv and report.html written in pages equal the whole renders; the failed row of the last page comes first")
    func csvAndHTMLAcrossPages() async throws {
        let (batch, date) = try await Self.pagedRun()
        let journal = try batch.journal()
        let tree = try OutputTree(outputDirectory: batch.out, manifestStem: TestBatch.manifest)
        let report = try RunReport.load(journal: journal, tree: tree, at: date)
        let csv = try String(contentsOfFile: batch.manifestFolder + "/report.csv", encoding: .utf8)
        #expect(csv == String(decoding: try ReportCSV().render(report, tree: tree), as: UTF8.self))
        #expect(csv.split(separator: "\n").count == 14, "a header and one line per take")
        let html = try String(contentsOfFile: batch.manifestFolder + "/report.html", encoding: .utf8)
        #expect(html == String(decoding: try ReportHTML().render(report, tree: tree), as: UTF8.self))
        let failed = try #require(html.range(of: "id=\"row-r11\""))
        let first = try #require(html.range(of: "id=\"row-r1\""))
        #expect(failed.lowerBound < first.lowerBound, "rows that need a look come first")
        #expect(html.components(separatedBy: "<article class=\"card").count - 1 == 13)
        #expect(html.contains("<span class=\"chip s-failed\">1 failed</span>"))
    }
}

@Suite("Report: filmstrips made during the run")
struct FilmstripPrefetchTests {
    @Test("A saved clip's filmstrip goes into the preview cache with its probe, in one exchange; the report then reads it without the media worker")
    func prefetchFillsTheCache() async throws {
        let batch = try TestBatch()
        try #require(ManifestSampleMedia.ffmpegPath != nil, "ffmpeg is needed for this test (scripts/lib/deps.sh installs it)")
        try #require(MediaWorker.shared != nil, "veobatch-media is not built beside the tests (swift build --build-tests builds it)")
        let tree = try OutputTree(outputDirectory: batch.out, manifestStem: TestBatch.manifest)
        let clip = batch.root + "/clip.mp4"
        try ManifestSampleMedia.makeRealMP4(at: clip)
        let previews = ReportPreviews(tree: tree)
        let target = try #require(previews.filmstripTarget(sha256: "0123abcd"))
        #expect(target == previews.cacheFolder + "/0123abcd-strip.jpg")
        let probe = try await ClipProber().probe(path: clip, filmstrip: target).get()
        #expect(probe.width > 0 && probe.height > 0)
        let cached = try #require(FileManager.default.contents(atPath: target))
        #expect(cached.starts(with: [0xFF, 0xD8]), "a JPEG")
        #expect(previews.filmstripTarget(sha256: "0123abcd") == nil, "cached: not drawn again")
        #expect(ReportPreviews(tree: tree, worker: nil).filmstripTarget(sha256: "ffff") == nil, "no worker: nothing to draw with")
        let offline = ReportPreviews(tree: tree, worker: nil)
        #expect(offline.filmstrip(of: clip, sha256: "0123abcd") == ReportPreviews.dataURI(cached))
        #expect(offline.filmstrip(of: clip, sha256: "ffff") == nil, "not cached and no worker: no strip")
    }
}
