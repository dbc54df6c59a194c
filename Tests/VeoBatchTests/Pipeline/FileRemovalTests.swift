import Foundation
import Testing
import TestSupport
@testable import VeoBatch

/// `FileWrite.remove` clears a download's `.part` before a fresh attempt: a file goes, nothing
/// there is no error, and a folder standing in its place goes too (as FileManager removes it).
@Suite("FileWrite.remove")
struct FileRemovalTests {
    @Test("a file, a missing name and a folder in the file's place")
    func removes() throws {
        let scratch = try TemporaryFolder(prefix: "removal")
        let file = try scratch.write("clip.mp4.part", text: "half a clip")
        FileWrite.remove(file)
        #expect(!FileManager.default.fileExists(atPath: file))

        FileWrite.remove(scratch.path("never-there.part"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("never-there.part")))

        let folder = try scratch.folder("odd.mp4.part")
        try scratch.write("odd.mp4.part/inside", text: "x")
        FileWrite.remove(folder)
        #expect(!FileManager.default.fileExists(atPath: folder))
        // The folder holding them is left alone.
        #expect(FileManager.default.fileExists(atPath: scratch.path))
    }
}
