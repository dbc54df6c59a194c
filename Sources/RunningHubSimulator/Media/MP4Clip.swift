import Foundation

/// A box of an ISO-BMFF (MP4) file, located by offsets into its bytes.
struct MP4Box {
    let type: String
    let start: Int
    let headerSize: Int
    let size: Int

    var payloadStart: Int { start + headerSize }
    var end: Int { start + size }

    /// The boxes laid end to end in `bytes[from..<to]`; stops at the first malformed header.
    static func list(in bytes: [UInt8], from: Int, to: Int) -> [MP4Box] {
        var boxes: [MP4Box] = []
        var offset = from
        while offset + 8 <= to {
            var size = Int(readUInt32(bytes, offset))
            var header = 8
            if size == 1 {
                guard offset + 16 <= to else { break }
                size = Int(readUInt64(bytes, offset + 8))
                header = 16
            } else if size == 0 {
                size = to - offset
            }
            guard size >= header, offset + size <= to else { break }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            boxes.append(MP4Box(type: type, start: offset, headerSize: header, size: size))
            offset += size
        }
        return boxes
    }

    /// The first child of this box with the given type.
    func child(_ type: String, in bytes: [UInt8]) -> MP4Box? {
        MP4Box.list(in: bytes, from: payloadStart, to: end).first { $0.type == type }
    }

    func children(_ type: String, in bytes: [UInt8]) -> [MP4Box] {
        MP4Box.list(in: bytes, from: payloadStart, to: end).filter { $0.type == type }
    }
}

func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
}

func readUInt64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
    bytes[offset..<(offset + 8)].reduce(0) { $0 << 8 | UInt64($1) }
}

func writeUInt32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
    for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
}

func writeUInt64(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt64) {
    for index in 0..<8 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (56 - 8 * index)) }
}

/// Builds result clips: the one-frame template stretched to the wanted duration, plus a trailing
/// `free` box naming the task, so every result is a valid, playable and unique MP4.
///
/// Retiming rewrites the durations in `mvhd`, `tkhd`, `elst`, `mdhd` and the last `stts` delta.
/// Box sizes never change, so the `stco` chunk offsets stay right.
enum MP4Clip {
    /// Text at the start of the marker box; `MP4Facts` looks for it to know a clip's history.
    static let markerPrefix = "rh-sim "

    /// A complete clip of `seconds`, marked with `taskID` and how many extensions led to it, at
    /// `resolution` (`720p`, `1080p`, `4k`), with a silent audio track unless `audio` is false.
    static func make(
        seconds: Double, portrait: Bool, taskID: String, extensions: Int, resolution: String? = nil, audio: Bool = true
    ) -> [UInt8] {
        var bytes = MP4Template.clip(resolution: resolution, portrait: portrait)
        if !audio { dropAudio(&bytes) }
        _ = retime(&bytes, seconds: seconds)
        bytes += freeBox(Array("\(markerPrefix)task=\(taskID) extensions=\(extensions)\n".utf8))
        return bytes
    }

    /// Turns the sound track's `trak` into a `free` box of the same size: readers skip it, and no
    /// offset moves. Its samples stay in `mdat`, unreferenced.
    static func dropAudio(_ bytes: inout [UInt8]) {
        guard let moov = MP4Box.list(in: bytes, from: 0, to: bytes.count).first(where: { $0.type == "moov" }) else { return }
        for trak in moov.children("trak", in: bytes) {
            guard let hdlr = trak.child("mdia", in: bytes)?.child("hdlr", in: bytes), hdlr.payloadStart + 12 <= hdlr.end,
                String(decoding: bytes[(hdlr.payloadStart + 8)..<(hdlr.payloadStart + 12)], as: UTF8.self) == "soun"
            else { continue }
            bytes.replaceSubrange((trak.start + 4)..<(trak.start + 8), with: Array("free".utf8))
        }
    }

    /// A `free` box around `payload` (ignored by every reader).
    static func freeBox(_ payload: [UInt8]) -> [UInt8] {
        var box = [UInt8](repeating: 0, count: 8)
        writeUInt32(&box, 0, UInt32(8 + payload.count))
        box.replaceSubrange(4..<8, with: Array("free".utf8))
        return box + payload
    }

