import ArgumentParser
import Foundation
import VeoBatch

/// The root command. Each subcommand lives in Commands/<Name>Command.swift and turns its options
/// into a plain configuration value for the VeoBatch library.
struct VeoBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veobatch",
        abstract: "Render batches of Google Veo 3.1 video through RunningHub's OpenAPI.",
        subcommands: [RunCommand.self, StatusCommand.self, ResolveCommand.self]
    )
}

// Top-level `await VeoBatchCommand.main()` resolves to ParsableCommand's synchronous `main()`,
// which refuses async subcommands at run time, so the entry parses and runs the command itself.
// It also maps usage errors to exit 2 (product.md §2) instead of ArgumentParser's 64.
func runAsync<Command: AsyncParsableCommand>(_ root: Command.Type) async {
    do {
        var command = try root.parseAsRoot()
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch {
        if root.exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data((root.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
        root.exit(withError: error)
    }
}
await runAsync(VeoBatchCommand.self)
