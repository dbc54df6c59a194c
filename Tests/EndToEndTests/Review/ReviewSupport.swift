import Foundation
import Testing
import TestSupport

/// The timeline as the real OpenTimelineIO library reads it (`Tests/Fixtures/read_timeline.py`).
struct ReadTimeline: Decodable {
    struct Item: Decodable {
        var schema: String
        var name: String
        var seconds: Double
        var rate: Double
        var markers: [String]
        var reference: String?
        var url: String?
        var generator: String?
    }

    var name: String
    var videoTracks: Int
    var items: [Item]
}

/// The Python that has `opentimelineio` and `otio-cmx3600-adapter`: `VEOBATCH_TEST_PYTHON`, else
/// the virtual environment `scripts/lib/deps.sh` makes (`.build/test-python`), else `python3` on
/// PATH. Never a reason to skip: the export tests fail when none of them can read a timeline.
func timelinePython() -> String {
    if let explicit = ProcessInfo.processInfo.environment["VEOBATCH_TEST_PYTHON"] { return explicit }
    let venv = repositoryRoot.appendingPathComponent(".build/test-python/bin/python3").path
    if FileManager.default.isExecutableFile(atPath: venv) { return venv }
    return "/usr/bin/env"
}

/// Reads `file` with the real OTIO readers; fails the test (never skips) when they are missing.
func readTimeline(_ file: String, rate: Int = 24) async throws -> ReadTimeline {
    let python = timelinePython()
    let script = repositoryRoot.appendingPathComponent("Tests/Fixtures/read_timeline.py").path
    let arguments = (python == "/usr/bin/env" ? ["python3"] : []) + [script, file, String(rate)]
    let result = try await runTool(python, arguments)
    try #require(
        result.exitCode == 0,
        "The OpenTimelineIO reader failed (scripts/test.sh installs `opentimelineio` and `otio-cmx3600-adapter`; VEOBATCH_TEST_PYTHON picks the Python): \(result.stderr)"
    )
    return try JSONDecoder().decode(ReadTimeline.self, from: Data(result.stdout.utf8))
}

/// ffmpeg is needed by the report tests: they fail, loudly, without it.
func requireFFmpeg() throws {
    try #require(
        FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") && FileManager.default.isExecutableFile(atPath: "/usr/bin/ffprobe"),
        "ffmpeg and ffprobe are required (apt-get install -y ffmpeg; scripts/test.sh does it).")
}

/// `status --json` of a folder as plain objects: the first manifest.
func statusManifest(_ out: String) async throws -> [String: Any] {
    let status = try await runVeobatch(["status", "--out", out, "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
    let manifests = object?["manifests"] as? [[String: Any]] ?? []
    return try #require(manifests.first, "status --json: \(status.stdout) \(status.stderr)")
}

/// The example manifest's row ids in manifest order.
let exampleRows = ["opening", "title-card", "shot010", "shot020", "shot020-lowprice", "shot030", "shot040", "shot040-more", "shot050"]
