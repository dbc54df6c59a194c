import ArgumentParser
import VeoBatch

/// The root command. Each subcommand lives in Commands/<Name>Command.swift and turns its options
/// into a plain configuration value for the VeoBatch library.
struct VeoBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veobatch",
        abstract: "Render batches of Google Veo 3.1 video through RunningHub's OpenAPI.",
        subcommands: [TransferCommand.self]
    )
}

// In top-level code Swift 6.3 resolves `await VeoBatchCommand.main()` to the synchronous
// `ParsableCommand.main()`, which refuses to run async subcommands ("Asynchronous root command
// needs availability annotation"); inside an async function the async `main()` is chosen.
func runVeoBatch() async {
    await VeoBatchCommand.main()
}

await runVeoBatch()
