import Foundation
import Testing
@testable import VeoBatch

/// `jobs.inputsJSON` and the fingerprint outlive the code that wrote them: a folder rendered by an
/// earlier version must read back, write back byte for byte, and fingerprint the same, or every
/// finished job would look new and be paid again. The strings below were written by the version
/// that still spelled an input as `kind` + `source` + `rowID`; they are pinned, never regenerated.
@Suite struct InputFileFormatTests {
    static let stored = #"[{"field":"firstFrameUrl","isList":false,"kind":"file","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":1234,"source":"/shots/a.png"},{"field":"imageUrls","isList":true,"kind":"url","source":"https://cdn.example.com/b.png"},{"field":"video","isList":false,"kind":"rowOutput","rowID":"base","sha256":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","size":99,"source":"/out/base/base.mp4"}]"#
    /// Computed from `stored` by the version before one media-source enum.
    static let pinnedFingerprint = "e99e49c0c00b3a840392ecc23619831331a2d278e67a499a6f5200acf28ea5a7"
    static let endpoint = "rhart-video-v3.1-pro/start-end-to-video"
    static let parameters: [String: JSONValue] = ["prompt": .string("a cat/dog"), "aspectRatio": .string("16:9"), "generateAudio": .bool(true)]

    static func decodeStored(_ text: String) throws -> [InputFile] {
        try JSONDecoder().decode([InputFile].self, from: Data(text.utf8))
    }

    @Test("inputs stored by the earlier version decode and are written back byte for byte")
    func storedInputsRoundTrip() throws {
        let inputs = try Self.decodeStored(Self.stored)
        #expect(inputs.count == 3)
        let record = try JobFlow.newRecord(TestBatch.job("a"), manifest: "m", inputs: inputs, fingerprint: "f", state: .pending)
        #expect(record.inputsJSON == Self.stored)
        #expect(try record.decodedInputs() == inputs)
    }

    @Test("the fingerprint of stored inputs is the one the earlier version computed")
    func fingerprintIsPinned() throws {
        let inputs = try Self.decodeStored(Self.stored)
        #expect(Fingerprint.of(endpoint: Self.endpoint, parameters: Self.parameters, inputs: inputs) == Self.pinnedFingerprint)
    }

    @Test("an input of an unknown kind does not decode", arguments: [
        #"[{"field":"video","isList":false,"kind":"folder","source":"/x"}]"#,
        #"[{"field":"video","isList":false,"source":"/x"}]"#,
        #"[{"field":"video","isList":false,"kind":"file"}]"#,
    ])
    func unknownKindThrows(text: String) {
        #expect(throws: DecodingError.self) { try Self.decodeStored(text) }
    }
}
