import Foundation
import RunningHubSimulator
import Testing

/// Debian's `chromium` package; without it the browser tests fail (a check that cannot run never passes).
let chromiumPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// report.html as a producer sees it: a real browser opens the file from disk.
@Suite("Studio: report.html in a real browser")
struct StudioReportBrowserTests {
    /// What the page's own self-test (`report.html#selftest`) writes into `<pre id="selftest">`.
    struct SelfTest: Decodable {
        struct Video: Decodable {
            var src: String
            var readyState: Int
            var duration: Double?
            var width: Int
            var error: Int?
        }

        struct Image: Decodable {
            var src: String
            var complete: Bool
            var width: Int
        }

        var videos: [Video]
        var images: [Image]
        var errors: [String]
    }

    static func chromiumArguments(profile: String) -> [String] {
        [
            "--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars", "--mute-audio",
            "--user-data-dir=\(profile)", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000",
        ]
    }

    @Test(
        "Headless Chromium renders the report of a real run: every video loads its metadata, every image shows, no console errors"
    )
    func rendersInChromium() async throws {
        let chromium = try #require(chromiumPath, "Chromium is not installed (scripts/test.sh installs Debian's chromium): report.html cannot be checked")
        // The first task RunningHub accepts fails, so the page has a failed card beside the clips.
        let run = try await RenderedExample.run(["--quiet"], faults: [ScriptedFault(route: .submit, fault: .failTask(code: "1501"))])
        defer { run.scratch.remove() }
        #expect(run.result.exitCode == 1, "stderr: \(run.result.stderr)")
        let report = run.reportFolder + "/report.html"
        #expect(FileManager.default.fileExists(atPath: report))
        let profile = run.scratch.path("chromium-profile")
        let url = URL(fileURLWithPath: report).absoluteString

        let dump = try await runTool(chromium, Self.chromiumArguments(profile: profile) + ["--dump-dom", url + "#selftest"])
        #expect(dump.exitCode == 0, "chromium failed: \(dump.stderr)")
        let json = try #require(Self.selfTestText(in: dump.stdout), "the page's self-test did not finish; stderr:\n\(dump.stderr)")
        let artifacts = try artifactFolder("studio")
        try Data(json.utf8).write(to: URL(fileURLWithPath: artifacts + "/report-selftest.json"))
        let result = try JSONDecoder().decode(SelfTest.self, from: Data(json.utf8))

        // Nine clips (one task failed), plus the clip shot040 extends and the clip of shot040 that
        // shot040-more extends (when those two rows were not the one that failed).
        let clips = Set(files(in: run.reportFolder, endingWith: ".mp4").map { String($0.dropFirst(run.reportFolder.count + 1)) })
        let failed = dump.stdout.components(separatedBy: "<article class=\"card s-failed\"").count - 1
        let blocked = dump.stdout.components(separatedBy: "<article class=\"card s-blocked\"").count - 1
        #expect(failed == 1, "one failed card expected")
        #expect(dump.stdout.contains("<p class=\"error\"><strong>1501</strong>"))
        #expect(clips.count == 10 - failed - blocked)
        #expect(clips.isSubset(of: Set(result.videos.map(\.src))), "\(result.videos.map(\.src))")
        // Input clips are shown as embedded stills now, so the only players are the results.
        #expect(result.videos.count == clips.count)
        for video in result.videos {
            #expect(video.readyState >= 1 && (video.duration ?? 0) > 0 && video.width > 0 && video.error == nil, "\(video)")
        }
        // Nine input frames (start/end pairs, single frames, three references), a still of each
        // input clip (shot040's file, and shot040's result unless shot040-more is blocked), and a
        // filmstrip per clip: all embedded, all drawn.
        let inputStills = 9 + 1 + (blocked == 0 ? 1 : 0)
        #expect(result.images.count == inputStills + clips.count, "\(result.images.map(\.src))")
        #expect(result.images.allSatisfy { $0.complete && $0.width > 0 }, "\(result.images)")
        #expect(result.images.allSatisfy { $0.src.hasPrefix("data:image/jpeg;base64,") })
        #expect(result.errors.isEmpty, "\(result.errors)")
        // Chromium logs every console message (and any policy violation) as a CONSOLE line.
        let console = dump.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "\(console)")

        // A screenshot for a person to look at; kept under .build/test-artifacts, not in git.
        let screenshot = artifacts + "/report.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        // `#still` loads the clips whole: virtual time waits for the loads, so every clip has painted
        // its first frame when the picture is taken (the assertions above never depend on it).
        let shot = try await runTool(
            chromium, Self.chromiumArguments(profile: profile) + ["--window-size=1400,3200", "--screenshot=\(screenshot)", url + "#still"])
        #expect(shot.exitCode == 0, "chromium failed: \(shot.stderr)")
        let png = try #require(FileManager.default.contents(atPath: screenshot), "no screenshot at \(screenshot)")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000, "the screenshot is suspiciously small (\(png.count) bytes)")
    }

    @Test(
        "report.html copied alone to another folder still shows every thumbnail and filmstrip; each picture is a few KB"
    )
    func travelsAlone() async throws {
        let chromium = try #require(chromiumPath, "Chromium is not installed (scripts/test.sh installs Debian's chromium): report.html cannot be checked")
        try requireFFmpeg()
        let run = try await RenderedExample.run(["--quiet"])
        defer { run.scratch.remove() }
        #expect(run.result.exitCode == 0, "stderr: \(run.result.stderr)")
        let elsewhere = run.scratch.path("mailed")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: run.reportFolder + "/report.html", toPath: elsewhere + "/report.html")
        let html = try String(contentsOfFile: elsewhere + "/report.html", encoding: .utf8)
        // Every picture is embedded and small, whatever the size of the plate it shows.
        let pictures = html.components(separatedBy: "src=\"data:image/jpeg;base64,").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        let clips = files(in: run.reportFolder, endingWith: ".mp4")
        #expect(pictures.count == 11 + clips.count, "11 input stills and one filmstrip per clip")
        for picture in pictures {
            let bytes = try #require(Data(base64Encoded: picture))
            #expect(bytes.count < 16 * 1024, "an embedded picture of \(bytes.count) bytes")
        }
        #expect(html.components(separatedBy: "class=\"filmstrip\"").count - 1 == clips.count)
        #expect(html.contains("Content-Security-Policy"))

        let profile = run.scratch.path("chromium-profile")
        let url = URL(fileURLWithPath: elsewhere + "/report.html").absoluteString
        let dump = try await runTool(chromium, Self.chromiumArguments(profile: profile) + ["--dump-dom", url + "#selftest"])
        #expect(dump.exitCode == 0, "chromium failed: \(dump.stderr)")
        let json = try #require(Self.selfTestText(in: dump.stdout), "the page's self-test did not finish; stderr:\n\(dump.stderr)")
        let result = try JSONDecoder().decode(SelfTest.self, from: Data(json.utf8))
        #expect(result.images.count == pictures.count)
        #expect(result.images.allSatisfy { $0.complete && $0.width > 0 }, "\(result.images)")
        // The clips themselves stay beside the original report: only they fail to load here.
        #expect(result.errors.allSatisfy { $0.hasPrefix("could not load video") }, "\(result.errors)")
    }

    /// The text of `<pre id="selftest">` in a DOM dump, entities undone.
    static func selfTestText(in dom: String) -> String? {
        guard let open = dom.range(of: "<pre id=\"selftest\">"),
            let close = dom.range(of: "</pre>", range: open.upperBound..<dom.endIndex)
        else { return nil }
        return String(dom[open.upperBound..<close.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
