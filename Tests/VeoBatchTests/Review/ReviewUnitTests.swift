import Foundation
import Testing
import TestSupport
@testable import VeoBatch

@Suite("Review: probes, checks, versions, links, timecode")
struct ReviewUnitTests {
    /// A probe as journals and sidecars hold it (written since issue 13, when ffprobe read it).
    static let storedProbe = #"{"durationSeconds":8,"frameRate":"24\/1","hasAudio":true,"height":720,"videoCodec":"h264","width":1280}"#

    @Test("A stored probe reads back: duration, size, the exact frame rate and audio")
    func readsStoredProbe() throws {
        let probe = try JSONDecoder().decode(ClipProbe.self, from: Data(Self.storedProbe.utf8))
        #expect(probe == ClipProbe(durationSeconds: 8, width: 1280, height: 720, frameRate: "24/1", hasAudio: true, videoCodec: "h264"))
        #expect(probe.framesPerSecond == 24)
        #expect(probe.summary == "8 s · 1280×720 · 24 fps · audio")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(probe), as: UTF8.self) == Self.storedProbe)
    }

    @Test("A clip is checked against the request, falling back to the endpoint's defaults")
    func checksAgainstRequest() {
        let probe = ClipProbe(durationSeconds: 3.02, width: 1920, height: 1080, frameRate: "24/1", hasAudio: false, videoCodec: "h264")
        let body: JSONValue = .object(["duration": .string("8"), "resolution": .string("720p"), "generateAudio": .bool(true)])
        let found = ClipCheck.mismatches(probe: probe, endpoint: "rhart-video-v3.1-fast-official/text-to-video", requestBody: body)
        #expect(found.map(\.field) == ["duration", "resolution", "audio"])
        #expect(found.map(\.description) == ["duration 3.02 s, asked 8 s", "resolution 1920×1080, asked 720p", "audio no audio, asked with audio"])
        // Within half a second, the right short side (portrait too), the asked audio: nothing to flag.
        let fine = ClipProbe(durationSeconds: 8.04, width: 720, height: 1280, frameRate: "24/1", hasAudio: true, videoCodec: nil)
        #expect(ClipCheck.mismatches(probe: fine, endpoint: "rhart-video-v3.1-fast-official/text-to-video", requestBody: body).isEmpty)
        // The low-price text-to-video asks 8 s by default even when the body leaves it out.
        let short = ClipProbe(durationSeconds: 3, width: 1280, height: 720, frameRate: "24/1", hasAudio: true, videoCodec: nil)
        #expect(ClipCheck.mismatches(probe: short, endpoint: "rhart-video-v3.1-fast/text-to-video", requestBody: .object([:])).map(\.field) == ["duration"])
    }

    @Test("Versions are read from file names; the current clip is the selection, else take 1's newest")
    func versionsAndCurrent() {
        func job(_ id: Int64, take: Int, path: String?, current: Bool) -> JobRecord {
            var record = try! JobFlow.newRecord(
                JobSpec(
                    rowID: "a", take: take, endpoint: "rhart-video-v3.1-fast/text-to-video", parameters: [:], media: [],
                    estimatedCost: nil, outputName: take == 1 ? "a" : "a-take\(take)", line: 2), manifest: "m", inputs: [], fingerprint: "f\(id)", state: .done)
            record.id = id
            record.outputPath = path
            record.isCurrent = current
            return record
        }
        let jobs = [
            job(1, take: 1, path: "m/a/a.mp4", current: false), job(2, take: 2, path: "m/a/a-take2.mp4", current: true),
            job(3, take: 1, path: "m/a/a.v2.mp4", current: true),
        ]
        let versions = ClipVersions.of(rowJobs: jobs)
        #expect(versions.map { "\($0.take).\($0.version)" } == ["1.1", "1.2", "2.1"])
        #expect(ClipVersions.current(versions: versions, selection: nil)?.clip.outputPath == "m/a/a.v2.mp4")
        let pick = SelectionRecord(manifest: "m", rowID: "a", take: 1, version: 1, chosenAt: Date())
        #expect(ClipVersions.current(versions: versions, selection: pick)?.clip.outputPath == "m/a/a.mp4")
        #expect(ClipVersions.current(versions: versions, selection: pick)?.chosen == true)
        var missing = pick
        missing.version = 5
        #expect(ClipVersions.current(versions: versions, selection: missing) == nil)
        #expect(ClipVersions.version(ofFile: "a-take2.v13.mp4") == 13)
    }

