import Foundation

/// What the simulator needs to know about an input clip for `video-extend`: its length, its
/// orientation, and how many extensions already led to it (from the marker box of our results).
struct MP4Facts: Sendable, Equatable {
    var seconds: Double
    var portrait: Bool
    var extensions: Int

    /// Reads a file's top-level boxes without loading the media: only `moov` (small) and short
    /// `free` boxes are read. Nil when the file is not an MP4 with a readable `mvhd`.
    static func read(path: String) -> MP4Facts? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        var offset: UInt64 = 0
        var facts: MP4Facts?
        var extensions = 0
        var first = true
        while offset + 8 <= end {
            guard (try? handle.seek(toOffset: offset)) != nil,
                let header = try? handle.read(upToCount: 16).map(Array.init), header.count >= 8
            else { break }
            var size = UInt64(readUInt32(header, 0))
            let type = String(decoding: header[4..<8], as: UTF8.self)
            var headerSize: UInt64 = 8
            if size == 1, header.count == 16 {
                size = readUInt64(header, 8)
                headerSize = 16
            } else if size == 0 {
                size = end - offset
            }
            guard size >= headerSize, offset + size <= end else { break }
            if first, type != "ftyp" { return nil }
            first = false
            guard (try? handle.seek(toOffset: offset + headerSize)) != nil else { break }
            if type == "moov", size <= 16 * 1024 * 1024,
                let bytes = try? handle.read(upToCount: Int(size - headerSize)).map(Array.init)
            {
                facts = parseMoov(bytes)
            } else if type == "free", size - headerSize <= 4096,
                let bytes = try? handle.read(upToCount: Int(size - headerSize)).map(Array.init)
            {
                extensions = parseMarker(bytes) ?? extensions
            }
            offset += size
        }
        guard var found = facts else { return nil }
        found.extensions = extensions
        return found
    }

    /// Facts of an MP4 held in memory (tests, and results the simulator made itself).
    static func read(bytes: [UInt8]) -> MP4Facts? {
        let boxes = MP4Box.list(in: bytes, from: 0, to: bytes.count)
        guard boxes.first?.type == "ftyp", let moov = boxes.first(where: { $0.type == "moov" }),
            var facts = parseMoov(Array(bytes[moov.payloadStart..<moov.end]))
        else { return nil }
        for box in boxes where box.type == "free" {
            facts.extensions = parseMarker(Array(bytes[box.payloadStart..<box.end])) ?? facts.extensions
        }
        return facts
    }

    /// Duration from `mvhd`, orientation from the first track's `tkhd` width and height.
    private static func parseMoov(_ payload: [UInt8]) -> MP4Facts? {
        let children = MP4Box.list(in: payload, from: 0, to: payload.count)
        guard let mvhd = children.first(where: { $0.type == "mvhd" }), mvhd.size >= mvhd.headerSize + 32 else { return nil }
        let v1 = payload[mvhd.payloadStart] == 1
        let timescale = Double(readUInt32(payload, mvhd.payloadStart + (v1 ? 20 : 12)))
        let duration = v1 ? Double(readUInt64(payload, mvhd.payloadStart + 24)) : Double(readUInt32(payload, mvhd.payloadStart + 16))
        guard timescale > 0 else { return nil }
        var portrait = false
        if let trak = children.first(where: { $0.type == "trak" }), let tkhd = trak.child("tkhd", in: payload) {
            let tv1 = payload[tkhd.payloadStart] == 1
            let at = tkhd.payloadStart + (tv1 ? 88 : 76)
            if at + 8 <= tkhd.end {
                portrait = readUInt32(payload, at + 4) > readUInt32(payload, at)
            }
        }
        return MP4Facts(seconds: duration / timescale, portrait: portrait, extensions: 0)
    }

    /// `extensions=N` from a marker written by `MP4Clip.make`.
    private static func parseMarker(_ payload: [UInt8]) -> Int? {
        let text = String(decoding: payload, as: UTF8.self)
        guard text.hasPrefix(MP4Clip.markerPrefix) else { return nil }
        for field in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) where field.hasPrefix("extensions=") {
            return Int(field.dropFirst("extensions=".count))
        }
        return nil
    }
}
