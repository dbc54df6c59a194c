#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an image's pixel size from its header: the PNG `IHDR`, the JPEG start-of-frame segment,
/// the WebP `VP8 `/`VP8L`/`VP8X` chunk.
///
/// Scanning types each file with one libmagic pass (MIME only); a second pass just to parse the
/// size out of libmagic's description would double the cost of every image. The header holds the
/// size in a few bytes at a known place, and a JPEG's segments are skipped by their lengths, so
/// a frame behind a large EXIF block costs a few small reads, not a read of the block.
enum ImageHeader {
    /// The pixel size of the image at `path`, which libmagic typed as `mimeType`; nil when the
    /// type has no reader here or the header is not what the type promises.
    static func pixelSize(ofFileAt path: String, mimeType: String) -> PixelSize? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var file = HeaderFile(descriptor: descriptor)
        let size: PixelSize?
        switch mimeType {
        case "image/png": size = png(&file)
        case "image/jpeg": size = jpeg(&file)
        case "image/webp": size = webp(&file)
        default: size = nil
        }
        guard let size, size.width > 0, size.height > 0 else { return nil }
        return size
    }

    private static func png(_ file: inout HeaderFile) -> PixelSize? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard file.bytes(at: 0, count: 8) == signature, file.bytes(at: 12, count: 4) == Array("IHDR".utf8),
            let width = file.bigEndian(at: 16, count: 4), let height = file.bigEndian(at: 20, count: 4)
        else { return nil }
        return PixelSize(width: width, height: height)
    }

    /// Walks the segments from SOI to the first SOFn (C0–CF except DHT C4, JPG C8, DAC CC).
    private static func jpeg(_ file: inout HeaderFile) -> PixelSize? {
        guard file.bytes(at: 0, count: 2) == [0xFF, 0xD8] else { return nil }
        var position = 2
        for _ in 0..<1024 {
            guard let marker = file.bytes(at: position, count: 2), marker[0] == 0xFF else { return nil }
            let kind = marker[1]
            switch kind {
            case 0xFF:
                position += 1  // fill byte
                continue
            case 0x01, 0xD0...0xD8:
                position += 2  // no length
                continue
            case 0xD9, 0xDA:
                return nil  // end of image or start of scan before any frame header
            default:
                break
            }
            guard let length = file.bigEndian(at: position + 2, count: 2), length >= 2 else { return nil }
            if (0xC0...0xCF).contains(kind), kind != 0xC4, kind != 0xC8, kind != 0xCC {
                guard let height = file.bigEndian(at: position + 5, count: 2), let width = file.bigEndian(at: position + 7, count: 2)
                else { return nil }
                return PixelSize(width: width, height: height)
            }
            position += 2 + length
        }
        return nil
    }

    private static func webp(_ file: inout HeaderFile) -> PixelSize? {
        guard file.bytes(at: 0, count: 4) == Array("RIFF".utf8), file.bytes(at: 8, count: 4) == Array("WEBP".utf8),
            let chunk = file.bytes(at: 12, count: 4), let body = file.bytes(at: 20, count: 10)
        else { return nil }
        switch String(decoding: chunk, as: UTF8.self) {
        case "VP8 ":
            // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
            guard body[3] == 0x9D, body[4] == 0x01, body[5] == 0x2A else { return nil }
            return PixelSize(width: (Int(body[6]) | Int(body[7]) << 8) & 0x3FFF, height: (Int(body[8]) | Int(body[9]) << 8) & 0x3FFF)
        case "VP8L":
            // Signature 2F, then width − 1 and height − 1 in 14 bits each, little-endian bit order.
            guard body[0] == 0x2F else { return nil }
            let bits = Int(body[1]) | Int(body[2]) << 8 | Int(body[3]) << 16 | Int(body[4]) << 24
            return PixelSize(width: (bits & 0x3FFF) + 1, height: (bits >> 14 & 0x3FFF) + 1)
        case "VP8X":
            // Flags (4 bytes), then canvas width − 1 and height − 1 in 24 bits each.
            let width = Int(body[4]) | Int(body[5]) << 8 | Int(body[6]) << 16
            let height = Int(body[7]) | Int(body[8]) << 8 | Int(body[9]) << 16
            return PixelSize(width: width + 1, height: height + 1)
        default:
            return nil
        }
    }
}

/// The first bytes of a file, read once, with `pread` for anything further (JPEG segments past
/// a large EXIF or ICC block).
private struct HeaderFile {
    static let headLength = 4096
    let descriptor: Int32
    private var head: [UInt8]?

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Exactly `count` bytes at `offset`, or nil past the end of the file.
    mutating func bytes(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count > 0 else { return nil }
        if head == nil { head = read(at: 0, count: Self.headLength) ?? [] }
        if let head, offset + count <= head.count {
            return Array(head[offset..<(offset + count)])
        }
        guard let bytes = read(at: offset, count: count), bytes.count == count else { return nil }
        return bytes
    }

    mutating func bigEndian(at offset: Int, count: Int) -> Int? {
        bytes(at: offset, count: count)?.reduce(0) { $0 << 8 | Int($1) }
    }

    private func read(at offset: Int, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard got >= 0 else { return nil }
        buffer.removeSubrange(got...)
        return buffer
    }
}
