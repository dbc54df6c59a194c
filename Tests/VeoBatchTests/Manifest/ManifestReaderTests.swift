import Foundation
import Testing
@testable import VeoBatch

@Suite("ManifestReader")
struct ManifestReaderTests {
    private func parse(_ text: String) -> ManifestReader.Result {
        ManifestReader.parse(data: Data(text.utf8), path: "m.csv")
    }

    private func rendered(_ result: ManifestReader.Result) -> [String] {
        result.diagnostics.map { "\($0.line.map(String.init) ?? "-"):\($0.column.map(String.init) ?? "-"): \($0.severity.rawValue): \($0.message)" }
    }

    @Test func bomCRLFAndQuotedNewlinesKeepPhysicalLines() throws {
        let text = "\u{FEFF}id,model,prompt,x_shot\r\n"
            + "a,m1,\"line one\r\nline two, with comma\",x1\r\n"          // lines 2-3
            + "b,m2,\"say \"\"hi\"\"\nand\nmore\",x2\r\n"                   // lines 4-6
            + "\r\n"                                                         // line 7 (blank)
            + "c,m3,plain,x3\r\n"                                            // line 8
            + "d,m4,\"ends\rwith lone CR\",x4"                               // line 9-10, no final newline
        let result = parse(text)
        #expect(result.diagnostics.isEmpty)
        let manifest = try #require(result.manifest)
        #expect(manifest.headerNames == ["id", "model", "prompt", "x_shot"])
        #expect(manifest.rows.map(\.line) == [2, 4, 8, 9])
        #expect(manifest.rows.map(\.id) == ["a", "b", "c", "d"])
        #expect(manifest.rows[0].value(.prompt) == "line one\r\nline two, with comma")
        #expect(manifest.rows[1].value(.prompt) == "say \"hi\"\nand\nmore")
        #expect(manifest.rows[2].carried == [CarriedColumn(name: "x_shot", value: "x3")])
        #expect(manifest.columnNumber(.prompt) == 3)
    }

    @Test func leadingBlankLinesMoveTheHeader() throws {
        let result = parse("\n\nid,model\na,b\n")
        let manifest = try #require(result.manifest)
        #expect(manifest.headerLine == 3)
        #expect(manifest.rows.map(\.line) == [4])
    }

    @Test func invalidUTF8NamesLineAndField() {
        var bytes = Array("id,model,prompt\na,m,\"ok\nstill ok\"\nb,m,caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes += Array(" au lait\n".utf8)
        let result = ManifestReader.parse(data: Data(bytes), path: "m.csv")
        #expect(result.manifest == nil)
        #expect(rendered(result) == ["4:3: error: this line is not valid UTF-8 (byte 0xE9); save the manifest as UTF-8"])
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        // CSV.swift alone would read row b into a's prompt without complaint.
        let swallowing = parse("id,model,prompt\na,m,\"the prompt\" \nb,m,second\n")
        #expect(swallowing.manifest == nil)
        #expect(rendered(swallowing) == [
            "2:3: error: a quoted field must end at its closing quote, but a space follows it; write \"\" for a quote inside a quoted field and put nothing between the closing quote and the next comma",
        ])
        let unescaped = parse("id,model,prompt\r\na,m,\"multi\r\nline\"\r\nb,m,\"say \"hi\" now\"\r\n")
        #expect(rendered(unescaped) == [
            "4:3: error: a quoted field must end at its closing quote, but 'h' follows it; write \"\" for a quote inside a quoted field and put nothing between the closing quote and the next comma",
        ])
        // Quotes inside an unquoted field are kept as they are.
        let inch = parse("id,model,prompt\na,m,a 5\" tall \"\"box\n")
        #expect(inch.diagnostics.isEmpty)
        #expect(inch.manifest?.rows.first?.value(.prompt) == "a 5\" tall \"\"box")
    }

    @Test func utf16IsRejectedWithAHint() {
        let result = ManifestReader.parse(data: Data([0xFF, 0xFE, 0x69, 0x00]), path: "m.csv")
        #expect(rendered(result) == ["1:1: error: the manifest is UTF-16; save it as UTF-8 (a BOM is fine)"])
    }

    @Test func emptyAndHeaderOnlyManifestsAreErrors() {
        #expect(rendered(parse("")) == ["1:1: error: the manifest is empty; it needs a header row (at least id,model) and one row per shot"])
        #expect(rendered(parse("\u{FEFF}\r\n")) == ["1:1: error: the manifest is empty; it needs a header row (at least id,model) and one row per shot"])
        #expect(rendered(parse("id,model,prompt\r\n\r\n")) == ["1:1: error: the manifest has a header but no rows; add one row per shot"])
    }

    @Test func headerProblems() {
        let result = parse("id,model,resolutoin,prompt,prompt,,Note_1,x_a,zzzz\na,b,c,d,e,f,g,h,i\n")
        #expect(rendered(result) == [
            "1:3: error: unknown column 'resolutoin': did you mean 'resolution'?",
            "1:5: error: the header names 'prompt' twice (columns 4 and 5); remove one of them",
            "1:6: error: column 6 of the header has no name; name it or delete the column",
            "1:7: error: unknown column 'Note_1': did you mean 'note_1'? (carried columns start with x_ or note, in lower case)",
            "1:9: error: unknown column 'zzzz': the manifest columns are id, model, prompt, negative_prompt, seed, aspect_ratio, duration, resolution, generate_audio, first_frame, last_frame, reference_images, video, takes, extend_times, extend_model, extend_prompt; name your own columns x_… or note… to carry them through",
        ])
        // The first occurrence of a duplicated column is the one read.
        #expect(result.manifest?.rows.first?.value(.prompt) == "d")
        #expect(result.manifest?.rows.first?.carried == [CarriedColumn(name: "x_a", value: "h")])
    }

    @Test func missingRequiredColumns() {
        #expect(rendered(parse("id,prompt\na,hello world\n")) == [
            "1:1: error: the header has no 'model' column; every manifest needs id and model",
        ])
        #expect(rendered(parse("prompt\nhello world\n")) == [
            "1:1: error: the header has no 'id' or 'model' column; every manifest needs id and model",
        ])
    }

    @Test func caseOfHeaderNamesMatters() {
        #expect(rendered(parse("ID,model\na,b\n")) == [
            "1:1: error: unknown column 'ID': did you mean 'id'?",
            "1:1: error: the header has no 'id' column; every manifest needs id and model",
        ])
    }

    @Test func countsLineBreaksInFields() {
        #expect(ManifestReader.lineBreaks(in: "a\r\nb\nc\rd") == 3)
        #expect(ManifestReader.lineBreaks(in: "plain") == 0)
        #expect(ManifestReader.lineBreaks(in: "\r\r\n") == 2)
    }

    @Test func editDistanceHints() {
        #expect(NameSuggestion.closest(to: "resolutoin", in: ManifestColumn.allCases.map(\.name)) == "resolution")
        #expect(NameSuggestion.closest(to: "first_fram", in: ManifestColumn.allCases.map(\.name)) == "first_frame")
        #expect(NameSuggestion.closest(to: "banana", in: ManifestColumn.allCases.map(\.name)) == nil)
        #expect(NameSuggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}
