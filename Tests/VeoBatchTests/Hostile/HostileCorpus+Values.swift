import Foundation

/// Ids that would escape or clash in the output folder, unknown models and columns, values the
/// endpoint does not allow, and broken `@ROW` references.
extension HostileCorpus {
    /// Ids name output files: anything that is not a plain, unique file name must be refused.
    static var idCases: [HostileCase] {
        let t2v = textToVideo
        func oneID(_ name: String, _ id: String, _ message: String) -> HostileCase {
            HostileCase(name, 2, 1, message, csv: csv("id,model,prompt", "\(ManifestQuoting.quote(id)),\(t2v),\(prompt)"))
        }
        let onlyAllowed = "may contain only letters A–Z and a–z, digits, '.', '_' and '-'"
        return [
            HostileCase("id-duplicate", 3, 1, "id 'a' is already used by the row on line 2",
                        csv: csv("id,model,prompt", "a,\(t2v),\(prompt)", "a,\(t2v),\(prompt)")),
            HostileCase("id-differs-only-in-case", 3, 1, "differs from 'Shot' (line 2) only in case",
                        csv: csv("id,model,prompt", "Shot,\(t2v),\(prompt)", "shot,\(t2v),\(prompt)")),
            HostileCase("id-equals-another-rows-take", 3, 1, "is also the output name of take 2 of row 'a'",
                        csv: csv("id,model,prompt,takes", "a,\(t2v),\(prompt),2", "a-take2,\(t2v),\(prompt),")),
            HostileCase("id-missing", 2, 1, "the row has no id", csv: csv("id,model,prompt", ",\(t2v),\(prompt)")),
            oneID("id-parent-path", "../x", onlyAllowed),
            oneID("id-deep-parent-path", "../../../../tmp/owned", onlyAllowed),
            oneID("id-absolute-path", "/etc/cron.d/veobatch", onlyAllowed),
            oneID("id-with-slash", "a/b", onlyAllowed),
            oneID("id-with-backslash", "..\\evil", onlyAllowed),
            oneID("id-dot", ".", "it would name a folder, not a file"),
            oneID("id-dot-dot", "..", "it would name a folder, not a file"),
            oneID("id-65-characters", String(repeating: "a", count: 65), "is 65 characters long; ids are at most 64"),
            oneID("id-inner-space", "shot 010", onlyAllowed),
            oneID("id-unicode-letter", "shot_é", onlyAllowed),
            oneID("id-zero-width-space", "shot\u{200B}010", onlyAllowed),
            oneID("id-tilde-home", "~root", onlyAllowed),
            oneID("id-shell-metacharacters", "a;rm -rf ~", onlyAllowed),
        ]
    }

