import Foundation

/// How `report.html` shows one input of a job. Small images are embedded as `data:` URIs (when
/// their bytes still match the hash the run recorded), so the thumbnails survive when the
/// report's folder is copied away from the inputs; larger ones, videos and other rows' clips are
/// linked by a path relative to the report. URL inputs are shown as links and never loaded:
/// the page makes no network request.
enum InputThumbnail: Equatable {
    case embeddedImage(dataURI: String)
    case linkedImage(url: String)
    case video(url: String)
    /// A local file that is not an image or video this page can show.
    case file(url: String)
    case remote(url: String)
    /// Gone from disk since the run.
    case missing

    /// Decides every input of the report, embedding at most `budget` bytes in all.
    struct Chooser {
        let tree: OutputTree
        let embedLimit: Int64
        var budget: Int64
        /// Small JPEG thumbnails made with ffmpeg; used first, for pictures and clips alike.
        var previews: ReportPreviews? = nil

        mutating func thumbnail(for input: InputFile) -> (InputThumbnail, changed: Bool) {
            if case .url(let url) = input.source { return (.remote(url: url), false) }
            let path = (input.location as NSString).standardizingPath
            guard let head = Self.head(of: path) else { return (.missing, false) }
            let url = HTMLText.urlPath(relativePath(to: path))
            let signature = MediaSignature.of(head)
            if signature != .other, let previews {
                let current = try? FileDigest.sha256(ofFileAt: path).hex
                if let recorded = input.sha256, let current, current != recorded {
                    // Not the picture the job was made from: show it, but by path and flagged.
                    return (signature == .video ? .video(url: url) : .linkedImage(url: url), true)
                }
                if let uri = previews.thumbnail(of: path, sha256: current ?? input.sha256) {
                    return (.embeddedImage(dataURI: uri), false)
                }
            }
            switch signature {
            case .video:
                return (.video(url: url), false)
            case .image(let mime):
                let size = Self.size(of: path)
                guard size <= embedLimit, size <= budget,
                    let data = FileManager.default.contents(atPath: path)
                else { return (.linkedImage(url: url), false) }
                if let recorded = input.sha256, (try? FileDigest.sha256(ofFileAt: path).hex) != recorded {
                    // Not the picture the job was made from: show it, but by path and flagged.
                    return (.linkedImage(url: url), true)
                }
                budget -= size
                return (.embeddedImage(dataURI: "data:\(mime);base64,\(data.base64EncodedString())"), false)
            case .other:
                return (.file(url: url), false)
            }
        }

        /// Relative to the manifest folder where the report sits, or the absolute path when the
        /// two share nothing but `/` (a URL path starting with `/` still resolves on disk).
        func relativePath(to path: String) -> String {
            let inside = tree.relativeToManifestFolder(path)
            if inside != path { return inside }
            return RelativePath.from(folder: tree.manifestFolder, to: path)
        }

        static func size(of path: String) -> Int64 {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? Int64.max
        }

        static func head(of path: String) -> Data? {
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            return (try? handle.read(upToCount: 16)) ?? Data()
        }
    }
}

/// The few signatures the report needs to tell pictures and clips apart (the run already checked
/// every input with libmagic; this only picks the HTML element).
enum MediaSignature: Equatable {
    case image(mime: String)
    case video
    case other

    static func of(_ head: Data) -> MediaSignature {
        let bytes = [UInt8](head)
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .image(mime: "image/png") }
        if starts([0xFF, 0xD8, 0xFF]) { return .image(mime: "image/jpeg") }
        if starts(Array("GIF8".utf8)) { return .image(mime: "image/gif") }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .image(mime: "image/webp") }
        if starts(Array("ftyp".utf8), at: 4) { return .video }
        return .other
    }
}
