import ArgumentParser
import Foundation
import VeoBatch

/// `veobatch resolve --out DIR ROW… (--resubmit | --task-id ID | --abandon)`: settles rows whose
/// submit outcome is unknown. It only changes the journal; the next `run` acts on it.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle rows whose submit outcome is unknown, after checking the RunningHub console.",
        discussion: """
            --task-id ID   the task was found in the console: attach it; the next run polls and downloads it.
            --resubmit     no task was created: allow exactly one new submit on the next run.
            --abandon      give up on the row: it becomes failed (--retry-failed renders it again, and pays again).
            Name a row by its id (all its unknown takes) or a single take by its output name (shot010-take2).
            Only the journal changes; the next run acts on it. Exit status: 0 settled, 2 usage error or \
            a row that is not unknown, 3 a run holds the folder.

            \(HelpText.offline)
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("out"), help: "The output folder whose journal holds the rows (required).", completion: .directory)
    var out: String

    @Argument(help: "Rows (ids) or takes (output names such as shot010-take2) to settle.")
    var rows: [String]

    @Flag(name: .long, help: "Allow one new submit of each named row on the next run (when the console shows no task). No default: choose one of --resubmit, --task-id ID and --abandon.")
    var resubmit = false

    @Option(name: .customLong("task-id"), help: "Attach this RunningHub task id, as shown in the console (one take at a time). No default: choose one of --resubmit, --task-id ID and --abandon.")
    var taskID: String?

    @Flag(name: .long, help: "Mark each named row failed (abandoned). No default: choose one of --resubmit, --task-id ID and --abandon.")
    var abandon = false

    @Option(name: .customLong("manifest"), help: "The manifest the rows belong to (its file name without extension), when a row id is in several. Default: every manifest in the folder.")
    var manifest: String?

    func validate() throws {
        let chosen = [resubmit, taskID != nil, abandon].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("Choose exactly one of --resubmit, --task-id ID or --abandon.") }
        guard !rows.isEmpty else { throw ValidationError("Name at least one row to resolve.") }
    }

    @Option(name: .customLong("state-dir"), help: "Keep the journal in this folder on a local disk instead of OUT/.veobatch (for an output folder on NFS or SMB); the run lock stays in OUT/.veobatch. Give the same folder to every command on that output folder. Default: OUT/.veobatch.", completion: .directory)
    var stateDir: String?

    func run() async throws {
        try await runCommand(global.logging, failures: .plain) { _ in
            JournalStorage.useStateDirectory(stateDir)
            let action: Resolve.Action = if let taskID { .attachTask(id: taskID) } else if resubmit { .resubmit } else { .abandon }
            for settled in try Resolve.apply(outputDirectory: out, manifest: manifest, targets: rows, action: action) {
                let line = "\(settled.manifest)/\(settled.outputName): \(settled.state.rawValue). \(settled.message)"
                print(line)
                LogFile.info(line)
            }
        }
    }
}
