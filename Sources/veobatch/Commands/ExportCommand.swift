import ArgumentParser
import Foundation
import VeoBatch

extension TimelineExport.Format: ExpressibleByArgument {}

/// `veobatch export --out DIR --format otio|edl --output FILE`: the rows as an editor's timeline.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a manifest's rows as an editorial timeline: OpenTimelineIO JSON or a CMX 3600 EDL.",
        discussion: """
            One video track, rows in manifest order, each row's chosen clip (veobatch select), else its \
            current one, by absolute path with its probed duration and frame rate; the row id is the clip \
            name. OTIO clips carry the prompt, take, version and cost as metadata. A row without a clip is \
            a gap of its requested length with a marker (in the EDL: a black BL event with a locator). \
            Reads the journal only; no lock. Exit status: 0 written, 2 usage error or no such manifest.

            \(HelpText.offline)
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("out"), help: "The output folder of earlier runs (required).")
    var out: String

    @Option(name: .customLong("format"), help: "otio (OpenTimelineIO JSON) or edl (CMX 3600) (required).")
    var format: TimelineExport.Format

    @Option(name: .customLong("output"), help: "The file to write, replaced whole (required).")
    var output: String

    @Option(name: .customLong("manifest"), help: "The manifest to export (its file name without extension). Default: the folder's only manifest.")
    var manifest: String?

    @Option(name: .customLong("state-dir"), help: "The folder given to run --state-dir, when the journal is kept there instead of OUT/.veobatch. Default: OUT/.veobatch.", completion: .directory)
    var stateDir: String?

    func run() async throws {
        try await runCommand(global.logging, failures: .plain) { _ in
            JournalStorage.useStateDirectory(stateDir)
            let written = try await TimelineExport.write(outputDirectory: out, manifest: manifest, format: format, to: output)
            for note in written.notes { printToStandardError("note: \(note)") }
            print("Wrote \(written.path): \(written.clips) clip\(written.clips == 1 ? "" : "s"), \(written.gaps) gap\(written.gaps == 1 ? "" : "s"), \(written.rate) fps.")
        }
    }
}
