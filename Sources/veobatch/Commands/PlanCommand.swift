import ArgumentParser
import Foundation
import Logging
import VeoBatch

/// `veobatch plan MANIFEST`: validation, then what would be submitted and what it would cost.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Validate a manifest and show every job that would be submitted, with its price.",
        discussion: """
            Per job: row, take, endpoint, inputs, the request body (local files shown as paths, another \
            row's clip as @ROW) and the estimated price from the embedded price table; then the total. \
            Rows that extend_times generates (ROW-ext1, ...) and takes (ROW-take2, ...) are listed as \
            jobs of their own. Nothing is uploaded or submitted. Exit status: 0 when the manifest is \
            valid, 2 when it is not (its problems are printed as by `validate`).

            With an API key at hand (RUNNINGHUB_API_KEY or --api-key-file FILE), each job is also priced \
            by RunningHub's price-preview route at RUNNINGHUB_BASE_URL (--base-url takes precedence; \
            default https://www.runninghub.ai). Without a key, plan never uses the network.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The manifest CSV file (manifests/README.md describes its columns).", completion: .file(extensions: ["csv"]))
    var manifest: String

    @Option(name: .customLong("media-root"), help: "Folder that relative media paths resolve against. Default: the manifest's folder.", completion: .directory)
    var mediaRoot: String?

    @Flag(name: .long, help: "Print the plan as JSON on standard output. Default: text.")
    var json = false

    func run() async throws {
        try await runCommand(global.logging) { _ in
            let validation = try ManifestCommandSupport.validate(manifest: manifest, mediaRoot: mediaRoot, command: "plan")
            guard validation.isValid else {
                if json {
                    print(validation.jsonString(path: manifest))
                } else {
                    ManifestCommandSupport.printDiagnostics(validation, quiet: global.quiet)
                    print(validation.summary(path: manifest))
                }
                throw ExitCode(ExitStatus.usage)
            }
            if !json {
                ManifestCommandSupport.printDiagnostics(validation, quiet: global.quiet)
            }
            let table = try EndpointTable.vendor()
            // With a key at hand, the price-preview route gives RunningHub's own price; without one
            // the plan uses the embedded price table and stays offline. A key file others can read
            // or a base URL that is not allowed stops it as a usage error (2).
            let logger = Logger(label: "veobatch.plan")
            let keyAvailable = connection.apiKeyFile != nil || ProcessInfo.processInfo.environment["RUNNINGHUB_API_KEY"] != nil
            let api: (any RunningHubAPI)? = keyAvailable ? try makeClient(connection: connection, logger: logger) : nil
            let plan = await ManifestPlan.build(manifestPath: manifest, jobs: validation.jobs, table: table, api: api, logger: logger)
            print(json ? plan.jsonString : plan.text)
        }
    }
}
