import ArgumentParser
import Foundation
import VeoBatch

/// `veobatch models`: the endpoint table, its prices and the manifest column mapping.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the Veo 3.1 endpoints, their parameters, allowed values, defaults and prices.",
        discussion: """
            Also prints which manifest column fills which body field. Prices come from the embedded \
            vendor price list (a guide, not the bill).

            \(HelpText.offline)
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print the table as JSON on standard output. Default: text.")
    var json = false

    func run() async throws {
        try await runCommand(global.logging) { _ in
            let table: EndpointTable
            do {
                table = try EndpointTable.vendor()
            } catch {
                printToStandardError("veobatch models: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            let listing = ModelsListing(table: table)
            print(json ? listing.jsonString : listing.text)
        }
    }
}
