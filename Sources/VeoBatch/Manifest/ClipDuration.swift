import Foundation

/// The length of an MP4 clip, read from its movie header (`moov/mvhd`) without touching the media.
///
/// Validation needs it to know how long a chain of extends gets before anything is sent (Veo stops
/// at 148 s), and ffprobe is not something a user's machine can be assumed to have. Only the box
/// headers on the top level and the `moov` box are read, so a 10 MB clip costs a few small reads
/// whether `moov` sits before or after the media.
public enum ClipDuration {
    /// `moov` holds sample tables only; anything larger is not a clip this tool would upload.
    static let largestMovieBox: UInt64 = 32 << 20
    /// A real file has a handful of top-level boxes; this bounds the walk over a hostile one.
    static let mostTopLevelBoxes = 4096

    /// Seconds according to `mvhd`, or nil when the file cannot be read, is not an ISO media file
    /// (the first box must be `ftyp`), has no usable `mvhd`, or states no duration (fragmented files
    /// and live captures leave it 0 or all ones).
    public static func seconds(ofFileAt path: String) -> Double? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        var offset: UInt64 = 0
        for index in 0..<mostTopLevelBoxes {
            guard offset + 8 <= end, (try? handle.seek(toOffset: offset)) != nil,
                let header = try? handle.read(upToCount: 16), header.count >= 8
            else { return nil }
            let bytes = Array(header)
            let type = String(decoding: bytes[4..<8], as: UTF8.self)
            if index == 0, type != "ftyp" { return nil }
            var size = UInt64(bigEndian32(bytes, 0))
            var headerSize: UInt64 = 8
            if size == 1 {
                guard bytes.count >= 16 else { return nil }
                size = bigEndian64(bytes, 8)
                headerSize = 16
            } else if size == 0 {
                size = end - offset
            }
            guard size >= headerSize, size <= end - offset else { return nil }
            if type == "moov" {
                guard size - headerSize <= largestMovieBox, (try? handle.seek(toOffset: offset + headerSize)) != nil,
                    let payload = try? handle.read(upToCount: Int(size - headerSize))
                else { return nil }
                return seconds(inMovieBox: Array(payload))
            }
            offset += size
        }
        return nil
    }

    /// Seconds from the `mvhd` among the children of a `moov` payload.
    static func seconds(inMovieBox payload: [UInt8]) -> Double? {
        var offset = 0
        while offset + 8 <= payload.count {
            var size = Int(bigEndian32(payload, offset))
            var headerSize = 8
            if size == 1 {
                guard offset + 16 <= payload.count else { return nil }
                let large = bigEndian64(payload, offset + 8)
                guard large <= UInt64(payload.count) else { return nil }
                size = Int(large)
                headerSize = 16
            } else if size == 0 {
                size = payload.count - offset
            }
            guard size >= headerSize, size <= payload.count - offset else { return nil }
            let type = String(decoding: payload[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if type == "mvhd" {
                return movieHeaderSeconds(Array(payload[(offset + headerSize)..<(offset + size)]))
            }
            offset += size
        }
        return nil
    }

    /// Version 0: 4 bytes version/flags, 4 creation, 4 modification, 4 timescale, 4 duration.
    /// Version 1: the times and the duration are 8 bytes each.
    static func movieHeaderSeconds(_ body: [UInt8]) -> Double? {
        guard let version = body.first else { return nil }
        let timescale: UInt32
        let duration: UInt64
        switch version {
        case 0:
            guard body.count >= 20 else { return nil }
            timescale = bigEndian32(body, 12)
            let value = bigEndian32(body, 16)
            guard value != UInt32.max else { return nil }
            duration = UInt64(value)
        case 1:
            guard body.count >= 32 else { return nil }
            timescale = bigEndian32(body, 20)
            duration = bigEndian64(body, 24)
            guard duration != UInt64.max else { return nil }
        default:
            return nil
        }
        guard timescale > 0, duration > 0 else { return nil }
        return Double(duration) / Double(timescale)
    }

    private static func bigEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { return 0 }
        return bytes[at..<(at + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    private static func bigEndian64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        guard at >= 0, at + 8 <= bytes.count else { return 0 }
        return bytes[at..<(at + 8)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
