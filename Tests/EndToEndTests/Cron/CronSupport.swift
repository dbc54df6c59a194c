import Foundation
import TestSupport

/// Shared pieces of the cron and drop-folder tests.
enum CronFixture {
    /// Copies the example frames into `scratch` with an old modification time (settled).
    static func frames(in scratch: TemporaryFolder, _ names: [String] = ["shot010_start.png", "shot010_end.png", "shot020.jpg"]) throws {
        let example = repositoryRoot.appendingPathComponent("manifests/example")
        for name in names {
            let target = scratch.url.appendingPathComponent(name)
            try FileManager.default.copyItem(at: example.appendingPathComponent(name), to: target)
            try setModified(target.path, secondsAgo: 3600)
        }
    }

    /// Sets a file's modification time explicitly, so no test depends on how fast it runs.
    static func setModified(_ path: String, secondsAgo: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-secondsAgo)], ofItemAtPath: path)
    }

    /// Two rows with frames: `pair` (shot010 start/end) and `single` (shot020.jpg).
    static func frameManifest(in scratch: TemporaryFolder, name: String = "drop.csv") throws -> String {
        let text = """
            id,model,prompt,aspect_ratio,resolution,first_frame,last_frame
            pair,rhart-video-v3.1-fast/start-end-to-video,"[pair] Night turns to sunrise over the harbour.",16:9,720p,shot010_start.png,shot010_end.png
            single,rhart-video-v3.1-fast-official/image-to-video,"[single] Slow push-in on the nebula.",16:9,720p,shot020.jpg,

            """
        let path = scratch.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? -1
    }

    /// `status --json` of the folder: output name → state.
    static func states(out: String) async throws -> [String: String] {
        let status = try await runVeobatch(["status", "--out", out, "--json"])
        let rows = try StatusDocument.rows(in: Data(status.stdout.utf8))
        return Dictionary(rows.map { ($0.id, $0.state) }, uniquingKeysWith: { first, _ in first })
    }
}

extension CronFixture {
    /// A valid PNG of the given size (one grey row repeated, stored uncompressed): enough for
    /// libmagic to read its dimensions.
    static func png(width: Int, height: Int) -> Data {
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            return be32(UInt32(body.count)) + typed + be32(crc32(typed))
        }
        func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }
        func adler32(_ bytes: [UInt8]) -> UInt32 {
            var a: UInt32 = 1, b: UInt32 = 0
            for byte in bytes { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
            return b << 16 | a
        }
        // Raw scanlines (filter 0, grey 8-bit), in stored deflate blocks of at most 65535 bytes.
        var raw: [UInt8] = []
        raw.reserveCapacity((width + 1) * height)
        for _ in 0..<height { raw.append(0); raw += [UInt8](repeating: 0x80, count: width) }
        var deflate: [UInt8] = [0x78, 0x01]
        var offset = 0
        while offset < raw.count {
            let count = min(65535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            deflate += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            deflate += raw[offset..<offset + count]
            offset += count
        }
        deflate += be32(adler32(raw))
        let header = be32(UInt32(width)) + be32(UInt32(height)) + [8, 0, 0, 0, 0]
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", deflate) + chunk("IEND", [])
        return Data(bytes)
    }
}
