import Foundation

/// libmagic rules for the one question a downloaded result is asked: is it the MP4 (or
/// QuickTime) video RunningHub renders?
///
/// libmagic's own database answers it by trying its thousands of rules, about 80 µs a clip and
/// the largest single piece of a run's CPU after HTTP and the journal. These rules know only the
/// `ftyp` major brands of MP4 and QuickTime files and answer in a few microseconds. They only
/// ever say yes: a file they do not name (another brand, an HTML error page, an image) is typed
/// again with the full database, which decides and names it. Each brand's MIME type is the one
/// the full database gives it, which `ClipMagicTests` holds line by line.
enum ClipMagic {
    /// Major brands (bytes 8–11 after `ftyp` at offset 4) and their MIME types.
    static let brands: [(brand: String, mimeType: String)] = [
        ("isom", "video/mp4"), ("iso2", "video/mp4"), ("iso4", "video/mp4"), ("iso5", "video/mp4"), ("iso6", "video/mp4"),
        ("mp41", "video/mp4"), ("mp42", "video/mp4"), ("avc1", "video/mp4"), ("dash", "video/mp4"), ("mmp4", "video/mp4"),
        ("qt  ", "video/quicktime"),
    ]

    /// The MIME types these rules can answer; any other answer means "not one of ours".
    static let mimeTypes = Set(brands.map(\.mimeType))

    /// Leading bytes the rules need: the size and `ftyp` box type, then the major brand.
    static let bytes = 12

    /// The rules in libmagic's source format, one top-level test per brand (`\040` is a space).
    static var rules: String {
        brands.map { "4\tstring\tftyp\($0.brand.replacingOccurrences(of: " ", with: "\\040"))\tISO Media\n!:mime\t\($0.mimeType)\n" }
            .joined()
    }

    /// A cookie loaded with these rules. `magic_load` reads rules from a file only, so they go
    /// through a private folder made in `temporaryFolder` and removed once they are loaded.
    static func cookie(in temporaryFolder: String) throws -> MagicCookie {
        var template = Array((temporaryFolder + "/veobatch-magic.XXXXXX").utf8CString)
        guard let folder = mkdtemp(&template).map({ String(cString: $0) }) else {
            throw FileTypeDetectionError.databaseUnavailable(
                reason: "no temporary folder for the clip rules (\(String(cString: strerror(errno))))")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/clips.magic"
        do {
            try Data(rules.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw FileTypeDetectionError.databaseUnavailable(reason: "the clip rules could not be written to \(path): \(error)")
        }
        return try MagicCookie(bytesMax: bytes, database: path)
    }
}
