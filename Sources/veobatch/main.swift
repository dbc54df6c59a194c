import ArgumentParser
import VeoBatch

/// The root command. Each subcommand lives in Commands/<Name>Command.swift and turns its options
/// into a plain configuration value for the VeoBatch library.
struct VeoBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veobatch",
        abstract: "Render batches of Google Veo 3.1 video through RunningHub's OpenAPI.",
        subcommands: []
    )
}

await VeoBatchCommand.main()
