import Foundation
import Testing
@testable import VeoBatch

@Suite("FileDurability")
struct FileDurabilityTests {
    @Test("a file and its folder flush; a missing file is an error naming it")
    func flushes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("durability-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
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
