import Foundation

/// Malformed CSV, bad encodings and bad headers: the file itself is wrong.
extension HostileCorpus {
    static var structureCases: [HostileCase] {
        let t2v = textToVideo
        return [
            // A never-closed quote: CSV.swift alone reads the rest of the file (row b) into a's prompt.
            HostileCase("csv-unterminated-quote", 2, 3, "is never closed",
                        csv: csv("id,model,prompt", "a,\(t2v),\"A quiet street", "b,\(t2v),\(prompt)")),
            HostileCase("csv-text-after-closing-quote", 2, 3, "but a space follows it",
                        csv: csv("id,model,prompt", "a,\(t2v),\"A quiet\" street", "b,\(t2v),\(prompt)")),
            HostileCase("csv-unescaped-quote-inside-quotes", 2, 3, "but 'h' follows it",
                        csv: csv("id,model,prompt", "a,\(t2v),\"say \"hi\" at dawn\"")),
            HostileCase("csv-ragged-row-too-long", 2, 4, "this row has 4 fields but the header has 3 columns",
                        csv: csv("id,model,prompt", "a,\(t2v),A quiet street, at dawn")),
            HostileCase("csv-ragged-row-too-short", 2, 4, "this row has 3 fields but the header has 4 columns",
                        csv: csv("id,model,prompt,seed", "a,\(t2v),\(prompt)")),
            // Line numbers stay physical after a quoted field that spans three lines.
            HostileCase("csv-error-after-multiline-field", 5, 4, "seed must be a whole number, not '12x'",
                        csv: csv("id,model,prompt,seed", "a,\(t2v),\"line one\nline two\nline three\",1", "b,\(t2v),\(prompt),12x")),
            HostileCase("csv-crlf-quote-never-closed", 3, 3, "is never closed",
                        csv: "id,model,prompt\r\na,\(t2v),\(prompt)\r\nb,\(t2v),\"\(prompt)\r\n"),
            // A NUL is valid UTF-8 but cuts C strings: `frame.png\0../x` would stat as `frame.png`.
            HostileCase("nul-in-prompt", 2, 3, "contains a NUL byte",
                        csv: csv("id,model,prompt", "a,\(t2v),A quiet\u{0} street at dawn")),
            HostileCase("nul-in-media-path", 2, 4, "contains a NUL byte") { folder in
                try folder.file("frame.png", HostileMedia.png)
                try folder.manifest(firstFrame("frame.png\u{0}../../../etc/passwd"))
            },
        ]
    }

    static var encodingCases: [HostileCase] {
        let t2v = textToVideo
        let utf16Text = csv("id,model,prompt", "a,\(t2v),\(prompt)")
        return [
            HostileCase("encoding-latin1", 3, 3, "not valid UTF-8 (byte 0xE9)") { folder in
                let text = Array(csv("id,model,prompt", "a,\(t2v),\(prompt)", "b,\(t2v),caf").utf8.dropLast())
                try folder.manifest(bytes: text + [0xE9] + Array(" au lait at dawn\n".utf8))
            },
            // The inch mark in row a is text, not an opening quote: the bad byte is in field 4, not 3.
            HostileCase("encoding-latin1-after-inch-mark", 3, 4, "not valid UTF-8 (byte 0xE9)") { folder in
                let text = Array(csv("id,model,prompt,x_note", "a,\(t2v),A box 5\" tall on a table,ok", "b,\(t2v),\(prompt),caf").utf8.dropLast())
                try folder.manifest(bytes: text + [0xE9] + Array("\n".utf8))
            },
            HostileCase("encoding-utf16-little-endian", 1, 1, "the manifest is UTF-16") { folder in
                try folder.manifest(bytes: [0xFF, 0xFE] + utf16Text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            },
            HostileCase("encoding-utf16-big-endian", 1, 1, "the manifest is UTF-16") { folder in
                try folder.manifest(bytes: [0xFE, 0xFF] + utf16Text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
            },
            // A picture passed where the CSV should be.
            HostileCase("encoding-png-given-as-manifest", 1, 1, "not valid UTF-8 (byte 0x89)") { folder in
                try folder.manifest(bytes: Array(HostileMedia.png))
            },
            HostileCase("encoding-overlong-slash", 2, 1, "not valid UTF-8 (byte 0xC0)") { folder in
                // 0xC0 0xAF is an overlong '/', the classic way to smuggle "../" past a filter.
                try folder.manifest(bytes: Array("id,model,prompt\n..".utf8) + [0xC0, 0xAF] + Array("x,\(t2v),\(prompt)\n".utf8))
            },
        ]
    }

    static var headerCases: [HostileCase] {
        let t2v = textToVideo
        return [
            HostileCase("empty-file", 1, 1, "the manifest is empty", csv: ""),
            HostileCase("only-bom-and-blank-lines", 1, 1, "the manifest is empty", csv: "\u{FEFF}\n\r\n  \n"),
            HostileCase("header-only", 1, 1, "the manifest has a header but no rows", csv: csv("id,model,prompt")),
            HostileCase("header-duplicate-column", 1, 4, "the header names 'prompt' twice (columns 3 and 4)",
                        csv: csv("id,model,prompt,prompt", "a,\(t2v),\(prompt),\(prompt)")),
            HostileCase("header-unknown-column-typo", 1, 4, "unknown column 'resolutoin': did you mean 'resolution'?",
                        csv: csv("id,model,prompt,resolutoin", "a,\(t2v),\(prompt),1080p")),
            HostileCase("header-unknown-column-case", 1, 3, "unknown column 'Prompt': did you mean 'prompt'?",
                        csv: csv("id,model,Prompt", "a,\(t2v),\(prompt)")),
            HostileCase("header-unknown-column-no-hint", 1, 4, "name your own columns x_… or note… to carry them through",
                        csv: csv("id,model,prompt,camera_lens", "a,\(t2v),\(prompt),35mm")),
            HostileCase("header-missing-model", 1, 1, "the header has no 'model' column",
                        csv: csv("id,prompt", "a,\(prompt)")),
            HostileCase("header-missing-id-and-model", 1, 1, "the header has no 'id' or 'model' column",
                        csv: csv("prompt", prompt)),
            HostileCase("header-empty-name", 1, 3, "column 3 of the header has no name",
                        csv: csv("id,model,,prompt", "a,\(t2v),,\(prompt)")),
        ]
    }
}
