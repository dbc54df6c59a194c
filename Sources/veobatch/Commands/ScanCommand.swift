import ArgumentParser
import Foundation
import Logging
import VeoBatch

/// `veobatch scan DIR…`: finds shots by their file names, types every file by content, and
/// optionally writes or extends a draft manifest.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find shots in folders, check every file by content, and draft a manifest.",
        discussion: """
            Shots are recognised by name, in any case, with separators _ - . or space:
              NAME_start|first|in + NAME_end|last|out   a start/end pair
              NAME.png|jpg                              a single frame
              NAME_ref1 .. NAME_ref3                    reference images
              NAME.mp4                                  a clip to extend

            Files may sit in one folder or in a folder per shot (shot010/start.png). Every file is typed by its content. Hidden files, CSV manifests, veobatch output folders and --out/--exclude paths are skipped.

            With --manifest, new shots are appended as rows with an empty prompt to fill in; rows already in the manifest (same id, or using the same files) are kept exactly as they are.

            Exit status: 0 when the scan ran, even if some files were rejected (they are listed with the reason); 2 on a usage error (no folder, a folder that does not exist, an unknown model, a manifest that cannot be read); 1 when the manifest could not be written.

            \(HelpText.offline)
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Folders to scan, subfolders included.", completion: .directory)
    var folders: [String] = []

    @Option(help: "Write a draft manifest to this CSV file, or add the new shots to it if it exists. Default: no manifest.", completion: .file(extensions: ["csv"]))
    var manifest: String?

    @Option(
        name: .customLong("out"), help: "The run's output folder, skipped while scanning. Default: none (output folders holding .veobatch/ are skipped anyway).", completion: .directory)
    var outputFolder: String?

    @Option(name: .customLong("exclude"), help: "A file or folder to skip; repeat for more. Default: none.", completion: .file())
    var excluded: [String] = []

    @Option(name: .customLong("model-pair"), help: "Model for start/end pairs (an endpoint path or doc name).")
    var modelPair = ShotModels.defaultStartEnd

    @Option(name: .customLong("model-image"), help: "Model for single frames (an endpoint path or doc name).")
    var modelImage = ShotModels.defaultFrame

    @Option(name: .customLong("model-reference"), help: "Model for reference images (an endpoint path or doc name).")
    var modelReference = ShotModels.defaultReference

    @Option(name: .customLong("model-clip"), help: "Model for clips to extend (an endpoint path or doc name).")
    var modelClip = ShotModels.defaultClip

    @Option(name: .customLong("settle"), help: "Flag files changed less than this many seconds ago as settling (still being copied in: `run` would leave their rows for a later run). 0 turns it off.")
    var settle: Double = 10

    @Flag(name: .customLong("id-prefix-folder"), help: "Start each id with its folder's name: seq010/sh010_start.png becomes seq010_sh010. Default: the shot name alone.")
    var idPrefixFolder = false

    @Flag(help: "Print the result as JSON (shots, rejections, notes, manifest). Default: tables.")
    var json = false

    func run() async throws {
        try await runCommand(global.logging) { _ in
            var logger = Logger(label: "veobatch.scan")
            logger.logLevel = global.verbose ? .debug : .warning
            guard !folders.isEmpty else { throw usageError("Name at least one folder to scan, e.g. `veobatch scan shots/`.") }

            let models = ShotModels(startEnd: modelPair, frame: modelImage, reference: modelReference, clip: modelClip)
            do {
                let requirements = try models.requirements()
                if let manifest {
                    let parent = (manifest as NSString).deletingLastPathComponent
                    var isFolder: ObjCBool = false
                    if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder) || !isFolder.boolValue {
                        throw usageError("The folder of --manifest \(manifest) does not exist; create it first.")
                    }
                }
                var scanner = ShotScanner(detector: try MagicFileTypeDetector(), requirements: requirements, logger: logger)
                scanner.settleSeconds = settle
                scanner.idPrefixFolder = idPrefixFolder
                let skipped = excluded + [outputFolder, manifest].compactMap { $0 }
                let result = try await scanner.scan(folders: folders, excluding: skipped)
                let outcome = try manifest.map { try DraftManifest(path: $0, models: models, logger: logger).merge(result.shots) }
                let report = ScanReport(result: result, manifest: outcome)
                if json {
                    print(String(decoding: try report.json(), as: UTF8.self))
                } else if global.quiet {
                    print(report.summary(relativeTo: FileManager.default.currentDirectoryPath))
                } else {
                    print(report.text(relativeTo: FileManager.default.currentDirectoryPath), terminator: "")
                }
            } catch let error as ScanError {
                printError(error.description)
                throw ExitCode(error.isUsageError ? ExitStatus.usage : RunExitStatus.someNotDone.rawValue)
            }
        }
    }

    private func usageError(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(ExitStatus.usage)
    }
}
