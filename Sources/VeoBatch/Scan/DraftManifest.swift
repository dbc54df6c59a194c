import CSV
import Foundation
import Logging

/// Writes the draft manifest for scanned shots, or merges new shots into an existing manifest.
///
/// Existing rows are never rewritten in meaning: when the new rows fit the existing header, their
/// text is appended after the original bytes, which stay exactly as they were (BOM, quoting, line
/// endings, extra columns). Only when a new row needs a column the header lacks is the file
/// re-serialised, with that column added at the end and left empty in the existing rows.
public struct DraftManifest: Sendable {
    /// Columns of a new draft, in order. `aspect_ratio`, `resolution` and `duration` stay empty
    /// (endpoint defaults) unless a frame's shape asks for an aspect ratio.
    public static let columns = [
        "id", "model", "prompt", "first_frame", "last_frame", "reference_images", "video", "aspect_ratio",
        "resolution", "duration",
    ]
    static let mediaColumns = ["first_frame", "last_frame", "reference_images", "video"]

    public var path: String
    public var models: ShotModels
    public var logger: Logger

    public init(path: String, models: ShotModels, logger: Logger) {
        self.path = FolderWalk.absolutePath(path)
        self.models = models
        self.logger = logger
    }

    /// Adds the shots the manifest does not list yet. A shot is already listed when a row has its
    /// id, or when a row uses one of its files: a renamed row must not be drafted (and paid) twice.
    public func merge(_ shots: [Shot]) throws(ScanError) -> DraftManifestOutcome {
        let folder = (path as NSString).deletingLastPathComponent
        let existing = try ExistingManifest.read(path: path)
        let listed = existing.map { ListedShots($0, manifestFolder: folder) } ?? ListedShots()

        var outcome = DraftManifestOutcome(path: path)
        var newRows: [[String: String]] = []
        for shot in shots {
            if let rowID = listed.row(for: shot) {
                outcome.alreadyListed.append(.init(shotID: shot.id, rowID: rowID))
            } else {
                newRows.append(row(for: shot, manifestFolder: folder))
                outcome.added.append(shot.id)
            }
        }
        guard !newRows.isEmpty else {
            logger.debug("Manifest already lists every shot", metadata: ["stage": "scan", "manifest": "\(path)"])
            return outcome
        }

        let data: Data
        if let existing {
            let needed = Self.columns.filter { column in
                ["id", "model", "prompt"].contains(column) || newRows.contains { !($0[column] ?? "").isEmpty }
            }
            let missing = needed.filter { !existing.header.contains($0) }
            outcome.addedColumns = missing
            data = missing.isEmpty ? try existing.appending(newRows) : try existing.rewritten(adding: missing, rows: newRows)
        } else {
            data = try CSVText.encode([Self.columns] + newRows.map { row in Self.columns.map { row[$0] ?? "" } }, newline: "\n")
        }
        try AtomicFileWrite.replace(path, with: data)
        outcome.wroteFile = true
        logger.debug("Wrote manifest", metadata: ["stage": "scan", "manifest": "\(path)", "added": "\(newRows.count)"])
        return outcome
    }

    private func row(for shot: Shot, manifestFolder: String) -> [String: String] {
        let model = models.model(for: shot.kind)
        func relative(_ file: ShotFile?) -> String {
            file.map { RelativePath.from(folder: manifestFolder, to: $0.path) } ?? ""
        }
        let takesAspect = ScanEndpointFacts.named(model)?.takesAspectRatio ?? false
        return [
            "id": shot.id,
            "model": model,
            "prompt": "",
            "first_frame": relative(shot.firstFrame),
            "last_frame": relative(shot.lastFrame),
            "reference_images": shot.referenceImages.map { relative($0) }.joined(separator: ";"),
            "video": relative(shot.video),
            "aspect_ratio": takesAspect ? (shot.aspectRatio ?? "") : "",
            "resolution": Self.resolution(for: shot, model: model),
        ]
    }
}

extension DraftManifest {
    /// `1080p` when the shot's frames have 1080 lines or more and the model offers it; otherwise
    /// empty (the endpoint's default). Plates that size would be wasted on a 720p render.
    static func resolution(for shot: Shot, model: String) -> String {
        guard let size = (shot.firstFrame ?? shot.referenceImages.first)?.pixelSize, min(size.width, size.height) >= 1080,
              ScanEndpointFacts.named(model)?.resolutions.contains("1080p") == true
        else { return "" }
        return "1080p"
    }
}

/// What a merge did, for the table and `--json`.
public struct DraftManifestOutcome: Sendable, Hashable, Codable {
    /// A scanned shot the manifest already had, and the row that has it.
    public struct Listed: Sendable, Hashable, Codable {
        public var shotID: String
        public var rowID: String
    }

    public var path: String
    /// Ids of the rows appended, in order.
    public var added: [String] = []
    public var alreadyListed: [Listed] = []
    /// Columns added to an existing header (empty in the rows that were there).
    public var addedColumns: [String] = []
    /// False when nothing was new: the file was not touched.
    public var wroteFile = false

    public init(path: String) {
        self.path = path
    }
}

/// Which shots an existing manifest already covers: by row id, and by the files its rows use.
struct ListedShots {
    private var rowByID: [String: String] = [:]
    private var rowByFile: [String: String] = [:]

    init() {}

    init(_ manifest: ExistingManifest, manifestFolder: String) {
        let idColumn = manifest.header.firstIndex(of: "id")
        let media = DraftManifest.mediaColumns.compactMap { manifest.header.firstIndex(of: $0) }
        for row in manifest.rows {
            guard let idColumn, idColumn < row.count else { continue }
            let rowID = row[idColumn]
            if !rowID.isEmpty { rowByID[rowID.lowercased()] = rowByID[rowID.lowercased()] ?? rowID }
            for column in media where column < row.count {
                for value in row[column].split(separator: ";") {
                    let reference = value.trimmingSpaces()
                    guard !reference.isEmpty, !reference.hasPrefix("@"), !reference.contains("://") else { continue }
                    let absolute = reference.hasPrefix("/") ? reference : manifestFolder + "/" + reference
                    for key in Self.keys(absolute) { rowByFile[key] = rowByFile[key] ?? rowID }
                }
            }
        }
    }

    func row(for shot: Shot) -> String? {
        if let row = rowByID[shot.id.lowercased()] { return row }
        for file in shot.files {
            for key in Self.keys(file.path) { if let row = rowByFile[key] { return row } }
        }
        return nil
    }

    /// The path as written and as resolved, so `../shots/a.png` and a symlinked folder both match.
    private static func keys(_ path: String) -> [String] {
        let standardized = URL(fileURLWithPath: path).standardized.path
        return [standardized] + [FolderWalk.realPath(standardized)].compactMap { $0 }
    }
}
