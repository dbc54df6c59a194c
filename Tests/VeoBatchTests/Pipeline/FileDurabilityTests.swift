import Foundation
import Testing
import TestSupport
@testable import VeoBatch

@Suite("FileDurability")
struct FileDurabilityTests {
    @Test("a file and its folder flush; a missing file is an error naming it")
    func flushes() throws {
        let scratch = try TemporaryFolder(prefix: "durability")
        defer { scratch.remove() }
        let folder = scratch.path
        let path = folder + "/clip.mp4.part"
        try Data("bytes".utf8).write(to: URL(fileURLWithPath: path))
        try FileDurability.flush(file: path)
        FileDurability.flushFolder(containing: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("bytes".utf8))
        do {
            try FileDurability.flush(file: folder + "/missing.part")
            Issue.record("flushing a missing file must fail")
        } catch {
            #expect(error.description.contains("missing.part"))
            #expect(error.description.contains("No such file or directory"))
        }
    }
}
