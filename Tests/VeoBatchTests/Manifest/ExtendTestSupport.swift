import Foundation
@testable import VeoBatch

/// Minimal ISO media files built box by box, so clip-length tests control every byte of `mvhd`.
enum ExtendTestMP4 {
    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        bigEndian32(UInt32(8 + payload.count)) + Array(type.utf8) + payload
    }

    /// A box whose size is written as a 64-bit `largesize` (size field 1).
    static func largeBox(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        bigEndian32(1) + Array(type.utf8) + bigEndian64(UInt64(16 + payload.count)) + payload
    }

    static func movieHeader(version: UInt8, timescale: UInt32, duration: UInt64) -> [UInt8] {
        var payload: [UInt8] = [version, 0, 0, 0]
        if version == 1 {
            payload += [UInt8](repeating: 0, count: 16) + bigEndian32(timescale) + bigEndian64(duration)
        } else {
            payload += [UInt8](repeating: 0, count: 8) + bigEndian32(timescale) + bigEndian32(UInt32(truncatingIfNeeded: duration))
        }
        // rate, volume, reserved, matrix, pre-defined, next track id: present in real files, unread.
        payload += [UInt8](repeating: 0, count: 80)
        return box("mvhd", payload)
    }

    static let fileType = box("ftyp", Array("isom".utf8) + [0, 0, 2, 0] + Array("isomiso2mp41".utf8))

    /// `ftyp`, then `moov` (with a `trak` placeholder before `mvhd` when asked) and `mdat` in the
    /// order asked for.
    static func clip(
        seconds: Double, version: UInt8 = 0, timescale: UInt32 = 1000, movieFirst: Bool = true,
        trackBeforeHeader: Bool = false, largeMediaBox: Bool = false
    ) -> Data {
        let header = movieHeader(version: version, timescale: timescale, duration: UInt64((seconds * Double(timescale)).rounded()))
        let movie = box("moov", (trackBeforeHeader ? box("trak", [UInt8](repeating: 7, count: 40)) : []) + header)
        let payload = [UInt8](repeating: 0xAB, count: 4096)
        let media = largeMediaBox ? largeBox("mdat", payload) : box("mdat", payload)
        return Data(fileType + (movieFirst ? movie + media : media + movie))
    }

    static func bigEndian32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }

    static func bigEndian64(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }
}

/// Manifest text with any header, for the extend columns `ManifestText` does not have.
enum ExtendManifest {
    static func csv(_ columns: [String], _ rows: [[String: String]]) -> String {
        ([columns.joined(separator: ",")]
            + rows.map { row in
                columns.map { ManifestText.quote(row[$0] ?? "") }.joined(separator: ",")
            }).joined(separator: "\n") + "\n"
    }
}
