import Foundation
import MediaWorkerProtocol

/// The small pictures `report.html` embeds so it still shows everything when copied alone: a
/// thumbnail of each input (a JPEG 160 px wide, a few KB whatever the plate size; the first frame
/// for video inputs) and a filmstrip of each clip (five frames side by side), drawn by the media
/// worker (`MediaWorker`), which writes each JPEG into the cache itself.
///
/// Pictures are cached by content hash in `OUT/.veobatch/previews/`, so a rerun makes only the
/// new ones; a clip's filmstrip is made as soon as it is saved, with its probe
/// (`filmstripTarget`). At report time the worker is asked synchronously
/// (`MediaWorker.pictureNow`): reports are written from synchronous code, and a cached report
/// costs nothing. Without the worker, the report says so and falls back to embedding small
/// originals and linking the rest.
struct ReportPreviews: Sendable {
    let worker: MediaWorker?
    let cacheFolder: String

    init(tree: OutputTree, worker: MediaWorker? = MediaWorker.shared) {
        self.worker = worker
        cacheFolder = (Journal.folder(outputDirectory: tree.outputDirectory) as NSString).appendingPathComponent("previews")
    }

    static let missingNotice =
        "veobatch-media was not found (install it beside veobatch, or set VEOBATCH_MEDIA_WORKER): report.html embeds small originals instead of thumbnails, and clips have no filmstrip."

    /// A JPEG thumbnail of an image or a video's first frame, as a `data:` URI.
    func thumbnail(of path: String, sha256: String?) -> String? {
        picture(.thumbnail, of: path, key: sha256.map { "\($0)-thumb" })
    }

    /// Five frames of a clip spread over its length, side by side in one JPEG, as a `data:` URI.
    func filmstrip(of path: String, sha256: String?) -> String? {
        picture(.filmstrip, of: path, key: sha256.map(Self.filmstripKey))
    }

    /// Where a clip just saved gets its filmstrip, drawn by the worker in the same exchange as
    /// the clip's probe (`ClipInspection`), in the job's own flow and beside the other jobs: the
    /// report at the end of a 10,000-job run then reads pictures instead of drawing 10,000 one
    /// after the other. Nil when the cache has it already or there is no worker. A failure there
    /// is left for the report, which tries again and says what is missing.
    func filmstripTarget(sha256: String) -> String? {
        guard worker != nil else { return nil }
        let cached = cachePath(Self.filmstripKey(sha256))
        guard !FileManager.default.fileExists(atPath: cached), makeCacheFolder() else { return nil }
        return cached
    }

    static func filmstripKey(_ sha256: String) -> String { "\(sha256)-strip" }

    private func cachePath(_ key: String) -> String {
        (cacheFolder as NSString).appendingPathComponent("\(key).jpg")
    }

    private func makeCacheFolder() -> Bool {
        (try? FileWrite.makeFolder(cacheFolder)) != nil
    }

    /// The cached picture, else a new one drawn into the cache (or, without a key, into a
    /// scratch file read once and removed).
    private func picture(_ kind: MediaRequest.Operation, of path: String, key: String?) -> String? {
        let cached = key.map(cachePath)
        if let cached, let data = FileManager.default.contents(atPath: cached), !data.isEmpty { return Self.dataURI(data) }
        guard let worker, makeCacheFolder() else { return nil }
        let output = cached ?? cachePath("scratch-\(UUID().uuidString)")
        defer { if cached == nil { unlink(output) } }
        guard case .success = worker.pictureNow(kind, of: path, to: output),
              let data = FileManager.default.contents(atPath: output), data.starts(with: [0xFF, 0xD8])
        else { return nil }
        return Self.dataURI(data)
    }

    static func dataURI(_ jpeg: Data) -> String {
        "data:image/jpeg;base64,\(jpeg.base64EncodedString())"
    }
}
