import ArgumentParser
import Foundation
import VeoBatch

/// `veobatch status --out DIR`: what the journal says, row by row. No network, no lock.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each row's state, task id, estimated and charged cost, clip and error from an output folder's journal.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("out"), help: "The output folder of earlier runs.")
    var out: String

    @Option(name: .customLong("manifest"), help: "Only this manifest (its file name without extension). Default: every manifest in the folder.")
    var manifest: String?

    @Flag(name: .long, help: "Print JSON (the shape of report.json, one per manifest) instead of a table.")
    var json = false

    func run() async throws {
        let reports: [RunReport]
        do {
            reports = try StatusListing.load(outputDirectory: out, manifest: manifest)
            if json {
                FileHandle.standardOutput.write(try StatusListing.json(reports, outputDirectory: out))
                return
            }
        } catch {
            JournalCommandSupport.printError("\(error)")
            throw ExitCode(JournalCommandSupport.exitStatus(for: error).rawValue)
        }
        for report in reports {
            for line in StatusText.lines(report) { print(line) }
        }
    }
}
