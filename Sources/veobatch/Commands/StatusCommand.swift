import ArgumentParser
import Foundation
import VeoBatch

/// `veobatch status --out DIR`: what the journal says, row by row. No network, no lock.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each row's state, task id, estimated and charged cost, clip and error from an output folder's journal.",
        discussion: """
            Reads OUT/.veobatch only, and takes no lock, so it can watch a run in progress. Exit status: \
            0 shown, 2 when OUT holds no journal, 1 when the journal cannot be read.

            \(HelpText.offline)
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("out"), help: "The output folder of earlier runs (required; the --out given to run).", completion: .directory)
    var out: String

    @Option(name: .customLong("manifest"), help: "Only this manifest (its file name without extension). Default: every manifest in the folder.")
    var manifest: String?

    @Flag(name: .long, help: "Print JSON (the shape of report.json, one per manifest). Default: a table.")
    var json = false

    @Option(name: .customLong("state-dir"), help: "Keep the journal in this folder on a local disk instead of OUT/.veobatch (for an output folder on NFS or SMB); the run lock stays in OUT/.veobatch. Give the same folder to every command on that output folder. Default: OUT/.veobatch.", completion: .directory)
    var stateDir: String?

    func run() async throws {
        try await runCommand(global.logging, failures: .plain) { _ in
            JournalStorage.useStateDirectory(stateDir)
            let listing = try StatusListing.load(outputDirectory: out, manifest: manifest)
            if json {
                FileHandle.standardOutput.write(try StatusListing.json(listing, outputDirectory: out))
                return
            }
            for line in StatusListing.lines(listing) { print(line) }
            print(JournalStorage.describe(outputDirectory: out))
        }
    }
}
