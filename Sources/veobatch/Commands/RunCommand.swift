import ArgumentParser
import Dispatch
import Foundation
import Logging
import Synchronization
import VeoBatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `veobatch run MANIFEST --out DIR`: validate → upload → submit → poll → download → report.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Render every row of a manifest into an output folder; safe to run again at any time.",
        discussion: """
            The manifest is validated first; any error stops the run before the first upload. The \
            journal in OUT/.veobatch then decides what is left to do: done rows are skipped, tasks \
            already on RunningHub are followed (never submitted again), failed rows are retried only \
            with --retry-failed, and a row whose parameters or inputs changed becomes a new job. A row \
            whose video is @ROW (or one of the ROW-extN rows that extend_times generates) waits for \
            that row's clip; takes = N renders N independent clips (ROW.mp4, ROW-take2.mp4, ...).

            Output: on a terminal a live board (takes per state, transfers with bytes and rate, tasks \
            in flight with their time, an ETA); otherwise (cron, CI, a pipe, or --no-progress) one line \
            per state change: ISO 8601 time, take, from -> to, message. --log-format json prints one JSON \
            object per state change instead (type, time, manifest, row, take, output, from, to, taskId, \
            message) and the summary as a last object of type "summary". --quiet prints only errors \
            and the summary. The summary sets the estimate beside what RunningHub charged, per take and \
            in total; report.html, report.csv and report.json are written to OUT/MANIFEST-STEM/.

            \(HelpText.runExitCodes)

            \(HelpText.environment)
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var connection: ConnectionOptions

    @Flag(
        name: .customLong("no-progress"),
        help:
            "Print plain lines instead of the live progress display, even on a terminal. Default: the live display when standard output is a terminal."
    )
    var noProgress = false

    @Argument(help: "The CSV manifest to render (manifests/README.md describes its columns).", completion: .file(extensions: ["csv"]))
    var manifest: String

    @Option(name: .customLong("out"), help: "The output folder (required): clips go to OUT/MANIFEST-STEM/ROW/, reports to OUT/MANIFEST-STEM/, the journal to OUT/.veobatch/.", completion: .directory)
    var out: String

    @Option(help: "Tasks of this run on RunningHub at once; the account's concurrentLimit (minus tasks not ours) may lower it.")
    var concurrency: Int = BatchRunConfiguration.defaultConcurrency

    @Option(name: .customLong("max-cost"), help: "Stop submitting before this output folder's spend (every task it ever created: charges, and estimates until a charge is reported) would pass AMOUNT: 30 is in the account's currency, 30USD or 200CNY name one (a currency other than the account's exits 2; no exchange rates). Estimates come from RunningHub's price-preview. Exit 4 when it stops. Default: no limit.")
    var maxCost: String?

    @Option(name: .customLong("name"), help: "The name of this manifest in the output folder (clips and reports go to OUT/NAME/). Default: the manifest's file name without extension; a second manifest with the same file name from another folder must pick its own.")
    var name: String?

    @Flag(name: .customLong("dry-run"), help: "Validate and print what would be submitted, with the estimate; send nothing and change nothing. Default: off.")
    var dryRun = false

    @Flag(name: .customLong("retry-failed"), help: "Give failed rows a new submit (and pay again). Default: failed rows are skipped.")
    var retryFailed = false

    @Option(name: .customLong("poll-interval"), help: "Seconds between two queries of one task (+/-20% jitter).")
    var pollInterval: Double = 5

    @Option(name: .customLong("task-timeout"), help: "Seconds this run waits for one task, counted from when it starts RUNNING, before leaving it as timeout (the task id is kept; the next run polls it again). A task queued on RunningHub never times out.")
    var taskTimeout: Double = 1800

    @Option(name: .customLong("media-root"), help: "Resolve relative media paths against this folder. Default: the manifest's folder.", completion: .directory)
    var mediaRoot: String?

    @Option(name: .customLong("max-polls-per-second"), help: "Cap on status queries per second across all tasks of this run.")
    var maxPollsPerSecond: Double = 10

    @Option(name: .customLong("settle"), help: "Seconds a media file must have stayed unchanged (size and modification time) before it is hashed, uploaded or submitted; a file still being copied into a drop folder waits for the next run (exit 1). 0 turns the wait off.")
    var settle: Double = 10

    @Option(name: .customLong("on-event"), help: ArgumentHelp("Run CMD through /bin/sh for each take that ends (done, failed, blocked, unknown, timeout) and once with the summary, one JSON object on its standard input; never with the API key. A failing or slow hook is logged and never stops the run. Default: none.", valueName: "CMD"))
    var onEvent: String?

    @Option(name: .customLong("hook-timeout"), help: "Seconds one --on-event hook may take before it is killed (with what it started).")
    var hookTimeout: Double = 30

    @Flag(name: .customLong("skip-invalid"), help: "Render the valid rows of a manifest with errors, list the invalid ones (and rows whose @ROW input is invalid) with their diagnostics, and exit 1. Default: any error stops the run before anything is sent (exit 2).")
    var skipInvalid = false

    @Option(name: .customLong("state-dir"), help: "Keep the journal in this folder on a local disk instead of OUT/.veobatch (for an output folder on NFS or SMB); the run lock stays in OUT/.veobatch. Give the same folder to every command on that output folder. Default: OUT/.veobatch.", completion: .directory)
    var stateDir: String?

    /// Runs CMD through /bin/sh (with VEOBATCH_UPLOAD_PATH set) just before each upload; the
    /// end-to-end tests change a file there to prove a changed input is never submitted.
    @Option(name: .customLong("test-before-upload"), help: ArgumentHelp(visibility: .hidden))
    var testBeforeUpload: String?

    /// Multiplies every back-off and retry wait; the end-to-end tests run with 0.001.
    @Option(name: .customLong("test-time-scale"), help: ArgumentHelp(visibility: .hidden))
    var testTimeScale: Double = 1

    /// How long RunningHub keeps a result (24 h); the end-to-end tests shorten it to see `expired`.
    @Option(name: .customLong("test-result-lifetime"), help: ArgumentHelp(visibility: .hidden))
    var testResultLifetime: Double?

    func validate() throws {
        guard maxPollsPerSecond > 0 else { throw ValidationError("--max-polls-per-second must be more than 0.") }
        guard testTimeScale > 0 else { throw ValidationError("--test-time-scale must be more than 0.") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1.") }
        guard pollInterval > 0 else { throw ValidationError("--poll-interval must be more than 0 seconds.") }
        guard taskTimeout > 0 else { throw ValidationError("--task-timeout must be more than 0 seconds.") }
        guard settle >= 0 else { throw ValidationError("--settle must be 0 or more seconds.") }
        guard hookTimeout > 0 else { throw ValidationError("--hook-timeout must be more than 0 seconds.") }
        if let maxCost { _ = try Self.amount(maxCost) }
        if let name, name.isEmpty || name.contains("/") || name.hasPrefix(".") {
            throw ValidationError("--name must be a plain folder name (no /, not starting with .), not \"\(name)\".")
        }
    }

    func run() async throws {
        try await runCommand(global.logging, render)
    }

    /// The manifest's jobs (kept on disk) and rows, and how many rows `--skip-invalid` left out;
    /// prints the diagnostics and exits 2 when the manifest cannot run. The validation itself
    /// (every row's cells, every diagnostic) ends here: a 10,000-row manifest is not held for
    /// the whole run.
    private func validated() throws -> (plan: RunPlan, skipped: Int) {
        let validation = try ManifestCommandSupport.validate(manifest: manifest, mediaRoot: mediaRoot, command: "run", skipInvalid: skipInvalid)
        ManifestCommandSupport.printDiagnostics(validation, quiet: global.quiet)
        guard validation.canRun else {
            printToStandardError(validation.summary(path: manifest))
            throw ExitCode(ExitStatus.usage)
        }
        if !validation.skippedRows.isEmpty {
            printToStandardError("--skip-invalid: \(validation.skippedRows.count) row(s) not rendered; the others go ahead (exit 1 at the end):")
            for row in validation.skippedRows {
                printToStandardError("  \(manifest):\(row.line): \(row.id): \(row.reason)")
            }
        }
        let plan = try RunPlan(jobs: validation.jobs, rows: validation.rows.map(BatchRow.init(manifestRow:)))
        return (plan, validation.skippedRows.count)
    }

    /// Validates, runs the batch (or plans it with --dry-run) and prints what happened; exits
    /// with the run's status.
    private func render(logger: Logger) async throws {
        LogFile.info("veobatch run \(manifest) --out \(out): started (pid \(getpid())).")
        JournalStorage.useStateDirectory(stateDir)
        if !JournalStorage.usesWAL(outputDirectory: out) || stateDir != nil {
            logger.info("\(JournalStorage.describe(outputDirectory: out))")
        }
        let stem = name ?? ((manifest as NSString).lastPathComponent as NSString).deletingPathExtension
        let manifestPath = URL(fileURLWithPath: manifest).standardizedFileURL.resolvingSymlinksInPath().path

        // Validate everything first: any error → exit 2 before the first upload.
        let (plan, skippedRows) = try validated()
        let detector: any FileTypeDetecting = try MagicFileTypeDetector()
        // A dry run never builds the client: nothing may be sent.
        let api: any RunningHubAPI = dryRun ? OfflineRunningHub() : try makeClient(connection: connection, logger: logger)

        var timing = RunTiming.standard.scaled(by: testTimeScale)
        timing.pollRequestsPerSecond = maxPollsPerSecond
        timing.pollInterval = .milliseconds(Int64(pollInterval * 1000))
        timing.taskTimeout = .milliseconds(Int64(taskTimeout * 1000))
        if let testResultLifetime { timing.resultURLLifetime = .milliseconds(Int64(testResultLifetime * 1000)) }
        let budget: MoneyLimit? = try maxCost.map { try Self.amount($0) }
        // Live board on a terminal, timestamped lines elsewhere, JSON lines with --log-format json.
        let displayMode = RunDisplay.mode(global: global, noProgress: noProgress)
        let display = RunDisplay(
            mode: dryRun ? .quiet : displayMode, manifest: stem,
            takes: displayMode == .live && !dryRun ? RunDisplay.seeds(for: try plan.jobs.all(), outputDirectory: out, manifest: stem) : [])
        let hooks = dryRun ? nil : onEvent.map {
            EventHooks(command: $0, timeout: .milliseconds(Int64(hookTimeout * 1000)), secrets: logSecrets.keys, logger: logger)
        }
        var configuration = BatchRunConfiguration(
            outputDirectory: out, manifestStem: stem, concurrency: concurrency, maxCost: budget, manifestPath: manifestPath,
            dryRun: dryRun, retryFailed: retryFailed, timing: timing,
            extraReports: [ReportHTML()],
            onEvent: Self.events(display: display.onEvent, hooks: hooks, tree: try? OutputTree(outputDirectory: out, manifestStem: stem)),
            onTransfer: display.onTransfer)
        configuration.settleSeconds = settle
        // Nothing will show every take: the summary lists only what needs a look.
        if displayMode == .quiet, hooks == nil, !LogFile.isOpen { configuration.listing = .noteworthyTakes }
        configuration.beforeUpload = testBeforeUpload.map(TestSeam.beforeUpload)
        let settings = configuration

        let client = api
        let typer = detector
        var outcome: RunOutcome
        display.start()
        do {
            outcome = try await Interruption.cancelling { @Sendable () async throws -> RunOutcome in
                try await BatchRun.run(configuration: settings, plan: plan, api: client, detector: typer, logger: logger)
            }
        } catch {
            display.stop()
            // The pipeline's errors are sentences naming the folder: printed as they are.
            printToStandardError("\(error)")
            await hooks?.drain()
            throw ExitCode(ExitStatus.code(for: error))
        }
        outcome.skippedRows = skippedRows
        if let plan = outcome.plan {
            for line in DryRunPlanText.lines(plan) { print(line) }
        } else {
            display.printSummary(outcome, outputDirectory: out)
        }
        let status = outcome.exitStatus.rawValue
        if let hooks {
            hooks.send(RunSummaryText.json(outcome), describing: "summary")
            await hooks.drain()
        }
        LogFile.info("veobatch run \(manifest): exit \(status).")
        throw ExitCode(status)
    }

    /// The display's handler, and the hook for takes that reach a terminal state.
    static func events(display: (@Sendable (RunEvent) -> Void)?, hooks: EventHooks?, tree: OutputTree?) -> (@Sendable (RunEvent) -> Void)? {
        guard let hooks, let tree else { return display }
        return { event in
            display?(event)
            if EventHooks.isTerminal(event.to), event.from != event.to {
                hooks.send(HookPayload.take(event, tree: tree), describing: "\(event.outputName) \(event.to.rawValue)")
            }
        }
    }

    static func amount(_ text: String) throws -> MoneyLimit {
        guard let limit = MoneyLimit(parsing: text) else {
            throw ValidationError("--max-cost must be an amount such as 50 or 12.5 (the account's currency), or 30USD / 200CNY, not \"\(text)\".")
        }
        return limit
    }
}

/// SIGINT/SIGTERM cancel the run's task: the pipeline stops submitting, lets a submit already
/// sent hear its answer, saves state, writes the reports and returns (exit 130). A second
/// signal quits at once; the journal is already consistent (every change is committed first).
enum Interruption {
    private final class Signals: Sendable {
        let count = Mutex(0)
    }

    static func cancelling(_ body: @escaping @Sendable () async throws -> RunOutcome) async throws -> RunOutcome {
        let task = Task { try await body() }
        let signals = Signals()
        let queue = DispatchQueue(label: "veobatch.signals")
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let seen = signals.count.withLock { count -> Int in
                    count += 1
                    return count
                }
                if seen == 1 {
                    printToStandardError("veobatch: interrupted; no new submits, saving state (signal again to quit at once).")
                    task.cancel()
                } else {
                    exit(RunExitStatus.interrupted.rawValue)
                }
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        return try await task.value
    }
}
