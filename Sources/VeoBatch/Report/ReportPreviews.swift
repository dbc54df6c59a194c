import Foundation
import Synchronization

/// The small pictures `report.html` embeds so it still shows everything when copied alone: a
/// thumbnail of each input (a JPEG about 160 px wide, a few KB whatever the plate size; a still
/// for video inputs) and a filmstrip of each clip (five frames side by side), made with ffmpeg.
///
/// Pictures are cached by the content hash in `OUT/.veobatch/previews/`, so a rerun makes only
/// the new ones; a clip's filmstrip is made as soon as it is saved (`prepareFilmstrip`). ffmpeg
/// runs synchronously at report time (Foundation's `Process`): reports are written from
/// synchronous code, and a cached report costs nothing. Without ffmpeg, the report says so
/// and falls back to embedding small originals and linking the rest.
struct ReportPreviews: Sendable {
    let ffmpeg: FFmpegTool?
    let cacheFolder: String

    static let thumbnailWidth = 160
    static let filmstripFrames = 5
    static let filmstripFrameWidth = 96

    init(tree: OutputTree, ffmpeg: FFmpegTool? = FFmpegTool.locate(.ffmpeg)) {
        self.ffmpeg = ffmpeg
        cacheFolder = (Journal.folder(outputDirectory: tree.outputDirectory) as NSString).appendingPathComponent("previews")
    }

    static let missingNotice =
        "ffmpeg was not found (install ffmpeg, or set VEOBATCH_FFMPEG): report.html embeds small originals instead of thumbnails, and clips have no filmstrip."

    /// A JPEG thumbnail of an image or a video's first frame, as a `data:` URI.
    func thumbnail(of path: String, sha256: String?) -> String? {
        picture(of: path, key: sha256.map { "\($0)-thumb" }, filter: "scale=\(Self.thumbnailWidth):-2")
    }

    /// Five frames of a clip spread over its length, side by side in one JPEG, as a `data:` URI.
    func filmstrip(of path: String, sha256: String?, seconds: Double?) -> String? {
        picture(of: path, key: sha256.map(Self.filmstripKey), filter: Self.filmstripFilter(seconds: seconds))
    }

    /// Makes a clip's filmstrip into the cache as soon as the clip is saved, in the job's own
    /// flow and beside the other jobs: the report at the end of a 10,000-job run then reads
    /// pictures instead of running ffmpeg 10,000 times one after the other. A failure here is
    /// left for the report, which tries again and says what is missing.
    func prepareFilmstrip(of path: String, sha256: String, seconds: Double?) async {
        guard let ffmpeg else { return }
        let cached = cachePath(Self.filmstripKey(sha256))
        guard !FileManager.default.fileExists(atPath: cached) else { return }
        guard let data = try? await ffmpeg.run(Self.arguments(path, filter: Self.filmstripFilter(seconds: seconds))),
              data.starts(with: [0xFF, 0xD8])
        else { return }
        store(data, at: cached)
    }

    static func filmstripKey(_ sha256: String) -> String { "\(sha256)-strip" }

    static func filmstripFilter(seconds: Double?) -> String {
        let length = max(seconds ?? 8, 0.1)
        let rate = Double(filmstripFrames) / length
        return "fps=\(rate),scale=\(filmstripFrameWidth):-2,tile=\(filmstripFrames)x1"
    }

    /// One JPEG frame of `filter`'s output on standard output.
    static func arguments(_ path: String, filter: String) -> [String] {
        ["-v", "error", "-i", path, "-vf", filter, "-frames:v", "1", "-q:v", "6", "-f", "image2pipe", "-c:v", "mjpeg", "-"]
    }

    private func cachePath(_ key: String) -> String {
        (cacheFolder as NSString).appendingPathComponent("\(key).jpg")
    }

    private func store(_ data: Data, at cached: String) {
        try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: cached), options: .atomic)
    }

    private func picture(of path: String, key: String?, filter: String) -> String? {
        let cached = key.map(cachePath)
        if let cached, let data = FileManager.default.contents(atPath: cached), !data.isEmpty { return Self.dataURI(data) }
        guard let ffmpeg else { return nil }
        guard let data = Self.run(ffmpeg.path, Self.arguments(path, filter: filter)), data.starts(with: [0xFF, 0xD8]) else { return nil }
        if let cached { store(data, at: cached) }
        return Self.dataURI(data)
    }

    static func dataURI(_ jpeg: Data) -> String {
        "data:image/jpeg;base64,\(jpeg.base64EncodedString())"
    }

    /// Standard output of a tool that exited 0; nil otherwise.
    static func run(_ executable: String, _ arguments: [String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
