import Foundation

/// Shared pieces of the cron and drop-folder tests.
enum CronFixture {
    /// Copies the example frames into `scratch` with an old modification time (settled).
    static func frames(in scratch: Scratch, _ names: [String] = ["shot010_start.png", "shot010_end.png", "shot020.jpg"]) throws {
        let example = repositoryRoot.appendingPathComponent("manifests/example")
        for name in names {
            let target = scratch.url.appendingPathComponent(name)
            try FileManager.default.copyItem(at: example.appendingPathComponent(name), to: target)
            try setModified(target.path, secondsAgo: 3600)
        }
    }

    /// Sets a file's modification time explicitly, so no test depends on how fast it runs.
    static func setModified(_ path: String, secondsAgo: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-secondsAgo)], ofItemAtPath: path)
    }

    /// Two rows with frames: `pair` (shot010 start/end) and `single` (shot020.jpg).
    static func frameManifest(in scratch: Scratch, name: String = "drop.csv") throws -> String {
        let text = """
            id,model,prompt,aspect_ratio,resolution,first_frame,last_frame
            pair,rhart-video-v3.1-fast/start-end-to-video,"[pair] Night turns to sunrise over the harbour.",16:9,720p,shot010_start.png,shot010_end.png
            single,rhart-video-v3.1-fast-official/image-to-video,"[single] Slow push-in on the nebula.",16:9,720p,shot020.jpg,

            """
        let path = scratch.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? -1
    }

    /// `status --json` of the folder: output name → state.
    static func states(out: String) async throws -> [String: String] {
        let status = try await runVeobatch(["status", "--out", out, "--json"])
        let rows = try StatusDocument.rows(in: Data(status.stdout.utf8))
        return Dictionary(rows.map { ($0.id, $0.state) }, uniquingKeysWith: { first, _ in first })
    }
}
