import Foundation
import Testing
import TestSupport
@testable import VeoBatch

/// Regression tests for the library bugs the hostile corpus found (each was accepted or hung before).
@Suite("Hostile regressions")
struct HostileRegressionTests {
    private func rendered(_ text: String) -> [String] {
        rendered(Data(text.utf8))
    }

    private func rendered(_ data: Data) -> [String] {
        ManifestReader.parse(data: data, path: "m.csv").diagnostics.map { diagnostic in
            "\(diagnostic.line.map(String.init) ?? "-"):\(diagnostic.column.map(String.init) ?? "-"): \(diagnostic.message)"
        }
    }

    /// Was: CSV.swift read everything after an unclosed quote into one field, and validation passed
    /// with one row instead of two.
    @Test func unclosedQuoteIsReportedWhereItOpens() {
        let never = "this quoted field is never closed, so the rest of the file would be read into it; add the closing quote (write \"\" for a quote inside the field)"
        #expect(rendered("id,model,prompt\na,m,\"a cat\nb,m,a dog\n") == ["2:3: \(never)"])
        #expect(rendered("id,model,prompt\na,m,\"ok\"\"\nstill ok\"\nb,m,\"") == ["4:3: \(never)"])
        #expect(rendered("id,\"model") == ["1:2: \(never)"])
        // A quote that closes on the last byte is fine.
        #expect(rendered("id,model,prompt\na,m,\"a cat\"").isEmpty)
    }

