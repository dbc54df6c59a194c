import ArgumentParser
import VeoBatch

/// The root command. Each subcommand lives in Commands/<Name>Command.swift and turns its options
/// into a plain configuration value for the VeoBatch library.
struct VeoBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veobatch",
        abstract: "Render batches of Google Veo 3.1 video through RunningHub's OpenAPI.",
        subcommands: [ValidateCommand.self, PlanCommand.self, ModelsCommand.self]
    )
}

/// Inside an async function `main()` resolves to AsyncParsableCommand's async entry point; in
/// top-level code it resolves to ParsableCommand's synchronous one, which refuses an async root
/// command at run time (and would call the synchronous `run()` of subcommands).
func runVeoBatch() async {
    await VeoBatchCommand.main()
}

await runVeoBatch()
