import Foundation
import Subprocess
import Testing
import TestSupport

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// `--help`, the shell completions and the man page, all generated from the one argument parser:
/// every command states its defaults and the environment variables, and the committed copies in
/// docs/ match what the built binary generates (scripts/gen-docs.sh regenerates them).
@Suite("Help, completions and the man page")
struct HelpEndToEndTests {
    static let subcommands = ["scan", "validate", "plan", "models", "account", "run", "status", "resolve", "select", "export"]
    static let docs = repositoryRoot.appendingPathComponent("docs")

    @Test("veobatch run --help states every default and both environment variables")
    func runHelpStatesDefaultsAndEnvironment() async throws {
        let help = try await runVeobatch(["run", "--help"])
        #expect(help.exitCode == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in [
            "RUNNINGHUB_API_KEY", "RUNNINGHUB_BASE_URL", "https://www.runninghub.ai",
            "(default: 4)", "(default: 5.0)", "(default: 1800.0)", "(default: 10.0)", "default: text)",
            "Default: no limit.", "Default: the manifest's folder.", "Default: failed rows are skipped.",
            "Default: $RUNNINGHUB_API_KEY.", "Default: $RUNNINGHUB_BASE_URL, else https://www.runninghub.ai.",
            "Default: no log file.", "Exit codes: 0 every row done",
        ] {
            #expect(text.contains(expected), "run --help does not say \"\(expected)\"")
        }
        #expect(!text.contains("test-time-scale"), "a hidden option shows in run --help")
    }

    @Test("every visible option of every command states its default, and every command names the environment variables")
    func everyOptionStatesItsDefault() async throws {
        let dump = try await runVeobatch(["--experimental-dump-help"])
        #expect(dump.exitCode == 0)
        // The man page generator drops every non-ASCII character, so help text must be ASCII.
        let nonASCII = dump.stdout.unicodeScalars.filter { !$0.isASCII }.map(String.init)
        #expect(nonASCII == [], "help text holds non-ASCII characters the man page would lose")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        // ArgumentParser's own `help` subcommand aside.
        let visible = ((command["subcommands"] as? [[String: Any]]) ?? [])
            .filter { ($0["shouldDisplay"] as? Bool) != false && $0["commandName"] as? String != "help" }
        #expect(visible.map { $0["commandName"] as? String ?? "" } == Self.subcommands)
        var missing: [String] = []
        for subcommand in visible {
            let name = subcommand["commandName"] as? String ?? "?"
            for argument in (subcommand["arguments"] as? [[String: Any]]) ?? [] {
                guard (argument["shouldDisplay"] as? Bool) != false, argument["kind"] as? String != "positional" else { continue }
                let label = ((argument["preferredName"] as? [String: Any])?["name"] as? String) ?? "?"
                if label == "help" || label == "version" { continue }
                let abstract = (argument["abstract"] as? String) ?? ""
                let automatic = ((argument["defaultValue"] as? String) ?? "").isEmpty == false
                // Shown by ArgumentParser as "(default: X)", or said in words ("Default: …", "required").
                let stated = abstract.localizedCaseInsensitiveContains("default") || abstract.contains("required")
                if !automatic, !stated { missing.append("\(name) --\(label)") }
            }
            let help = try await runVeobatch([name, "--help"])
            #expect(help.exitCode == 0)
            for variable in ["RUNNINGHUB_API_KEY", "RUNNINGHUB_BASE_URL"] {
                #expect(help.stdout.contains(variable), "veobatch \(name) --help does not name \(variable)")
            }
        }
        #expect(missing == [], "options whose help states no default: \(missing)")
    }

    @Test("the committed completion scripts are what the binary generates and offer every subcommand")
    func completionScriptsAreCurrent() async throws {
        for (shell, file) in [("bash", "veobatch.bash"), ("zsh", "_veobatch"), ("fish", "veobatch.fish")] {
            let generated = try await runVeobatch(["--generate-completion-script", shell])
            #expect(generated.exitCode == 0)
            let committed = try String(contentsOf: Self.docs.appendingPathComponent("completions/\(file)"), encoding: .utf8)
            #expect(committed == generated.stdout, "docs/completions/\(file) is out of date; run scripts/gen-docs.sh")
            for subcommand in Self.subcommands {
                let marker = shell == "fish" ? "-fa '\(subcommand)'" : "_veobatch_\(subcommand)() {"
                #expect(committed.contains(marker), "the \(shell) completion does not offer \(subcommand)")
            }
            #expect(!committed.contains("transfer"), "the \(shell) completion offers the hidden transfer command")
        }
    }

    @Test("bash completes subcommands and options with the committed script")
    func bashCompletesForReal() async throws {
        let script = Self.docs.appendingPathComponent("completions/veobatch.bash").path
        // What bash does on TAB: the words so far, the cursor at the end, then the completion function.
        func complete(_ words: [String]) -> String {
            let line = words.joined(separator: " ")
            return "COMP_WORDS=(\(words.joined(separator: " "))); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; "
                + "COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _veobatch veobatch \(words[words.count - 1]) \(words[words.count - 2]); "
                + "echo \"${COMPREPLY[*]}\""
        }
        let probe = (["source '\(script)'"] + [["veobatch", "re"], ["veobatch", "run", "--max"], ["veobatch", "st"]].map(complete))
            .joined(separator: "\n")
        let result = try await runProgram("/bin/bash", ["-c", probe])
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == ["resolve", "--max-cost --max-polls-per-second", "status"])
    }

    @Test("the committed man page matches the binary, names every command and option, and renders")
    func manPageIsCurrentAndRenders() async throws {
        let page = Self.docs.appendingPathComponent("man/veobatch.1")
        let committed = try String(contentsOf: page, encoding: .utf8)
        let jq = ["/usr/bin/jq", "/usr/local/bin/jq"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let tool = ["generate-manual-tool", "generate-manual"].map { Binaries.directory.appendingPathComponent($0).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        if jq != nil, tool != nil, let date = Self.manPageDate(committed) {
            // Regenerate exactly as scripts/gen-docs.sh does, into a scratch folder, and compare.
            let scratch = try TemporaryFolder()
            defer { scratch.remove() }
            let script = repositoryRoot.appendingPathComponent("scripts/gen-docs.sh").path
            let result = try await runProgram(
                "/bin/bash", [script, "--bin-dir", Binaries.directory.path, "--out", scratch.path, "--date", date])
            #expect(result.exitCode == 0, "gen-docs.sh: \(result.stderr)")
            let fresh = try String(contentsOfFile: scratch.path("man/veobatch.1"), encoding: .utf8)
            #expect(fresh == committed, "docs/man/veobatch.1 is out of date; run scripts/gen-docs.sh")
        }
        // Whether or not it could be regenerated here: every command and visible option is in it.
        let dump = try await runVeobatch(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let subcommands = ((root["command"] as? [String: Any])?["subcommands"] as? [[String: Any]]) ?? []
        for subcommand in subcommands where (subcommand["shouldDisplay"] as? Bool) != false {
            let name = subcommand["commandName"] as? String ?? "?"
            #expect(committed.contains(".It Em \(name)\n"), "the man page lacks the \(name) command")
            for argument in (subcommand["arguments"] as? [[String: Any]]) ?? [] where (argument["shouldDisplay"] as? Bool) != false {
                guard argument["kind"] as? String != "positional",
                    let long = ((argument["names"] as? [[String: Any]]) ?? []).first(where: { $0["kind"] as? String == "long" })?["name"]
                        as? String
                else { continue }
                #expect(committed.contains("Fl -\(long)"), "the man page lacks \(name) --\(long)")
            }
        }
        #expect(!committed.contains(".It Em transfer\n"), "the man page documents the hidden transfer command")
        #expect(committed.contains("RUNNINGHUB_API_KEY") && committed.contains("RUNNINGHUB_BASE_URL"))
        #expect(committed.contains("(default: 1800.0)"), "the man page lacks run's defaults")

        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let rendered = try await runProgram("/usr/bin/man", ["-l", page.path], environment: ["MANPAGER": "cat", "MANWIDTH": "100"])
            #expect(rendered.exitCode == 0)
            #expect(rendered.stdout.contains("VEOBATCH(1)"))
            #expect(!rendered.stderr.localizedCaseInsensitiveContains("warning"), "man warns: \(rendered.stderr)")
        }
    }

    /// `.Dd November 21, 2026` → `2026-11-21`, the form gen-docs.sh takes.
    static func manPageDate(_ page: String) -> String? {
        guard let line = page.split(separator: "\n").first(where: { $0.hasPrefix(".Dd ") }) else { return nil }
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "UTC")
        parser.dateFormat = "MMMM d, yyyy"
        guard let date = parser.date(from: String(line.dropFirst(4))) else { return nil }
        parser.dateFormat = "yyyy-MM-dd"
        return parser.string(from: date)
    }
}

/// Runs any program with extra environment, collecting its output.
private func runProgram(_ path: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> CommandOutcome {
    var updates: [Environment.Key: String?] = [:]
    for (name, value) in environment { updates[Environment.Key(stringLiteral: name)] = value }
    let result = try await Subprocess.run(
        .path(FilePath(path)),
        arguments: Arguments(arguments),
        environment: .inherit.updating(updates),
        output: .string(limit: 4 << 20),
        error: .string(limit: 4 << 20)
    )
    return CommandOutcome(result)
}
