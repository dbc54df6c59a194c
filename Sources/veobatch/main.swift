import ArgumentParser
import VeoBatch

/// The root command. Each subcommand lives in Commands/<Name>Command.swift and turns its options
/// into a plain configuration value for the VeoBatch library.
struct VeoBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veobatch",
        abstract: "Render batches of Google Veo 3.1 video through RunningHub's OpenAPI.",
        subcommands: [ScanCommand.self]
    )
}

// At top level, `await VeoBatchCommand.main()` resolves to ParsableCommand's synchronous main(),
// which cannot run async commands; inside an async function the async overload wins.
func runRootCommand() async {
    await VeoBatchCommand.main()
}

await runRootCommand()