    static var valueCases: [HostileCase] {
        let t2v = textToVideo
        func value(_ name: String, _ column: String, _ value: String, _ message: String, model: String = textToVideo) -> HostileCase {
            HostileCase(name, 2, 4, message, csv: csv("id,model,prompt,\(column)", "a,\(model),\(prompt),\(ManifestQuoting.quote(value))"))
        }
        func promptCase(_ name: String, _ text: String, _ message: String) -> HostileCase {
            HostileCase(name, 2, 3, message, csv: csv("id,model,prompt", "a,\(t2v),\(ManifestQuoting.quote(text))"))
        }
        return [
            HostileCase("model-typo", 2, 2, "did you mean 'google/veo3.1-pro/text-to-video-official-stable'?",
                        csv: csv("id,model,prompt", "a,google/veo3.1-pro/text-to-video-oficial-stable,\(prompt)")),
            HostileCase("model-unknown", 2, 2, "unknown model 'sora-2'", csv: csv("id,model,prompt", "a,sora-2,\(prompt)")),
            HostileCase("model-path-traversal", 2, 2, "unknown model '../../openapi/v2/account'",
                        csv: csv("id,model,prompt", "a,../../openapi/v2/account,\(prompt)")),
            HostileCase("model-missing", 2, 2, "the row has no model", csv: csv("id,model,prompt", "a,,\(prompt)")),
            value("column-not-taken-by-endpoint", "seed", "42",
                  "column 'seed' is not taken by google/veo3.1-fast/text-to-video-channel-low-price", model: lowPriceTextToVideo),
            value("list-resolution", "resolution", "1440p", "resolution '1440p' is not allowed"),
            value("list-duration", "duration", "5", "duration '5' is not allowed"),
            value("list-aspect-ratio", "aspect_ratio", "4:3", "aspect_ratio '4:3' is not allowed"),
            value("boolean-yes", "generate_audio", "yes", "generate_audio must be true or false, not 'yes'"),
            value("boolean-one", "generate_audio", "1", "generate_audio must be true or false, not '1'"),
            value("seed-decimal", "seed", "1.5", "seed must be a whole number, not '1.5'"),
            value("seed-hex", "seed", "0x10", "seed must be a whole number, not '0x10'"),
            value("seed-out-of-range", "seed", "3000000000", "seed 3000000000 is out of range"),
            value("seed-overflows-64-bits", "seed", "99999999999999999999", "seed must be a whole number"),
            value("takes-zero", "takes", "0", "takes must be a whole number from 1 to 20, not '0'"),
            value("takes-21", "takes", "21", "takes must be a whole number from 1 to 20, not '21'"),
            value("takes-abc", "takes", "abc", "takes must be a whole number from 1 to 20, not 'abc'"),
            value("takes-negative", "takes", "-1", "takes must be a whole number from 1 to 20, not '-1'"),
            promptCase("prompt-8001-characters", String(repeating: "a", count: 8001), "prompt is 8001 characters long"),
            promptCase("prompt-4-characters", "abcd", "prompt is 4 characters long"),
            promptCase("prompt-one-megabyte", String(repeating: "slow pan ", count: 116_509), "prompt is 1048581 characters long"),
            HostileCase("prompt-missing", 2, 3, "needs a prompt (5 to 8000 characters)",
                        csv: csv("id,model,prompt", "a,\(t2v),\"   \"")),
        ]
    }

    static var referenceCases: [HostileCase] {
        let extend = videoExtend, t2v = textToVideo
        let clipURL = "https://cdn.example.com/clips/root.mp4"
        return [
            HostileCase("row-ref-in-first-frame", 3, 4, "can only be used in the video column",
                        csv: csv("id,model,prompt,first_frame", "a,\(t2v),\(prompt),", "b,\(imageToVideo),\(prompt),@a")),
            HostileCase("row-ref-in-reference-images", 3, 4, "can only be used in the video column",
                        csv: csv("id,model,prompt,reference_images", "a,\(t2v),\(prompt),", "b,\(referenceToVideo),\(prompt),@a")),
            HostileCase("row-ref-missing-row", 3, 3, "'@shot99' does not name a row of this manifest",
                        csv: csv("id,model,video", "a,\(extend),\(clipURL)", "b,\(extend),@shot99")),
            HostileCase("row-ref-empty", 2, 3, "'@' must be followed by the id of another row", csv: csv("id,model,video", "a,\(extend),@")),
            HostileCase("row-ref-self-cycle", 2, 3, "form a cycle: a → a", csv: csv("id,model,video", "a,\(extend),@a")),
            HostileCase("row-ref-two-cycle", 2, 3, "form a cycle: a → b → a",
                        csv: csv("id,model,video", "a,\(extend),@b", "b,\(extend),@a")),
            HostileCase("row-ref-three-cycle", 3, 3, "form a cycle: b → c → d → b",
                        csv: csv("id,model,video", "root,\(extend),\(clipURL)", "b,\(extend),@c", "c,\(extend),@d", "d,\(extend),@b")),
        ]
    }
}

/// RFC 4180 quoting for values the cases write (commas, quotes, line breaks).
enum ManifestQuoting {
    static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
