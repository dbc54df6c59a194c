import ArgumentParser
import Foundation
import VeoBatch

/// `veobatch select --out DIR ROW --take N [--version V]`: choose the clip that stands for a row.
struct SelectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Choose the take (and version) that stands for a row: the current-clip link, the reports and the export follow it.",
        discussion: """
            Records the choice in OUT/.veobatch/journal.sqlite (the manifest is not touched), then rewrites \
            the manifest's reports and OUT/STEM/ROW/ROW.current.mp4, a relative link to the chosen clip. \
            Without --version the take's newest clip is used, also after later re-renders. Choosing again \
            replaces the choice. Exit status: 0 chosen, 2 no such row, take or version (the message lists \
            what exists), 3 a run holds the folder.

            \(HelpText.offline)
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("out"), help: "The output folder whose journal holds the row (required).")
    var out: String

    @Argument(help: "The row id, as in the manifest.")
    var row: String

    @Option(name: .customLong("take"), help: "The take to use (1 is the row's first clip, 2 is ROW-take2, and so on) (required).")
    var take: Int

    @Option(name: .customLong("version"), help: "The version of that take (1 is NAME.mp4, 2 is NAME.v2.mp4, and so on). Default: its newest.")
    var version: Int?

    @Option(name: .customLong("manifest"), help: "The manifest the row belongs to (its file name without extension), when the folder has several. Default: the one that has the row.")
    var manifest: String?

    @Option(name: .customLong("state-dir"), help: "The folder given to run --state-dir, when the journal is kept there instead of OUT/.veobatch. Default: OUT/.veobatch.", completion: .directory)
    var stateDir: String?

    func validate() throws {
        guard take >= 1 else { throw ValidationError("--take counts from 1.") }
        if let version, version < 1 { throw ValidationError("--version counts from 1.") }
    }

    func run() async throws {
        try await runCommand(global.logging, failures: .plain) { _ in
            JournalStorage.useStateDirectory(stateDir)
            let chosen = try Select.apply(
                outputDirectory: out, manifest: manifest, rowID: row, take: take, version: version, reports: [ReportHTML()])
            print("\(chosen.manifest)/\(chosen.rowID): take \(chosen.take) version \(chosen.version) (\(chosen.clip)) chosen; \(chosen.currentPath) points at it.")
        }
    }
}
