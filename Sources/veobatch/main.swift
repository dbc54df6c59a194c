import ArgumentParser
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
// which refuses async subcommands at run time; a generic async-only entry picks the async one.
func runAsync<Command: AsyncParsableCommand>(_ command: Command.Type) async {
    await command.main(nil)
}
await runAsync(VeoBatchCommand.self)
