import Foundation

/// What `veobatch scan` shows: the shots, the rejected files with reasons, notes, and what the
/// manifest merge did; as a table for people or as JSON for scripts.
public struct ScanReport: Sendable, Hashable, Codable {
    public var shots: [Shot]
    public var rejections: [ScanRejection]
    public var notes: [ScanNote]
    /// Present when `--manifest` was given.
    public var manifest: DraftManifestOutcome?

    public init(result: ScanResult, manifest: DraftManifestOutcome?) {
        self.shots = result.shots
        self.rejections = result.rejections
        self.notes = result.notes
        self.manifest = manifest
    }

    /// Pretty JSON with sorted keys, so scripts and diffs see a stable shape.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// One line for `--quiet` and the end of the table, paths under `folder` shown relative to it.
    public func summary(relativeTo folder: String) -> String {
        Self.shortening(summary, under: folder)
    }

    private var summary: String {
        var line = "Found \(count(shots.count, "shot")); rejected \(count(rejections.count, "file"))."
        if let manifest {
            let name = manifest.path
            if manifest.wroteFile {
                line += " Added \(count(manifest.added.count, "row")) to \(name)"
                line += manifest.alreadyListed.isEmpty ? "." : "; \(count(manifest.alreadyListed.count, "shot")) already listed."
            } else {
                line += " \(name) already lists every shot found; it was not changed."
            }
        }
        return line
    }

    /// The human table. Paths under `relativeTo` are shown relative to it.
    public func text(relativeTo folder: String) -> String {
        func shown(_ text: String) -> String { Self.shortening(text, under: folder) }

        var out: [String] = []
        if !shots.isEmpty {
            out.append("Shots:")
            out += Self.table(
                header: ["ID", "KIND", "FILES"],
                rows: shots.map { [$0.id, $0.kind.rawValue, $0.files.map { shown($0.path) }.joined(separator: "  ")] })
        }
        if !rejections.isEmpty {
            if !out.isEmpty { out.append("") }
            out.append("Rejected files:")
            out += Self.table(
                header: ["FILE", "REASON", "WHY"],
                rows: rejections.map { [shown($0.path), $0.reason.rawValue, shown($0.message)] })
        }
        if !notes.isEmpty {
            if !out.isEmpty { out.append("") }
            out.append("Notes:")
            out += notes.map { "  - " + shown($0.message) }
        }
        if let manifest, !manifest.addedColumns.isEmpty {
            if !out.isEmpty { out.append("") }
            out.append(
                "Columns added to \(shown(manifest.path)): \(manifest.addedColumns.joined(separator: ", ")) (empty in existing rows).")
        }
        if !out.isEmpty { out.append("") }
        out.append(shown(summary))
        return out.joined(separator: "\n") + "\n"
    }

    /// Drops `folder/` from every path in `text`, as the user would type them from there.
    static func shortening(_ text: String, under folder: String) -> String {
        text.replacingOccurrences(of: folder.hasSuffix("/") ? folder : folder + "/", with: "")
    }

    private func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// Left-aligned columns two spaces apart; the last column is not padded.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            return "  " + cells.joined(separator: "  ")
        }
    }
}