    /// The 8-byte header of a `free` box of `payloadSize` zero bytes (the padding is streamed).
    static func freeBoxHeader(payloadSize: Int) -> [UInt8] {
        if 8 + payloadSize <= Int(UInt32.max) {
            var box = [UInt8](repeating: 0, count: 8)
            writeUInt32(&box, 0, UInt32(8 + payloadSize))
            box.replaceSubrange(4..<8, with: Array("free".utf8))
            return box
        }
        var box = [UInt8](repeating: 0, count: 16)
        writeUInt32(&box, 0, 1)
        box.replaceSubrange(4..<8, with: Array("free".utf8))
        writeUInt64(&box, 8, UInt64(16 + payloadSize))
        return box
    }

    /// Stretches every track to `seconds`. False when the file is not laid out as expected.
    static func retime(_ bytes: inout [UInt8], seconds: Double) -> Bool {
        guard let moov = MP4Box.list(in: bytes, from: 0, to: bytes.count).first(where: { $0.type == "moov" }),
            let mvhd = moov.child("mvhd", in: bytes)
        else { return false }
        let movieDuration = setDuration(&bytes, header: mvhd, seconds: seconds)
        for trak in moov.children("trak", in: bytes) {
            if let tkhd = trak.child("tkhd", in: bytes) {
                let v1 = bytes[tkhd.payloadStart] == 1
                let at = tkhd.payloadStart + (v1 ? 28 : 20)
                if v1 { writeUInt64(&bytes, at, movieDuration) } else { writeUInt32(&bytes, at, UInt32(movieDuration)) }
            }
            if let elst = trak.child("edts", in: bytes)?.child("elst", in: bytes) {
                let v1 = bytes[elst.payloadStart] == 1
                let count = Int(readUInt32(bytes, elst.payloadStart + 4))
                if count >= 1 {
                    let entrySize = v1 ? 20 : 12
                    let last = elst.payloadStart + 8 + (count - 1) * entrySize
                    if v1 { writeUInt64(&bytes, last, movieDuration) } else { writeUInt32(&bytes, last, UInt32(movieDuration)) }
                }
            }
            guard let mdia = trak.child("mdia", in: bytes), let mdhd = mdia.child("mdhd", in: bytes),
                let stts = mdia.child("minf", in: bytes)?.child("stbl", in: bytes)?.child("stts", in: bytes)
            else { return false }
            let mediaDuration = setDuration(&bytes, header: mdhd, seconds: seconds)
            guard let exact = setLastDelta(&bytes, stts: stts, total: mediaDuration) else { return false }
            if exact != mediaDuration { _ = setDuration(&bytes, header: mdhd, ticks: exact) }
        }
        return true
    }

    /// Writes the duration of an `mvhd`/`mdhd` in its own timescale; returns it in ticks.
    private static func setDuration(_ bytes: inout [UInt8], header: MP4Box, seconds: Double) -> UInt64 {
        let v1 = bytes[header.payloadStart] == 1
        let timescale = Double(readUInt32(bytes, header.payloadStart + (v1 ? 20 : 12)))
        let ticks = UInt64((seconds * timescale).rounded())
        return setDuration(&bytes, header: header, ticks: ticks)
    }

    private static func setDuration(_ bytes: inout [UInt8], header: MP4Box, ticks: UInt64) -> UInt64 {
        let v1 = bytes[header.payloadStart] == 1
        if v1 { writeUInt64(&bytes, header.payloadStart + 24, ticks) } else { writeUInt32(&bytes, header.payloadStart + 16, UInt32(ticks)) }
        return ticks
    }

    /// Makes the samples add up to `total` ticks by changing the last `stts` delta (or, when one
    /// entry covers every sample, spreading the total evenly). Returns the exact new total.
    private static func setLastDelta(_ bytes: inout [UInt8], stts: MP4Box, total: UInt64) -> UInt64? {
        let count = Int(readUInt32(bytes, stts.payloadStart + 4))
        guard count >= 1, stts.payloadStart + 8 + count * 8 <= stts.end else { return nil }
        let entry = { (index: Int) in stts.payloadStart + 8 + index * 8 }
        var before: UInt64 = 0
        for index in 0..<(count - 1) {
            before += UInt64(readUInt32(bytes, entry(index))) * UInt64(readUInt32(bytes, entry(index) + 4))
        }
        let samples = UInt64(readUInt32(bytes, entry(count - 1)))
        guard samples >= 1, total > before else { return nil }
        let delta = (total - before) / samples
        writeUInt32(&bytes, entry(count - 1) + 4, UInt32(delta))
        return before + delta * samples
    }
}
