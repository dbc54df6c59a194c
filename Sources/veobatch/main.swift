import ArgumentParser
import VeoBatch

// Commands are added in Commands/*.swift as each issue lands.
struct VeoBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veobatch",
        abstract: "Render batches of Google Veo 3.1 video through RunningHub's OpenAPI."
    )
}

await VeoBatchCommand.main()
