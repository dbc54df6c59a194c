import ArgumentParser
import Foundation
import Logging
import VeoBatch

/// `veobatch validate MANIFEST`: every problem in one pass, compiler style; no network.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a manifest completely: columns, values, ids, @ROW references and media files.",
        discussion: """
            Problems are printed to standard error as `file:line:column: error|warning: message` (line: the \
            physical line a row starts on; column: the CSV field). A one-line summary goes to standard output. \
            Chains of extends are checked too: at most 20 extensions of one clip, at most 148 s (local \
            clips are measured). Exit status: 0 when there is no error (warnings allowed), 2 on any error.

            \(HelpText.offline)
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The manifest CSV file (manifests/README.md describes its columns).", completion: .file(extensions: ["csv"]))
    var manifest: String

    @Option(name: .customLong("media-root"), help: "Folder that relative media paths resolve against. Default: the manifest's folder.", completion: .directory)
    var mediaRoot: String?

    @Flag(name: .long, help: "Print the result as JSON on standard output. Default: text.")
    var json = false

    /// Reads and parses the CSV with the manifest reader, then stops: `scripts/bench.sh` compares
    /// full validation with parsing alone.
    @Flag(name: .customLong("parse-only"), help: ArgumentHelp(visibility: .hidden))
    var parseOnly = false

    func run() async throws {
        try await runCommand(global.logging) { _ in
            if parseOnly {
                let read = ManifestReader.read(path: manifest)
                print("parsed \(read.manifest?.rows.count ?? 0) rows, \(read.diagnostics.count) diagnostics")
                if read.manifest == nil { throw ExitCode(ExitStatus.usage) }
                return
            }
            let validation = try ManifestCommandSupport.validate(manifest: manifest, mediaRoot: mediaRoot, command: "validate")
            if json {
                print(validation.jsonString(path: manifest))
            } else {
                ManifestCommandSupport.printDiagnostics(validation, quiet: global.quiet)
                print(validation.summary(path: manifest))
            }
            if !validation.isValid {
                throw ExitCode(ExitStatus.usage)
            }
        }
    }
}

/// What validate and plan share: building the table, the detector and the validator, and printing
/// diagnostics. Lives beside the commands so the library never prints.
enum ManifestCommandSupport {
    static func validate(manifest: String, mediaRoot: String?, command: String, skipInvalid: Bool = false) throws -> ManifestValidation {
        let table: EndpointTable
        let detector: MagicFileTypeDetector
        do {
            table = try EndpointTable.vendor()
            detector = try MagicFileTypeDetector()
        } catch {
            printToStandardError("veobatch \(command): \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        var validator = ManifestValidator(table: table, detector: detector, logger: Logger(label: "veobatch.\(command)"))
        validator.skipInvalid = skipInvalid
        return validator.validate(manifestAt: manifest, mediaRoot: mediaRoot)
    }

    /// Diagnostics go to standard error; `--quiet` keeps only errors. The log file gets every one.
    static func printDiagnostics(_ validation: ManifestValidation, quiet: Bool) {
        for diagnostic in validation.diagnostics {
            if diagnostic.severity == .warning {
                LogFile.warning(diagnostic.description)
            } else {
                LogFile.error(diagnostic.description)
            }
            guard !(quiet && diagnostic.severity == .warning) else { continue }
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }
}
