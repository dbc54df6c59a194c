import Foundation
import Logging
import Testing
import TestSupport
@testable import VeoBatch

extension HostileCase: CustomTestStringConvertible {
    var testDescription: String { name }
}

/// Every hostile case through the library: an error at exactly the expected file, line and column,
/// and no job. Real libmagic, so the types are the ones `veobatch` itself would see.
@Suite("Hostile manifests")
struct HostileManifestTests {
    @Test func corpusIsLargeAndNamesAreUnique() {
        let names = HostileCorpus.cases.map(\.name)
        #expect(names.count >= 40)
        #expect(Set(names).count == names.count)
    }

    @Test(arguments: HostileCorpus.cases)
    func refusedAtTheExpectedPosition(_ hostile: HostileCase) throws {
        let scratch = try TemporaryFolder()
        let written = try HostileCorpus.write(hostile, into: scratch.path)
        let validation = try HostileValidation.validate(written.manifestPath)

        #expect(!validation.isValid)
        #expect(validation.jobs.isEmpty)
        let match = validation.diagnostics.first { diagnostic in
            diagnostic.severity == .error && diagnostic.path == written.manifestPath
                && diagnostic.line == hostile.line && diagnostic.column == hostile.column
                && diagnostic.message.contains(hostile.message)
        }
        #expect(match != nil, "expected \(hostile.line):\(hostile.column) '\(hostile.message)', got \(validation.diagnostics.map(\.description))")
        // Every diagnostic of a row-level problem names a line; only unreadable files may not.
        #expect(validation.diagnostics.allSatisfy { $0.line != nil })
    }

    @Test func controlManifestIsValid() throws {
        let scratch = try TemporaryFolder()
        let written = try HostileCorpus.write(HostileCorpus.control, into: scratch.path)
        let validation = try HostileValidation.validate(written.manifestPath)
        #expect(validation.diagnostics.map(\.description) == [])
        #expect(validation.jobs.map(\.outputName) == ["a", "a-take2", "b", "c"])
    }

    /// A JPEG named .png is usable where JPEG is allowed: a warning, not an error.
    @Test func jpegNamedPNGIsOnlyAWarning() throws {
        let scratch = try TemporaryFolder()
        let written = try HostileCorpus.write(HostileCase("jpeg-named-png", 0, 0, "") { folder in
            try folder.file("frame.png", HostileMedia.jpeg)
            try folder.manifest(HostileCorpus.firstFrame("frame.png"))
        }, into: scratch.path)
        let validation = try HostileValidation.validate(written.manifestPath)
        #expect(validation.isValid)
        #expect(validation.diagnostics.map(\.description) == [
            "\(written.manifestPath):2:4: warning: file 'frame.png' is image/jpeg by its content, not image/png as its name says; it will be sent as image/jpeg",
        ])
        #expect(validation.jobs.count == 1)
    }

    /// A symlink that stays inside the media root, and an explicit path outside it, are still fine:
    /// only links that lead out of the root are refused.
    @Test func linksInsideTheRootAndWrittenOutsidePathsAreAccepted() throws {
        let scratch = try TemporaryFolder()
        let written = try HostileCorpus.write(HostileCase("inside-links", 0, 0, "") { folder in
            try folder.file("real/frame.png", HostileMedia.png)
            try folder.symlink("frame.png", to: "real/frame.png")
            try folder.symlink("alias", to: "real")
            let shared = try folder.outsideFile("shared.png", HostileMedia.png)
            try folder.manifest(HostileCorpus.csv(
                "id,model,prompt,first_frame",
                "a,\(HostileCorpus.imageToVideo),\(HostileCorpus.prompt),frame.png",
                "b,\(HostileCorpus.imageToVideo),\(HostileCorpus.prompt),alias/frame.png",
                "c,\(HostileCorpus.imageToVideo),\(HostileCorpus.prompt),\(shared)"))
        }, into: scratch.path)
        let validation = try HostileValidation.validate(written.manifestPath)
        #expect(validation.diagnostics.map(\.description) == [])
        #expect(validation.jobs.count == 3)
    }
}

/// The validator as `veobatch validate` builds it, shared by the hostile tests.
enum HostileValidation {
    private static let detector = Result { try MagicFileTypeDetector() }
    private static let table = Result { try EndpointTable.vendor() }

    static func validate(_ manifestPath: String) throws -> ManifestValidation {
        ManifestValidator(table: try table.get(), detector: try detector.get(), logger: Logger(label: "hostile"))
            .validate(manifestAt: manifestPath)
    }
}
