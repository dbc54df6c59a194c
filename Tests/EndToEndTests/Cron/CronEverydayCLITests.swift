import Foundation
import Testing
import TestSupport

/// The everyday command line: `--version`, a precise answer to `--api-key`, help that lists only
/// what a command uses, completions that complete paths, a semicolon CSV explained, and `scan`
/// proposing resolution and folder-prefixed ids.
@Suite("Everyday CLI")
struct CronEverydayCLITests {
    @Test("veobatch --version prints the semantic version and the commit")
    func version() async throws {
        let result = try await runVeobatch(["--version"])
        #expect(result.exitCode == 0)
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.range(of: #"^\d+\.\d+\.\d+ \(commit ([0-9a-f]{7,}(-modified)?|unknown)\)$"#, options: .regularExpression) != nil, "\(text)")
    }

    @Test("--api-key is refused with the way to pass a key, and the value is never echoed")
    func apiKeyHint() async throws {
        for arguments in [["run", "m.csv", "--out", "o", "--api-key", "sk-secret-value"], ["account", "--api-key=sk-secret-value"]] {
            let result = try await runVeobatch(arguments)
            #expect(result.exitCode == 2)
            #expect(result.stderr.contains("RUNNINGHUB_API_KEY") && result.stderr.contains("--api-key-file"), "\(result.stderr)")
            #expect(!result.stderr.contains("sk-secret-value") && !result.stdout.contains("sk-secret-value"))
        }
    }

    @Test("each command's help lists only the options it uses")
    func helpListsOnlyUsedOptions() async throws {
        // The options a command's help lists (its OPTIONS lines), not the prose around them.
        func options(_ command: String) async throws -> Set<String> {
            let help = try await runVeobatch([command, "--help"]).stdout
            return Set(help.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("--") else { return nil }
                return String(trimmed.prefix { !$0.isWhitespace && $0 != "," && $0 != "=" })
            })
        }
        for command in ["scan", "validate", "models", "status", "resolve"] {
            let listed = try await options(command)
            #expect(listed.isDisjoint(with: ["--base-url", "--api-key-file", "--no-progress"]), "\(command) --help lists \(listed.sorted())")
            #expect(listed.contains("--log-file"), "\(command) --help lacks --log-file: \(listed.sorted())")
        }
        for command in ["run", "plan", "account"] {
            let listed = try await options(command)
            #expect(listed.isSuperset(of: ["--base-url", "--api-key-file"]), "\(command) --help lacks the connection options: \(listed.sorted())")
        }
        let run = try await options("run")
        #expect(run.isSuperset(of: ["--settle", "--on-event", "--hook-timeout", "--skip-invalid", "--state-dir", "--no-progress"]), "\(run.sorted())")
        #expect(!(try await options("plan")).contains("--no-progress"))
        let runHelp = try await runVeobatch(["run", "--help"]).stdout
        #expect(!runHelp.contains("test-before-upload"))
    }

    @Test("bash completion completes files and folders for path arguments")
    func completionsCompletePaths() async throws {
        let script = try await runVeobatch(["--generate-completion-script", "bash"]).stdout
        // ArgumentParser writes `compgen -d` for folders and `compgen -f` (or an extension glob) for files.
        #expect(script.contains("--out") && script.contains("-d"), "no folder completion in the bash script")
        #expect(script.contains("csv"), "no .csv completion for manifests")
    }

    @Test("a semicolon-separated manifest gets one clear hint")
    func semicolonManifest() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let path = scratch.path("excel.csv")
        try "id;model;prompt\na;rhart-video-v3.1-fast/text-to-video;A harbour\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await runVeobatch(["validate", path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("semicolon"), "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "error:").count - 1 == 1, "one diagnostic, not one per column: \(result.stderr)")
    }

    @Test("scan proposes 1080p for 1080-line plates where the model allows it, and --id-prefix-folder makes seq010_sh010 ids")
    func scanProposals() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sequence = scratch.path("seq010")
        try FileManager.default.createDirectory(atPath: sequence, withIntermediateDirectories: true)
        try CronFixture.png(width: 1920, height: 1080).write(to: URL(fileURLWithPath: sequence + "/sh010.png"))
        try CronFixture.png(width: 1280, height: 720).write(to: URL(fileURLWithPath: sequence + "/sh020.png"))
        let manifest = scratch.path("seq.csv")
        let result = try await runVeobatch(["scan", sequence, "--manifest", manifest, "--id-prefix-folder", "--settle", "0"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let text = CronFixture.read(manifest)
        let rows = text.split(separator: "\n").map(String.init)
        let header = rows.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        let resolution = try #require(header.firstIndex(of: "resolution"))
        func row(_ id: String) -> [String]? {
            rows.first { $0.hasPrefix(id + ",") }?.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let big = try #require(row("seq010_sh010"), "\(text)")
        let small = try #require(row("seq010_sh020"), "\(text)")
        #expect(big[resolution] == "1080p", "\(text)")
        #expect(small[resolution] == "", "\(text)")
    }
}
