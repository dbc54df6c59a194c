import Foundation
import Testing
@testable import VeoBatch

/// `jobs.inputsJSON` and the fingerprint outlive the code that wrote them: a folder rendered by an
/// earlier version must read back, write back byte for byte, and fingerprint the same, or every
/// finished job would look new and be paid again. The strings below were written by the version
/// that still spelled an input as `kind` + `source` + `rowID`; they are pinned, never regenerated.
@Suite struct InputFileFormatTests {
    static let stored =
        #"[{"field":"firstFrameUrl","isList":false,"kind":"file","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":1234,"source":"/shots/a.png"},{"field":"imageUrls","isList":true,"kind":"url","source":"https://cdn.example.com/b.png"},{"field":"video","isList":false,"kind":"rowOutput","rowID":"base","sha256":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","size":99,"source":"/out/base/base.mp4"}]"#
    /// Computed from `stored` by the version before one media-source enum.
    static let pinnedFingerprint = "e99e49c0c00b3a840392ecc23619831331a2d278e67a499a6f5200acf28ea5a7"
    static let endpoint = "rhart-video-v3.1-pro/start-end-to-video"
    static let parameters: [String: JSONValue] = [
        "prompt": .string("a cat/dog"), "aspectRatio": .string("16:9"), "generateAudio": .bool(true),
    ]

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

    @Test("each stored kind reads back as one media source, with what the sidecar shows as kind, source and row")
    func storedKindsAreMediaSources() throws {
        let inputs = try Self.decodeStored(Self.stored)
        #expect(inputs.map(\.source) == [.file(path: "/shots/a.png"), .url("https://cdn.example.com/b.png"), .rowOutput(rowID: "base")])
        #expect(inputs.map(\.source.kindName) == ["file", "url", "rowOutput"])
        #expect(inputs.map(\.location) == ["/shots/a.png", "https://cdn.example.com/b.png", "/out/base/base.mp4"])
        #expect(inputs.map(\.source.rowID) == [nil, nil, "base"])
        #expect(inputs[0].localFile == LocalFile(path: "/shots/a.png", sha256: String(repeating: "a", count: 64), size: 1234))
        #expect(inputs[1].localFile == nil)
        #expect(inputs[2].localFile == LocalFile(path: "/out/base/base.mp4", sha256: String(repeating: "b", count: 64), size: 99))
    }

    @Test("inputs built by the job flow are the ones stored: same JSON, same fingerprint")
    func builtInputsMatchStored() throws {
        let a = LocalFile(path: "/shots/a.png", sha256: String(repeating: "a", count: 64), size: 1234)
        let clip = LocalFile(path: "/out/base/base.mp4", sha256: String(repeating: "b", count: 64), size: 99)
        let spec = JobSpec(
            rowID: "r", take: 1, endpoint: Self.endpoint, parameters: Self.parameters,
            media: [
                MediaInput(field: "firstFrameUrl", isList: false, source: .file(path: a.path)),
                MediaInput(field: "imageUrls", isList: true, source: .url("https://cdn.example.com/b.png")),
                MediaInput(field: "video", isList: false, source: .rowOutput(rowID: "base")),
            ],
            estimatedCost: nil, outputName: "r", line: 2)
        let inputs = try JobFlow.inputs(of: spec, digests: [a.path: a], clips: ["base": clip])
        #expect(inputs == (try Self.decodeStored(Self.stored)))
        #expect(try JobFlow.newRecord(spec, manifest: "m", inputs: inputs, fingerprint: "f", state: .pending).inputsJSON == Self.stored)
        #expect(Fingerprint.of(endpoint: spec.endpoint, parameters: spec.parameters, inputs: inputs) == Self.pinnedFingerprint)
    }

    @Test("manifest URLs follow the one https-or-loopback rule")
    func manifestURLRule() {
        #expect(MediaCell.urlProblem("https://cdn.example.com/a.png") == nil)
        #expect(MediaCell.urlProblem("http://127.0.0.1:8080/a.png") == nil)
        #expect(MediaCell.urlProblem("http://localhost/a.png") == nil)
        #expect(MediaCell.urlProblem("http://[::1]/a.png") == nil)
        #expect(MediaCell.urlProblem("http://example.com/a.png")?.contains("must use https") == true)
        #expect(MediaCell.urlProblem("ftp://example.com/a.png")?.contains("must use https") == true)
    }

    @Test("the fingerprint of stored inputs is the one the earlier version computed")
    func fingerprintIsPinned() throws {
        let inputs = try Self.decodeStored(Self.stored)
        #expect(Fingerprint.of(endpoint: Self.endpoint, parameters: Self.parameters, inputs: inputs) == Self.pinnedFingerprint)
    }

    @Test(
        "an input of an unknown kind does not decode",
        arguments: [
            #"[{"field":"video","isList":false,"kind":"folder","source":"/x"}]"#,
            #"[{"field":"video","isList":false,"source":"/x"}]"#,
            #"[{"field":"video","isList":false,"kind":"file"}]"#,
            // A file or a clip without its hash would fingerprint as "sha256:" and send its path as a URL.
            #"[{"field":"video","isList":false,"kind":"file","source":"/x","size":1}]"#,
            #"[{"field":"video","isList":false,"kind":"file","source":"/x","sha256":"aa"}]"#,
            // A clip that does not say whose it is cannot be matched with its parent's result.
            #"[{"field":"video","isList":false,"kind":"rowOutput","source":"/x","sha256":"aa","size":1}]"#,
        ])
    func unknownKindThrows(text: String) {
        #expect(throws: DecodingError.self) { try Self.decodeStored(text) }
    }
}
