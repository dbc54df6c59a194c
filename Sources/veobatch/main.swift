import ArgumentParser
import Foundation
import VeoBatch

/// The root command. Each subcommand lives in Commands/<Name>Command.swift and turns its options
/// into a plain configuration value for the VeoBatch library.
struct VeoBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veobatch",
        abstract: "Render batches of Google Veo 3.1 video through RunningHub's OpenAPI.",
        discussion: """
            A studio day: `veobatch scan shots/ --manifest shots.csv` drafts a manifest; fill in the \
            prompts; `veobatch validate shots.csv` checks it (nothing is sent); `veobatch plan shots.csv` \
            prices it; `veobatch run shots.csv --out renders` renders it (run it again at any time: \
            it continues, never pays twice); `veobatch status --out renders` shows where each row stands.

            \(HelpText.runExitCodes)

            \(HelpText.environment)

            `veobatch --version` prints the release and the git commit it was built from.

            Shell completion: `veobatch --generate-completion-script bash|zsh|fish` (ready-made copies \
            in docs/completions/). Manual page: docs/man/veobatch.1 (`man -l docs/man/veobatch.1`).
            """,
        subcommands: [ScanCommand.self, ValidateCommand.self, PlanCommand.self, ModelsCommand.self, AccountCommand.self, TransferCommand.self, RunCommand.self, StatusCommand.self, ResolveCommand.self, SelectCommand.self, ExportCommand.self]
    )
}

/// Parses and runs the command. ArgumentParser's own usage errors exit 64 (EX_USAGE); cron and
/// pipelines rely on the product's table instead, where a usage error is 2.
func runRootCommand() async -> Never {
    // `--version` on the root only: `select` has a `--version` option of its own (a clip version).
    if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
        print(Version.text)
        exit(0)
    }
    if let hint = CommandLineHints.apiKeyHint(CommandLine.arguments.dropFirst()) {
        FileHandle.standardError.write(Data((hint + "\n").utf8))
        exit(2)
    }
    do {
        var command = try VeoBatchCommand.parseAsRoot()
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
        exit(0)
    } catch {
        let code = VeoBatchCommand.exitCode(for: error)
        if code == .validationFailure {
            FileHandle.standardError.write(Data((VeoBatchCommand.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
        VeoBatchCommand.exit(withError: error)
    }
}

await runRootCommand()
