import Foundation

// The hostile-input corpus (issue 5, item 3): manifests and media that must each be refused with
// exit 2 and a `path:line:column: error:` diagnostic before anything is uploaded or submitted.
//
// This file and its `HostileCorpus+*.swift` siblings use Foundation only (no VeoBatch, no Testing),
// so they can be copied into any test target — e.g. an end-to-end test that runs `veobatch run`
// over the same corpus against rh-sim and checks that no request arrived.

/// One hostile input: how to lay it out in a folder, and where the error must point.
struct HostileCase: Sendable {
    /// Folder name and test label, e.g. `id-parent-path`.
    let name: String
    /// The physical line and CSV field (1-based) the error must name.
    let line: Int
    let column: Int
    /// A distinctive part of the expected message.
    let message: String
    /// Writes the manifest (always `manifest.csv`) and any media into the case's folder.
    let layout: @Sendable (HostileCaseFolder) throws -> Void

    init(_ name: String, _ line: Int, _ column: Int, _ message: String, layout: @escaping @Sendable (HostileCaseFolder) throws -> Void) {
        self.name = name
        self.line = line
        self.column = column
        self.message = message
        self.layout = layout
    }

    /// A case that is only a manifest text.
    init(_ name: String, _ line: Int, _ column: Int, _ message: String, csv: String) {
        self.init(name, line, column, message) { try $0.manifest(csv) }
    }
}

/// A case after it was written: the manifest to validate (its folder is the media root).
struct WrittenHostileCase: Sendable, Hashable {
    let name: String
    let manifestPath: String
    let line: Int
    let column: Int
    let message: String

    /// How a compiler-style diagnostic for this case starts: `/…/manifest.csv:3:4: error: `.
    var expectedPrefix: String { "\(manifestPath):\(line):\(column): error: " }
}

enum HostileCorpus {
    /// Every case, grouped by what it attacks.
    static var cases: [HostileCase] {
        structureCases + encodingCases + headerCases + idCases + valueCases + referenceCases + mediaCases + urlCases
    }

    /// Writes every case into its own folder under `root`.
    static func writeAll(into root: String) throws -> [WrittenHostileCase] {
        try cases.map { try write($0, into: root) }
    }

    /// Writes one case into `root/NAME/` (media outside the media root go to `root/NAME.outside/`).
    static func write(_ hostile: HostileCase, into root: String) throws -> WrittenHostileCase {
        let folder = HostileCaseFolder(path: root + "/" + hostile.name, outside: root + "/" + hostile.name + ".outside")
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try hostile.layout(folder)
        return WrittenHostileCase(name: hostile.name, manifestPath: folder.manifestPath,
                                  line: hostile.line, column: hostile.column, message: hostile.message)
    }

    // Models the cases use (doc names and paths as `veobatch models` lists them).
    static let textToVideo = "google/veo3.1-pro/text-to-video-official-stable"
    static let imageToVideo = "google/veo3.1-fast/image-to-video-official-stable"
    static let videoExtend = "google/veo3.1-fast/video-extend-official-stable"
    static let referenceToVideo = "google/veo3.1-pro/reference-to-video-official-stable"
    static let lowPriceTextToVideo = "rhart-video-v3.1-fast/text-to-video"
    static let prompt = "A quiet street at dawn"

    /// Header and rows joined with LF, ending with LF.
    static func csv(_ lines: String...) -> String {
        lines.joined(separator: "\n") + "\n"
    }

    /// A one-row image-to-video manifest whose first_frame (column 4) is `frame`.
    static func firstFrame(_ frame: String) -> String {
        csv("id,model,prompt,first_frame", "a,\(imageToVideo),\(prompt),\(frame)")
    }

    /// A manifest that must validate cleanly: proves the corpus fails for its own reasons, not for
    /// something every case shares. (Its line, column and message are unused.)
    static let control = HostileCase("control-valid", 0, 0, "") { folder in
        try folder.file("frame.png", HostileMedia.png)
        try folder.file("clip.mp4", HostileMedia.mp4)
        try folder.manifest(csv(
            "id,model,prompt,first_frame,video,seed,takes",
            "a,\(imageToVideo),\(prompt),frame.png,,7,2",
            "b,\(videoExtend),,,clip.mp4,,",
            "c,\(videoExtend),\(prompt),,@b,,"))
    }
}

/// Writes one case's files. Paths are relative to the case folder, which is the media root.
struct HostileCaseFolder {
    let path: String
    /// A sibling folder outside the media root, for symlink escapes.
    let outside: String

    var manifestPath: String { path + "/manifest.csv" }

    func manifest(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: manifestPath))
    }

    func manifest(bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: manifestPath))
    }

    /// Writes `data` at `name` (folders created) and returns its absolute path.
    @discardableResult
    func file(_ name: String, _ data: Data) throws -> String {
        try Self.write(data, at: path + "/" + name)
    }

    /// Writes `data` outside the media root and returns its absolute path.
    @discardableResult
    func outsideFile(_ name: String, _ data: Data) throws -> String {
        try Self.write(data, at: outside + "/" + name)
    }

    /// A file of `size` bytes that starts with `header` and is a hole after it (no disk used).
    func sparseFile(_ name: String, header: Data, size: UInt64) throws {
        let full = try file(name, header)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: full))
        try handle.truncate(atOffset: size)
        try handle.close()
    }

    func symlink(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path + "/" + name, withDestinationPath: target)
    }

    func directory(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/" + name, withIntermediateDirectories: true)
    }

    func fifo(_ name: String) throws {
        guard mkfifo(path + "/" + name, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    private static func write(_ data: Data, at full: String) throws -> String {
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
        return full
    }
}

/// Tiny real media as bytes (made with ffmpeg, checked with `file`), so the corpus needs no
/// binary fixtures and no encoder at run time.
enum HostileMedia {
    /// 8×8 red PNG.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAEklEQVR4nGP4y8CAFWEXHbQSAPZwP0G2GkFNAAAAAElFTkSuQmCC") ?? Data()
    /// 8×8 baseline JPEG.
    static let jpeg = Data(base64Encoded: "/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAg+Pkk+SVVVVVVVVWRdZGhoaGRkZGRoaGhwcHCDg4NwcHBoaHBwfHyDg4+Tj4eHg4eTk5ubm7q6srLZ2eD/////xABMAAEBAAAAAAAAAAAAAAAAAAAABgEBAQAAAAAAAAAAAAAAAAAABgcQAQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAAIAAgDASIAAhEAAxEA/9oADAMBAAIRAxEAPwCLAFF/f//Z") ?? Data()
    /// 8×8 lossy WebP.
    static let webp = Data(base64Encoded: "UklGRjwAAABXRUJQVlA4IDAAAADQAQCdASoIAAgAAgA0JaACdLoB+AADsAD+8Oj3/yC5YXXI1/8gP+QH/ID/+PIAAAA=") ?? Data()
    /// An ISO base-media `ftyp` box (`isom`): libmagic calls it video/mp4.
    static let mp4 = Data([0, 0, 0, 0x18]) + Data("ftypisom".utf8) + Data([0, 0, 2, 0]) + Data("isommp41".utf8)
    static let text = Data("just some words, not a picture\n".utf8)
    static let html = Data("<!DOCTYPE html>\n<html><body><img src=x onerror=alert(1)></body></html>\n".utf8)
}
