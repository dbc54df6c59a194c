/// One walked file on its way to a shot: its name parsed, then its content typed or a reason it
/// cannot be used.
struct ShotCandidate: Sendable {
    enum Status: Sendable {
        /// Not typed yet: the walk and the name found nothing wrong.
        case pending
        /// Typed by content: the MIME type and, for images, the pixel size from the header.
        case typed(FileTyping.Typed)
        case rejected(ScanRejection)
    }

    var path: String
    var folder: String
    var fileName: ShotFileName
    var byteCount: Int64
    var status: Status

    var rejection: ScanRejection? {
        if case .rejected(let rejection) = status { return rejection }
        return nil
    }

    var type: FileTyping.Typed? {
        if case .typed(let type) = status { return type }
        return nil
    }

    /// The same candidate, now rejected.
    func rejected(_ reason: ScanRejectionReason, _ message: String) -> ShotCandidate {
        var copy = self
        copy.status = .rejected(ScanRejection(path: path, reason: reason, message: message))
        return copy
    }
}

/// Plain-language names for the MIME types scanning meets, and what each extension promises.
enum MediaTypeNames {
    static func describe(_ mimeType: String) -> String {
        switch mimeType {
        case "image/png": "PNG"
        case "image/jpeg": "JPEG"
        case "image/webp": "WebP"
        case "image/gif": "GIF"
        case "video/mp4": "MP4"
        case "video/quicktime": "QuickTime"
        default: mimeType
        }
    }

    /// The type a file's extension claims, or nil when the extension claims nothing we know.
    static func claimedType(ofExtension fileExtension: String) -> String? {
        switch fileExtension {
        case "png": "image/png"
        case "jpg", "jpeg", "jpe": "image/jpeg"
        case "webp": "image/webp"
        case "gif": "image/gif"
        case "mp4", "m4v": "video/mp4"
        case "mov", "qt": "video/quicktime"
        default: nil
        }
    }

    /// "JPEG or PNG", "MP4": the accepted types as a user would say them.
    static func list(_ mimeTypes: Set<String>) -> String {
        let names = mimeTypes.map(describe).sorted()
        guard names.count > 1, let last = names.last else { return names.first ?? "nothing" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }

    /// Reads `W x H` / `WxH` from a libmagic description; the last such pair wins because JPEG
    /// descriptions name the density (`density 1x1`) before the size. (Scanning reads sizes from
    /// the image header instead, see `ImageHeader`; this serves any caller holding a description.)
    static func pixelSize(inDescription description: String) -> PixelSize? {
        let chars = Array(description.utf8)
        var found: PixelSize?
        var i = 0
        while i < chars.count {
            // A width glued to a preceding digit or letter ("x86", "v2") is not a dimension.
            let glued = i > 0 && chars[i - 1].isASCIIAlphanumeric
            guard !glued, let (width, afterWidth) = number(chars, from: i) else { i += 1; continue }
            var j = afterWidth
            if j < chars.count, chars[j] == UInt8(ascii: " ") { j += 1 }
            if j < chars.count, chars[j] == UInt8(ascii: "x") {
                j += 1
                if j < chars.count, chars[j] == UInt8(ascii: " ") { j += 1 }
                if let (height, afterHeight) = number(chars, from: j), width > 0, height > 0 {
                    found = PixelSize(width: width, height: height)
                    i = afterHeight
                    continue
                }
            }
            i = afterWidth
        }
        return found
    }

    private static func number(_ chars: [UInt8], from start: Int) -> (Int, Int)? {
        var end = start
        var value = 0
        while end < chars.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(chars[end]), end - start < 7 {
            value = value * 10 + Int(chars[end] - UInt8(ascii: "0"))
            end += 1
        }
        return end > start ? (value, end) : nil
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
