/// What a file is, judged from its first bytes the way the upload route must (the upload carries
/// no `fileType`, runninghub-api.md §2.1).
struct MediaFormat: Sendable, Equatable {
    /// The upload answer's `type`: `image`, `video`, `audio` or `file`.
    let category: String
    /// Upper-case format as the endpoint table's `accept` lists write it: `JPG`, `PNG`, `MP4`, …
    let format: String
    let contentType: String
    /// Extension for the stored name (`openapi/<sha256>.<ext>`).
    let fileExtension: String

    static let mp4 = MediaFormat(category: "video", format: "MP4", contentType: "video/mp4", fileExtension: "mp4")

    /// Recognises the formats the upload route accepts (JPG, PNG, WEBP, ZIP, MP3, WAV, FLAC, MP4,
    /// AVI, MOV, MKV) from up to the first 16 bytes; anything else is a generic `file`.
    static func sniff(_ head: [UInt8], filename: String?) -> MediaFormat {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<(offset + bytes.count)]) == bytes
        }
        let ascii = { (text: String) in Array(text.utf8) }
        if starts([0xFF, 0xD8, 0xFF]) { return .init(category: "image", format: "JPG", contentType: "image/jpeg", fileExtension: "jpg") }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return .init(category: "image", format: "PNG", contentType: "image/png", fileExtension: "png")
        }
        if starts(ascii("RIFF")), starts(ascii("WEBP"), at: 8) {
            return .init(category: "image", format: "WEBP", contentType: "image/webp", fileExtension: "webp")
        }
        if starts(ascii("RIFF")), starts(ascii("WAVE"), at: 8) {
            return .init(category: "audio", format: "WAV", contentType: "audio/wav", fileExtension: "wav")
        }
        if starts(ascii("RIFF")), starts(ascii("AVI "), at: 8) {
            return .init(category: "video", format: "AVI", contentType: "video/x-msvideo", fileExtension: "avi")
        }
        if starts(ascii("ftyp"), at: 4) {
            if starts(ascii("qt  "), at: 8) {
                return .init(category: "video", format: "MOV", contentType: "video/quicktime", fileExtension: "mov")
            }
            if starts(ascii("M4A "), at: 8) {
                return .init(category: "audio", format: "M4A", contentType: "audio/mp4", fileExtension: "m4a")
            }
            return .mp4
        }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) {
            return .init(category: "video", format: "MKV", contentType: "video/x-matroska", fileExtension: "mkv")
        }
        if starts(ascii("fLaC")) { return .init(category: "audio", format: "FLAC", contentType: "audio/flac", fileExtension: "flac") }
        if starts(ascii("ID3")) || (head.count >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0) {
            return .init(category: "audio", format: "MP3", contentType: "audio/mpeg", fileExtension: "mp3")
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            return .init(category: "file", format: "ZIP", contentType: "application/zip", fileExtension: "zip")
        }
        if starts(ascii("GIF8")) { return .init(category: "image", format: "GIF", contentType: "image/gif", fileExtension: "gif") }
        let fallback = filename.flatMap { name -> String? in
            guard let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex else { return nil }
            let ext = name[name.index(after: dot)...].lowercased()
            return ext.allSatisfy { $0.isLetter || $0.isNumber } && ext.count <= 8 ? ext : nil
        }
        return .init(
            category: "file", format: (fallback ?? "bin").uppercased(), contentType: "application/octet-stream",
            fileExtension: fallback ?? "bin")
    }
}