    /// Was: a NUL byte went into prompts and paths (where C calls would cut the path at it).
    @Test func nulBytesAreRefusedWithLineAndField() {
        var bytes = Array("id,model,prompt\na,m,\"multi\nline\"\nb,m,ok".utf8)
        bytes += [0] + Array(" more\nc,m,fine\n".utf8)
        #expect(rendered(Data(bytes)) == [
            "4:3: this line contains a NUL byte (0x00); a manifest is plain text, so remove it (is this really the CSV file?)",
        ])
        // Bad UTF-8 and NUL together: each line reports its own problem.
        let mixed = Data(Array("id\u{0},model\n".utf8) + [0xFF] + Array(",m\n".utf8))
        #expect(rendered(mixed) == [
            "1:1: this line contains a NUL byte (0x00); a manifest is plain text, so remove it (is this really the CSV file?)",
            "2:1: this line is not valid UTF-8 (byte 0xFF); save the manifest as UTF-8",
        ])
    }

    /// Was: one diagnostic per bad header column, so a 1 MB line of commas made a million of them
    /// (450 MB). Now the first `maxReportedColumns` are reported and the rest summed up.
    @Test func aHeaderOfManyEmptyColumnsGivesBoundedDiagnostics() {
        let result = rendered("id,model" + String(repeating: ",", count: 100_000) + "\na,b\n")
        #expect(result.count == ManifestHeader.maxReportedColumns + 1)
        #expect(result.first == "1:3: column 3 of the header has no name; name it or delete the column")
        #expect(result.last == "1:53: 99950 more columns of the header have problems like the ones above; fix those and validate again")
        // Below the cap nothing is summed up.
        #expect(rendered("id,model,,\na,b,,\n") == [
            "1:3: column 3 of the header has no name; name it or delete the column",
            "1:4: column 4 of the header has no name; name it or delete the column",
        ])
    }

    /// Was: any quote toggled the quote state, so after `5" tall` the bad byte's field was wrong.
    @Test func badBytePositionIgnoresQuotesInsidePlainFields() {
        let bad = "this line is not valid UTF-8 (byte 0xE9); save the manifest as UTF-8"
        let inch = Data(Array("id,model,prompt,x\na,m,5\" tall,ok\nb,m,p,caf".utf8) + [0xE9])
        #expect(rendered(inch) == ["3:4: \(bad)"])
        let escaped = Data(Array("id,model,prompt,x\na,m,\"say \"\"hi\"\",\nthere\",ok,".utf8) + [0xE9])
        #expect(rendered(escaped) == ["3:5: \(bad)"])
    }

    /// Was: Foundation on Linux accepted `https://host/a b.png` as a URL.
    @Test func urlsWithBlanksOrControlsAreMalformed() {
        for value in ["https://cdn.example.com/a b.png", "https://cdn.example.com/a\tb.png", "https://cdn.example.com/a\u{7F}.png",
                      "https://cdn.example.com/a\u{00A0}b.png", "https://cdn.example.com/a.png\r"] {
            #expect(MediaCell.urlProblem(value)?.contains("is not a well-formed URL") == true, "\(value)")
        }
        #expect(MediaCell.urlProblem("https://cdn.example.com/a%20b.png") == nil)
    }

    /// Was: `frames -> /elsewhere` inside the media root let `frames/x.png` through.
    @Test func symlinkedFolderLeavingTheRootIsRefused() throws {
        let scratch = try TemporaryFolder()
        let root = scratch.path + "/root"
        let elsewhere = scratch.path + "/elsewhere"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try HostileMedia.png.write(to: URL(fileURLWithPath: elsewhere + "/x.png"))
        try FileManager.default.createSymbolicLink(atPath: root + "/frames", withDestinationPath: elsewhere)
        let inspector = MediaFileInspector(detector: try MagicFileTypeDetector(), mediaRoot: root)
        let realElsewhere = MediaFileInspector.realPath(elsewhere) ?? elsewhere
        let realRoot = MediaFileInspector.realPath(root) ?? root
        #expect(inspector.inspect(path: root + "/frames/x.png", written: "frames/x.png") == .problem(
            "file 'frames/x.png' lies in a symlinked folder that leads to '\(realElsewhere)/x.png', outside the media root '\(realRoot)'; write the real path in the manifest or choose a --media-root that contains it"))
        // The same file written by its own path is used as written.
        guard case .usable(let size, let type) = inspector.inspect(path: elsewhere + "/x.png", written: elsewhere + "/x.png") else {
            Issue.record("an explicit path outside the root must be usable")
            return
        }
        #expect(size == Int64(HostileMedia.png.count))
        #expect(type.mimeType == "image/png")
    }

    /// Was: a hint compared every broken `@ROW` with every id (10,000 rows took 9 minutes), and a
    /// 300 KB model name cost seconds per row. Hints now stop after `hintBudget` references and
    /// skip words no known name can be close to.
    @Test func hintsAreBounded() {
        #expect(NameSuggestion.closest(to: String(repeating: "x", count: 300_000), in: ["xxx"]) == nil)
        #expect(NameSuggestion.closest(to: String(repeating: "a", count: 201), in: [String(repeating: "a", count: 200)]) == nil)
        #expect(NameSuggestion.closest(to: "shot01", in: ["shot010", String(repeating: "s", count: 100_000)]) == "shot010")
        #expect(NameSuggestion.closest(to: "resolutoin", in: ManifestColumn.allCases.map(\.name)) == "resolution")
    }

    @Test func manyBrokenReferencesAreAllReportedAndOnlyTheFirstHinted() throws {
        let extend = HostileCorpus.videoExtend
        let rows = (0..<5000).map { "r\($0),\(extend),@q\($0)" }
        let scratch = try TemporaryFolder()
        let manifest = scratch.path + "/manifest.csv"
        try Data(HostileCorpus.csv(["id,model,video"] + rows).utf8).write(to: URL(fileURLWithPath: manifest))
        let validation = try HostileValidation.validate(manifest)
        #expect(validation.errorCount == 5000)
        #expect(validation.diagnostics.first?.message == "'@q0' does not name a row of this manifest; did you mean '@r0'?")
        #expect(validation.diagnostics.count { $0.message.contains("did you mean") } == RowReferenceCheck.hintBudget)
        #expect(validation.diagnostics.last?.message == "'@q4999' does not name a row of this manifest")
    }

    /// Was: every item of an over-long reference list was checked, so a 1.2 MB cell listing
    /// `a.png` 200,000 times printed 200,000 errors (10 MB would take over a gigabyte of memory).
    @Test func anOverlongReferenceListIsReportedOnceAndOnlyItsFirstItemsChecked() throws {
        let scratch = try TemporaryFolder()
        let manifest = scratch.path + "/manifest.csv"
        let list = Array(repeating: "gone.png", count: 10_000).joined(separator: ";")
        try Data(HostileCorpus.csv(["id,model,prompt,reference_images",
                                    "a,\(HostileCorpus.referenceToVideo),\(HostileCorpus.prompt),\(list)"]).utf8)
            .write(to: URL(fileURLWithPath: manifest))
        let validation = try HostileValidation.validate(manifest)
        let gone = "2:4: error: file 'gone.png' does not exist (looked for \(scratch.path)/gone.png)"
        #expect(validation.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): error: \($0.message)" } == [
            "2:4: error: reference_images lists 10000 images; google/veo3.1-pro/reference-to-video-official-stable takes at most 3",
            gone, gone, gone,
        ])
    }

    @Test func aModelTypoPastedIntoEveryRowGetsTheSameHint() throws {
        let rows = (0..<5000).map { "r\($0),google/veo3.1-pro/text-to-video-officail-stable,\(HostileCorpus.prompt)" }
        let scratch = try TemporaryFolder()
        let manifest = scratch.path + "/manifest.csv"
        try Data(HostileCorpus.csv(["id,model,prompt"] + rows).utf8).write(to: URL(fileURLWithPath: manifest))
        let validation = try HostileValidation.validate(manifest)
        #expect(validation.errorCount == 5000)
        #expect(Set(validation.diagnostics.map(\.message)) == [
            "unknown model 'google/veo3.1-pro/text-to-video-officail-stable': did you mean 'google/veo3.1-pro/text-to-video-official-stable'?",
        ])
    }
}

extension HostileCorpus {
    static func csv(_ lines: [String]) -> String {
        lines.joined(separator: "\n") + "\n"
    }
}