    @Test("A report page's versions read the same whether the take's own entry lends its decoded body and probe or not")
    func versionsReuseTheirEntry() throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let tree = try OutputTree(outputDirectory: scratch.path, manifestStem: "m")
        func job(_ id: Int64, path: String, seed: Int, seconds: Double, current: Bool) throws -> JobRecord {
            var record = try JobFlow.newRecord(
                JobSpec(
                    rowID: "a", take: 1, endpoint: "rhart-video-v3.1-fast-official/text-to-video", parameters: [:], media: [],
                    estimatedCost: nil, outputName: "a", line: 2), manifest: "m", inputs: [], fingerprint: "f\(id)", state: .done)
            record.id = id
            record.outputPath = path
            record.isCurrent = current
            record.requestBodyJSON = #"{"duration":"8","resolution":"720p","seed":\#(seed)}"#
            record.probeJSON = #"{"durationSeconds":\#(seconds),"frameRate":"24\/1","hasAudio":true,"height":720,"width":1280}"#
            return record
        }
        let jobs = [try job(1, path: "m/a/a.mp4", seed: 7, seconds: 8, current: false), try job(2, path: "m/a/a.v2.mp4", seed: 9, seconds: 3, current: true)]
        let row = RowRecord(manifest: "m", rowID: "a", line: 2, prompt: "p", carriedJSON: "[]", takes: 1, active: true, updatedAt: Date())
        let page = RunReport.page(rows: [row], jobs: jobs, selections: [:], tree: tree, at: Date())
        let versions = try #require(page.entries.first?.versions)
        let current = ClipVersions.current(versions: ClipVersions.of(rowJobs: jobs), selection: nil)
        let longWay = ClipVersions.of(rowJobs: jobs).map { RunReport.version(of: $0, current: current, tree: tree) }
        #expect(versions.map(\.clip) == ["a/a.mp4", "a/a.v2.mp4"] && versions.map(\.clip) == longWay.map(\.clip))
        #expect(versions.map(\.seed) == [7, 9] && versions.map(\.seed) == longWay.map(\.seed))
        #expect(versions.map(\.probe) == longWay.map(\.probe) && versions.map(\.probe?.durationSeconds) == [8, 3])
        #expect(versions.map { $0.mismatches.map(\.field) } == [[], ["duration"]])
        #expect(versions.map(\.mismatches) == longWay.map(\.mismatches))
        #expect(versions.map(\.isRowClip) == [false, true] && versions.map(\.date) == longWay.map(\.date))
        #expect(page.rowClips["a"]?.probe?.durationSeconds == 3, "the row clip's probe is the current version's")
    }

    @Test("The current-clip link is replaced atomically, never replaces a real file, and goes when there is no clip")
    func currentClipLink() throws {
        let scratch = try TemporaryFolder(prefix: "veobatch-link")
        defer { scratch.remove() }
        let folder = scratch.path
        try Data("one".utf8).write(to: URL(fileURLWithPath: folder + "/a.mp4"))
        try Data("two".utf8).write(to: URL(fileURLWithPath: folder + "/a.v2.mp4"))
        let link = folder + "/a.current.mp4"
        #expect(CurrentClipLink.update(link: link, target: folder + "/a.mp4") == .symbolicLink)
        #expect(CurrentClipLink.update(link: link, target: folder + "/a.mp4") == .unchanged)
        #expect(CurrentClipLink.update(link: link, target: folder + "/a.v2.mp4") == .symbolicLink)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "a.v2.mp4")
        #expect(FileManager.default.contents(atPath: folder + "/a.mp4") == Data("one".utf8), "the old clip is untouched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.current.mp4", "a.mp4", "a.v2.mp4"])
        #expect(CurrentClipLink.update(link: link, target: nil) == .removed)
        // A real file someone left under the link's name is never replaced.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: link))
        if case .unsupported = CurrentClipLink.update(link: link, target: folder + "/a.mp4") {} else { Issue.record("replaced a file") }
        #expect(FileManager.default.contents(atPath: link) == Data("mine".utf8))
    }

    @Test("EDL timecode is HH:MM:SS:FF at the timeline's rate")
    func timecode() {
        #expect(EDLExport.timecode(0, 24) == "00:00:00:00")
        #expect(EDLExport.timecode(3600 * 24 + 24 * 61 + 5, 24) == "01:01:01:05")
        #expect(EDLExport.oneLine("a\nb\tc") == "a b c")
    }
}
