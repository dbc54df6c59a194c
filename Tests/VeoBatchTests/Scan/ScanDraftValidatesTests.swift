import Foundation
import Logging
import Testing
import TestSupport

@testable import VeoBatch

/// What `scan --manifest` drafts is what `validate` reads: the draft of the example folder,
/// typed with libmagic, has no problem but the prompts a person must write, each pointed at its
/// own line and the prompt column, and validates clean once they are written.
@Suite("Scan: a drafted manifest goes through the validator")
struct ScanDraftValidatesTests {
    @Test("the example folder's draft asks only for prompts, then validates clean")
    func draftOfExampleFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let example = ScanExampleFolderTests.exampleFolder
        for name in try FileManager.default.contentsOfDirectory(atPath: example) where !name.hasSuffix(".csv") && !name.hasPrefix(".") {
            try FileManager.default.copyItem(atPath: example + "/" + name, toPath: folder.path + "/" + name)
        }
        let manifest = folder.path + "/draft.csv"
        let detector = try MagicFileTypeDetector()
        let logger = Logger(label: "test.draft")
        let scanned = try await makeTestScanner(detector: detector).scan(folders: [folder.path], excluding: [manifest])
        let drafted = try DraftManifest(path: manifest, models: ShotModels(), logger: logger).merge(scanned.shots)
        #expect(drafted.added.count == 5)

        let validator = ManifestValidator(table: try EndpointTable.vendor(), detector: detector, logger: logger)
        let draft = validator.validate(manifestAt: manifest)
        let errors = draft.diagnostics.filter { $0.severity == .error }
        // Only the prompts are missing: one error per row whose model needs one (the clip to extend
        // takes an optional prompt), each on that row's line and in the prompt column.
        let promptColumn = try #require(Self.header(of: manifest).firstIndex(of: "prompt")).advanced(by: 1)
        #expect(errors.map(\.line) == [2, 3, 4, 6], "\(draft.diagnostics)")
        #expect(errors.allSatisfy { $0.column == promptColumn && $0.message.contains("needs a prompt") }, "\(errors)")
        #expect(draft.jobs.isEmpty)

        try Self.fillPrompts(manifest, column: promptColumn - 1)
        let filled = validator.validate(manifestAt: manifest)
        #expect(filled.errorCount == 0, "\(filled.diagnostics)")
        #expect(Set(filled.jobs.map(\.rowID)) == Set(drafted.added))
        // Every local frame and clip of the draft resolved to a file in the scanned folder.
        let files = filled.jobs.flatMap(\.media).compactMap { media -> String? in
            if case .file(let path) = media.source { return path } else { return nil }
        }
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { $0.hasPrefix(folder.path) && FileManager.default.fileExists(atPath: $0) })
    }

    private static func header(of manifest: String) throws -> [String] {
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        return text.split(separator: "\n", maxSplits: 1).first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
    }

    /// Writes a prompt into every data line's empty prompt cell (the draft quotes nothing there).
    private static func fillPrompts(_ manifest: String, column: Int) throws {
        let lines = try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let filled = lines.enumerated().map { index, line -> String in
            guard index > 0, !line.isEmpty else { return String(line) }
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[column] = "Slow push-in on shot \(index) in warm dusk light over the harbour."
            return cells.joined(separator: ",")
        }
        try filled.joined(separator: "\n").write(toFile: manifest, atomically: true, encoding: .utf8)
    }
}
