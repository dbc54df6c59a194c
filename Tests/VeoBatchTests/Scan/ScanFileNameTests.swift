import Testing

@testable import VeoBatch

@Suite("Scan: file names")
struct ScanFileNameTests {
    typealias Role = ShotFileName.Role

    /// (file name, expected NAME, expected role), folder "seq".
    static let recognised: [(String, String, Role)] = [
        ("shot010_start.png", "shot010", .start),
        ("shot010-first.jpg", "shot010", .start),
        ("shot010.in.png", "shot010", .start),
        ("shot010 START.PNG", "shot010", .start),
        ("Shot010_First.JPG", "Shot010", .start),
        ("shot010_end.png", "shot010", .end),
        ("shot010-LAST.jpeg", "shot010", .end),
        ("shot010.out.png", "shot010", .end),
        ("shot010 End.png", "shot010", .end),
        ("shot030_ref1.png", "shot030", .reference(1)),
        ("shot030-REF2.jpg", "shot030", .reference(2)),
        ("shot030.ref3.png", "shot030", .reference(3)),
        ("shot030 Ref1.png", "shot030", .reference(1)),
        ("shot030_ref_2.png", "shot030", .reference(2)),
        ("shot020.png", "shot020", .plain),
        ("shot040.MP4", "shot040", .plain),
        ("shot040.mov", "shot040", .plain),
        ("shot 050 take2.jpg", "shot 050 take2", .plain),
        ("my-shot_v2.png", "my-shot_v2", .plain),
        ("noextension", "noextension", .plain),
        // Folder-per-shot: the role alone takes NAME from the folder.
        ("start.png", "seq", .start),
        ("END.jpg", "seq", .end),
        ("ref2.png", "seq", .reference(2)),
        ("_in.png", "seq", .start),
    ]

    @Test("every naming pattern and separator, in any case", arguments: recognised)
    func recognises(fileName: String, name: String, role: Role) throws {
        let parsed = try ShotFileName.parse(fileName: fileName, folderName: "seq").get()
        #expect(parsed.name == name)
        #expect(parsed.role == role)
    }

    @Test("extensions are split off in lower case, long or odd ones are part of the name")
    func extensions() {
        #expect(ShotFileName.splitExtension("a.PNG") == ("a", "png"))
        #expect(ShotFileName.splitExtension("shot.010.jpeg") == ("shot.010", "jpeg"))
        #expect(ShotFileName.splitExtension("shot 010.final take") == ("shot 010.final take", ""))
        #expect(ShotFileName.splitExtension("noext") == ("noext", ""))
    }

    @Test("reference indexes outside 1–3 are unknown naming", arguments: ["shot_ref0.png", "shot_ref4.png", "shot-ref_9.png"])
    func badReferenceIndex(fileName: String) {
        guard case .failure(let unusable) = ShotFileName.parse(fileName: fileName, folderName: "seq") else {
            Issue.record("\(fileName) should not parse")
            return
        }
        #expect(unusable.reason.contains("outside 1–3"))
    }
}

@Suite("Scan: shot ids")
struct ScanShotIDTests {
    @Test("names are sanitised to [A-Za-z0-9._-]")
    func sanitises() {
        #expect(ShotIdentifier.sanitised("shot 010") == "shot_010")
        #expect(ShotIdentifier.sanitised("Café  shot/10") == "Cafe_shot_10")
        #expect(ShotIdentifier.sanitised("-lead.dot.") == "lead.dot")
        #expect(ShotIdentifier.sanitised("日本") == nil)
        #expect(ShotIdentifier.sanitised("..") == nil)
        #expect(ShotIdentifier.sanitised(String(repeating: "a", count: 80))?.count == 64)
    }

    @Test("ids are unique without regard to case, and stay within 64 characters")
    func unique() {
        var ids = ShotIdentifier(taken: ["Shot010"])
        #expect(ids.claim("shot010") == "shot010-2")
        #expect(ids.claim("SHOT010") == "SHOT010-3")
        #expect(ids.claim("shot020") == "shot020")
        let long = String(repeating: "b", count: 64)
        #expect(ids.claim(long) == long)
        let second = ids.claim(long)
        #expect(second.count == 64 && second.hasSuffix("-2"))
    }
}

@Suite("Scan: pixel sizes from libmagic descriptions")
struct ScanPixelSizeTests {
    @Test("PNG, JPEG (after its density) and WebP descriptions as file(1) prints them")
    func descriptions() {
        #expect(
            MediaTypeNames.pixelSize(inDescription: "PNG image data, 128 x 72, 8-bit/color RGB, non-interlaced")
                == PixelSize(width: 128, height: 72))
        #expect(
            MediaTypeNames.pixelSize(
                inDescription: "JPEG image data, JFIF standard 1.02, aspect ratio, density 1x1, segment length 16, "
                    + "baseline, precision 8, 72x128, components 3") == PixelSize(width: 72, height: 128))
        #expect(
            MediaTypeNames.pixelSize(inDescription: "RIFF (little-endian) data, Web/P image, VP8 encoding, 64x36, Scaling: [none]x[none]")
                == PixelSize(width: 64, height: 36))
        #expect(MediaTypeNames.pixelSize(inDescription: "ASCII text") == nil)
        #expect(PixelSize(width: 128, height: 72).veoAspectRatio == "16:9")
        #expect(PixelSize(width: 72, height: 128).veoAspectRatio == "9:16")
        #expect(PixelSize(width: 64, height: 64).veoAspectRatio == nil)
    }
}
