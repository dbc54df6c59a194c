import Foundation

/// What scanning needs to know about each Veo 3.1 endpoint: which inputs it takes, which file
/// types and how many bytes.
///
/// These constants are copied from the vendor table (`veo31-registry.json`, version
/// public-2026-04-29: `accept`, `maxSize` in MB, `maxInputNum`, and whether `aspectRatio` exists)
/// so that scanning can check files before the endpoint table lands. TODO(lead): derive them from
/// the endpoint table in Sources/VeoBatch/Endpoints/ and delete this copy;
/// `ScanEndpointFactsTests` checks the copy against the vendor JSON until then.
public struct ScanEndpointFacts: Sendable, Hashable {
    /// The generic manifest inputs an endpoint takes.
    public enum Input: Sendable, Hashable {
        case firstFrame, lastFrame, referenceImages, video
    }

    /// Endpoint path, e.g. `rhart-video-v3.1-fast/start-end-to-video`.
    public var path: String
    /// The vendor's doc name, e.g. `google/veo3.1-fast/start-end-to-video-channel-low-price`.
    public var docName: String
    public var inputs: Set<Input>
    /// MIME types the image fields accept (`JPG`/`JPEG` → image/jpeg, `PNG`, `WEBP`).
    public var imageTypes: Set<String>
    public var maxImageBytes: Int64
    /// MIME types the video field accepts (`MP4` → video/mp4).
    public var videoTypes: Set<String>
    public var maxVideoBytes: Int64
    public var maxReferenceImages: Int
    /// Whether the endpoint has an `aspectRatio` field (video-extend and reference-to-video do not).
    public var takesAspectRatio: Bool

    /// The vendor's `maxSize` is in MB; read here as MiB, as upload forms commonly measure it.
    static func megabytes(_ count: Int64) -> Int64 { count * 1024 * 1024 }

    /// Looks an endpoint up by path or doc name, case-insensitively; nil when it is not a Veo 3.1 endpoint.
    public static func named(_ model: String) -> ScanEndpointFacts? {
        let key = model.trimmingCharacters(in: .whitespaces).lowercased()
        return all.first { $0.path == key || $0.docName == key }
    }

    /// Every Veo 3.1 endpoint. MB figures are the vendor's `maxSize`.
    public static let all: [ScanEndpointFacts] = [
        imageToVideo("fast-official", imageMB: 10, lastFrame: true),
        textToVideo("fast-official"),
        videoExtend("fast-official", videoMB: 10),
        imageToVideo("fast", imageMB: 30, lastFrame: false),  // imageUrls, up to 3
        startEnd("fast", imageMB: 30),
        textToVideo("fast"),
        imageToVideo("lite-official", imageMB: 20, lastFrame: false, webp: true),
        startEnd("lite-official", imageMB: 10, webp: true),
        textToVideo("lite-official"),
        imageToVideo("lite", imageMB: 10, lastFrame: false),  // imageUrls, up to 3
        textToVideo("lite"),
        imageToVideo("pro-official", imageMB: 10, lastFrame: true),
        referenceToVideo("pro-official", imageMB: 10, maxImages: 3),
        textToVideo("pro-official"),
        videoExtend("pro-official", videoMB: 10),
        imageToVideo("pro", imageMB: 10, lastFrame: false),
        startEnd("pro", imageMB: 10),
        textToVideo("pro"),
    ]

    private static let jpegPNG: Set<String> = ["image/jpeg", "image/png"]
    private static let jpegPNGWebP: Set<String> = ["image/jpeg", "image/png", "image/webp"]

    private static func make(
        _ line: String, _ route: String, inputs: Set<Input>, imageTypes: Set<String> = [], imageMB: Int64 = 0,
        videoMB: Int64 = 0, maxReferenceImages: Int = 0, aspect: Bool
    ) -> ScanEndpointFacts {
        // "fast-official" → path "rhart-video-v3.1-fast-official/…", doc "google/veo3.1-fast/…-official-stable".
        let official = line.hasSuffix("-official")
        let tier = official ? String(line.dropLast("-official".count)) : line
        return ScanEndpointFacts(
            path: "rhart-video-v3.1-\(line)/\(route)",
            docName: "google/veo3.1-\(tier)/\(route)-\(official ? "official-stable" : "channel-low-price")",
            inputs: inputs, imageTypes: imageTypes, maxImageBytes: megabytes(imageMB),
            videoTypes: videoMB > 0 ? ["video/mp4"] : [], maxVideoBytes: megabytes(videoMB),
            maxReferenceImages: maxReferenceImages, takesAspectRatio: aspect)
    }

    private static func textToVideo(_ line: String) -> ScanEndpointFacts {
        make(line, "text-to-video", inputs: [], aspect: true)
    }

    private static func imageToVideo(_ line: String, imageMB: Int64, lastFrame: Bool, webp: Bool = false) -> ScanEndpointFacts {
        make(
            line, "image-to-video", inputs: lastFrame ? [.firstFrame, .lastFrame] : [.firstFrame],
            imageTypes: webp ? jpegPNGWebP : jpegPNG, imageMB: imageMB, aspect: true)
    }

    private static func startEnd(_ line: String, imageMB: Int64, webp: Bool = false) -> ScanEndpointFacts {
        make(
            line, "start-end-to-video", inputs: [.firstFrame, .lastFrame], imageTypes: webp ? jpegPNGWebP : jpegPNG,
            imageMB: imageMB, aspect: true)
    }

    private static func referenceToVideo(_ line: String, imageMB: Int64, maxImages: Int) -> ScanEndpointFacts {
        make(
            line, "reference-to-video", inputs: [.referenceImages], imageTypes: jpegPNG, imageMB: imageMB,
            maxReferenceImages: maxImages, aspect: false)
    }

    private static func videoExtend(_ line: String, videoMB: Int64) -> ScanEndpointFacts {
        make(line, "video-extend", inputs: [.video], videoMB: videoMB, aspect: false)
    }
}
