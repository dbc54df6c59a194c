import Crypto
import Foundation
import Testing
import TestSupport
@testable import VeoBatch

@Suite("FileDigest")
struct FileDigestTests {
    @Test("a file over several read chunks hashes like the same bytes in memory; a missing file names itself")
    func hashesAcrossChunks() throws {
        let scratch = try TemporaryFolder(prefix: "digest")
        defer { scratch.remove() }
        let folder = scratch.path
        let bytes = Data((0..<(FileDigest.chunkSize * 2 + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let path = folder + "/frame.png"
        try bytes.write(to: URL(fileURLWithPath: path))
        let digest = try FileDigest.sha256(ofFileAt: path)
        #expect(digest.size == Int64(bytes.count))
        #expect(digest.hex == FileDigest.sha256(of: bytes))
        let empty = folder + "/empty.png"
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(try FileDigest.sha256(ofFileAt: empty).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(throws: FileDigest.Failure.self) { try FileDigest.sha256(ofFileAt: folder + "/missing.png") }
    }
}
