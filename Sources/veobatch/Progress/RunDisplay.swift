import Foundation
import VeoBatch
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `veobatch run` prints while it works and when it ends, by how it was started:
///
/// - `--log-format json`: one JSON object per state change on stdout (`EventLine.json`), then
///   the summary as one JSON object (`type` "summary"); with `--quiet` only the summary.
/// - `--quiet`: nothing while running (errors go to stderr), then the summary.
/// - a terminal on stdout (and no `--no-progress` or `--verbose`): the live board, then the summary.
/// - otherwise (cron, CI, a pipe): one timestamped line per state change, then the summary.
final class RunDisplay: Sendable {
    enum Mode: Sendable, Equatable {
        case json(quiet: Bool)
        case quiet
        case live
        case lines
    }

    let mode: Mode
    private let live: LiveProgress?

    init(mode: Mode, manifest: String, takes: [ProgressBoard.Seed]) {
        self.mode = mode
        live = mode == .live ? LiveProgress(board: ProgressBoard(manifest: manifest, takes: takes)) : nil
    }

    static func mode(global: GlobalOptions, noProgress: Bool) -> Mode {
        if global.logFormat == .json { return .json(quiet: global.quiet) }
        if global.quiet { return .quiet }
        let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
        // --verbose writes log lines to the same terminal; they would tear the board apart.
        if isatty(STDOUT_FILENO) == 1, !noProgress, !global.verbose, !dumb { return .live }
        return .lines
    }

    /// Where the takes stand before the run, from the journal (all `pending` when there is none),
    /// so the board counts done takes a rerun skips.
    static func seeds(for jobs: [JobSpec], outputDirectory: String, manifest: String) -> [ProgressBoard.Seed] {
        let report = (try? StatusListing.load(outputDirectory: outputDirectory, manifest: manifest))?.reports.first
        let known = Dictionary((report?.entries ?? []).map { ("\($0.rowID)\u{0}\($0.take)", $0) }, uniquingKeysWith: { first, _ in first })
        return jobs.map { job in
            guard let entry = known["\(job.rowID)\u{0}\(job.take)"] else {
                return ProgressBoard.Seed(rowID: job.rowID, take: job.take, outputName: job.outputName)
            }
            let since = entry.timings.first { $0.state == .uploading || $0.state == .submitting }?.at
            return ProgressBoard.Seed(
                rowID: job.rowID, take: job.take, outputName: job.outputName, state: entry.state,
                taskID: entry.taskID, since: since)
        }
    }

    /// What the display does with a state change, plus one line in the `--log-file` whatever the
    /// display shows (cron runs with `--quiet`; the log file is where it goes).
    var onEvent: (@Sendable (RunEvent) -> Void)? {
        let display = displayEvent
        guard LogFile.isOpen else { return display }
        return { event in
            LogFile.info(EventLine.untimed(event))
            display?(event)
        }
    }

    private var displayEvent: (@Sendable (RunEvent) -> Void)? {
        switch mode {
        case .json(quiet: false):
            return { event in Self.write(EventLine.json(event)) }
        case .lines:
            return { event in Self.write(EventLine.text(event)) }
        case .live:
            guard let live else { return nil }
            return { event in
                live.board.record(event)
                if event.to.isProblem { live.keep(EventLine.text(event)) }
            }
        case .json(quiet: true), .quiet:
            return nil
        }
    }

    var onTransfer: (@Sendable (TransferUpdate) -> Void)? {
        guard let live else { return nil }
        return { update in live.board.record(update) }
    }

    func start() {
        // A reader that goes away (`veobatch run … | head`) must not kill the run between a
        // submit and its journal entry: writes to a closed pipe fail quietly instead.
        signal(SIGPIPE, SIG_IGN)
        // What `print` buffered (validation warnings) goes out before the first line written here.
        fflush(nil)
        live?.start()
    }

    /// Stops the live board (before anything else is printed).
    func stop() {
        live?.stop()
    }

    func printSummary(_ outcome: RunOutcome, outputDirectory: String) {
        stop()
        // The log's listing of every take is made only when there is a log to hold it: at
        // 10,000 takes the table is megabytes of text, the last peak of a run.
        if LogFile.isOpen {
            for line in RunSummaryText.lines(outcome, outputDirectory: outputDirectory, quiet: false) {
                LogFile.info(line)
            }
        }
        switch mode {
        case .json:
            Self.write(RunSummaryText.json(outcome))
        case .quiet, .live, .lines:
            for line in RunSummaryText.lines(outcome, outputDirectory: outputDirectory, quiet: mode == .quiet) {
                Self.write(line)
            }
        }
    }

    /// One whole line in one write, so lines from concurrent jobs never mix.
    static func write(_ line: String) {
        StandardOutput.put(line + "\n")
    }
}
