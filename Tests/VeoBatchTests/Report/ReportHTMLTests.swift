import Crypto
import Foundation
import Testing
@testable import VeoBatch

@Suite("Report: report.html")
struct ReportHTMLTests {
    /// A tiny file that starts like a PNG (the report picks the element by signature).
    static func png(_ extra: String) -> Data {
        Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(extra.utf8)
    }

    struct Rendered {
        var batch: TestBatch
        var html: String
        var small: String
        var big: String
    }

    /// Four takes: a done with a small frame, b failed with markup in its error, c done with a
    /// prompt full of markup and a big frame, d left pending by the budget.
    static func render() async throws -> Rendered {
        let batch = try TestBatch()
        let small = batch.root + "/media/small.png"
        let big = batch.root + "/media/big frame #1.png"
        try png("small").write(to: URL(fileURLWithPath: small))
        try png(String(repeating: "b", count: 600)).write(to: URL(fileURLWithPath: big))
        let fake = FakeRunningHub()
        await fake.script(prompt: "b", [.accept(.fails(code: "1501", message: "Blocked: <img src=x onerror=alert(1)>"))])
        let hostile = "<script>alert(\"x\")</script> & \"quotes\"\nsecond line"
        var configuration = batch.configuration(maxCost: 25)
        configuration.extraReports = [ReportHTML(embedLimit: 200)]
        let outcome = try await batch.run(
            [
                TestBatch.job("a", firstFrame: small, cost: 5), TestBatch.job("b", line: 3, cost: 5),
                TestBatch.job("c", line: 4, prompt: hostile, firstFrame: big, cost: 5), TestBatch.job("d", line: 5, cost: 20),
            ], api: fake, configuration: configuration)
        #expect(outcome.reportFiles.last == batch.manifestFolder + "/report.html")
        let html = try String(contentsOfFile: batch.manifestFolder + "/report.html", encoding: .utf8)
        return Rendered(batch: batch, html: html, small: small, big: big)
    }

    @Test("Clips play from a relative path; every state has its card; errors and carried columns show")
    func cards() async throws {
        let page = try await Self.render()
        let html = page.html
        #expect(html.contains("<video controls preload=\"metadata\" src=\"a/a.mp4\"></video>"))
        #expect(html.contains("<video controls preload=\"metadata\" src=\"c/c.mp4\"></video>"))
        #expect(html.components(separatedBy: "<article class=\"card").count - 1 == 4)
        #expect(html.contains("<article class=\"card s-failed\" id=\"take-b\">"))
        #expect(html.contains("No clip yet (pending)."))
        #expect(html.contains("<p class=\"error\"><strong>1501</strong> Task "))
        #expect(html.contains("with error 1501: Blocked: &lt;img src=x onerror=alert(1)&gt;</p>"))
        #expect(html.contains("x_shot: S-a · note: take care, &quot;quoted&quot;"))
        #expect(html.contains("<span class=\"chip s-done\">2 done</span>"))
        #expect(html.contains("<span class=\"chip s-failed\">1 failed</span>"))
        #expect(html.contains("<dt>Submitted</dt><dd><time datetime=\""))
        #expect(html.contains("<dt>Task time</dt><dd>1 min 23 s</dd>"), "the fake reports taskCostTime 83")
    }

    @Test("Everything from the manifest is escaped: a prompt with <script> stays text")
    func escaping() async throws {
        let html = try await Self.render().html
        #expect(
            html.contains("<p class=\"prompt\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;\nsecond line</p>")
        )
        // Our self-test script is the only one, and only its hash may run.
        #expect(html.components(separatedBy: "<script").count - 1 == 1)
        #expect(!html.contains("<img src=x"))
        let script = try #require(
            html.range(of: "<script>").flatMap { open in
                html.range(of: "</script>", range: open.upperBound..<html.endIndex).map { String(html[open.upperBound..<$0.lowerBound]) }
            })
        let hash = Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
        #expect(html.contains("script-src &#39;sha256-\(hash)&#39;"))
    }

    @Test("No network: inline style, a policy that forbids requests, no remote references")
    func selfContained() async throws {
        let html = try await Self.render().html
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;"))
        #expect(html.contains("<style>"))
        for remote in ["src=\"http", "src=\"//", "<link", "@import", "url(", "href=\"http"] {
            #expect(!html.contains(remote), "found \(remote)")
        }
    }

    @Test("Small input images are embedded, big ones linked relative to the report, changed ones flagged")
    func thumbnails() async throws {
        let page = try await Self.render()
        #expect(
            page.html.contains(
                "<img src=\"data:image/png;base64,\(Self.png("small").base64EncodedString())\" alt=\"first frame: small.png\">"))
        #expect(
            page.html.contains("<img src=\"../../media/big%20frame%20%231.png\" alt=\"first frame: big frame #1.png\" loading=\"lazy\">"))
        #expect(page.html.contains("<figcaption title=\"\(page.small)\"><b>first frame</b><br>small.png</figcaption>"))

        // The frame changes after the run: the report no longer passes it off as the one used.
        try Self.png("other").write(to: URL(fileURLWithPath: page.small))
        let journal = try page.batch.journal()
        let tree = try OutputTree(outputDirectory: page.batch.out, manifestStem: TestBatch.manifest)
        let again = String(decoding: try ReportHTML().render(try RunReport.load(journal: journal, tree: tree), tree: tree), as: UTF8.self)
        #expect(again.contains("<img src=\"../../media/small.png\" alt=\"first frame: small.png\" loading=\"lazy\">"))
        #expect(again.contains("small.png <span class=\"changed\">(changed since)</span>"))
    }

    @Test("Estimated and charged cost side by side, per take and in total")
    func cost() async throws {
        let html = try await Self.render().html
        // The fake charges 4.7 CNY where 5 (a list price) was estimated; the failed task reported no
        // charge, so its estimate stands in, marked so.
        #expect(html.contains("<dt>Estimated</dt><dd>5 CNY (list price, unverified)</dd><dt>Charged</dt><dd>4.7 CNY <span class=\"diff\">(-0.3 vs estimate)</span></dd>"))
        #expect(html.contains("<dt>Charged</dt><dd>pending (the estimate stands in)</dd>"))
        #expect(html.contains("<dt>Spent</dt><dd>14.4 CNY <small>on 3 tasks: 2 charged, 1 estimate standing in</small></dd>"))
    }

    @Test("Field names read as words")
    func fieldLabels() {
        #expect(ReportHTMLCard.fieldLabel("firstFrameUrl") == "first frame")
        #expect(ReportHTMLCard.fieldLabel("imageUrls") == "image")
        #expect(ReportHTMLCard.fieldLabel("video") == "video")
        #expect(ReportHTMLCard.fieldLabel("lastImageUrl") == "last image")
    }
}
