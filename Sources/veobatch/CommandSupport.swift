import ArgumentParser
import Foundation
import Logging
import Synchronization
import VeoBatch

// Shared plumbing for every command: the API client, logging, and the mapping from errors to the
// exit codes cron relies on (product.md §2).

/// Secrets every log line is scrubbed of. `makeClient` adds the key the moment it is loaded, so
/// handlers bootstrapped earlier scrub it too.
let logSecrets = LogSecrets()

/// The RunningHub client for a networked command: the key from `--api-key-file` or
/// `RUNNINGHUB_API_KEY` (never the command line), the base URL from `--base-url`,
/// `RUNNINGHUB_BASE_URL` or the default, over libcurl's multi interface on its own thread.
/// Throws `APIKeyError` or `BaseURLError` (exit 2).
func makeClient(connection: ConnectionOptions, logger: Logger) throws -> RunningHubClient {
    let key = try APIKeySource.load(keyFile: connection.apiKeyFile, environment: ProcessInfo.processInfo.environment)
    logSecrets.add(key)
    return try RunningHubClient(baseURL: connection.resolvedBaseURL, apiKey: key, transport: try CurlTransport(), logger: logger)
}

/// Runs a command's body: the one place logging is set up and the one place an error that stops
/// a command is printed and becomes its exit code (`ExitStatus`). A failure is one line on standard
/// error (and in the log file): `error: …`, or the message alone for `.plain` commands. A body that
/// printed its own diagnostics throws `ExitCode`, which passes through untouched.
func runCommand(
    _ logging: CommandLogging.Choices, failures: FailureLine = .marked, _ body: (Logger) async throws -> Void
) async throws {
    let logger: Logger
    do {
        logger = try CommandLogging.bootstrap(logging)
    } catch {
        // A log file that cannot be opened: a usage error (exit 2), printed without the log file.
        printError(error)
        throw ExitCode(ExitStatus.code(for: error))
    }
    do {
        try await body(logger)
    } catch let exit as ExitCode {
        throw exit
    } catch let clean as CleanExit {
        throw clean
    } catch {
        switch failures {
        case .marked: printError(error)
        case .plain: printToStandardError(String(describing: error))
        }
        throw ExitCode(ExitStatus.code(for: error))
    }
}

/// How a command's failure reads on standard error.
enum FailureLine {
    /// `error: MESSAGE`.
    case marked
    /// The message alone: the journal commands (`run`'s pipeline, `status`, `resolve`, `select`,
    /// `export`), whose messages are whole sentences naming the folder.
    case plain
}

/// `error: …` on standard error; the log file gets the message without the prefix.
func printError(_ error: any Error) {
    printError(String(describing: error))
}

/// `error: MESSAGE` on standard error, scrubbed of the key; the log file gets MESSAGE.
func printError(_ message: String) {
    let text = logSecrets.scrub(message)
    FileHandle.standardError.write(Data("error: \(text)\n".utf8))
    LogFile.error(text)
}

/// A line for people on standard error (a diagnostic, a note, a refusal), and the same line in
/// the log file, scrubbed of the key.
func printToStandardError(_ line: String) {
    let text = logSecrets.scrub(line)
    FileHandle.standardError.write(Data((text + "\n").utf8))
    LogFile.error(text)
}

/// The `--log-file` of this process, for what commands print for people (state changes, the
/// summary, diagnostics, errors): cron's stdout is usually thrown away, so the log file gets
/// these lines whatever `--quiet` or the live board show. A no-op without `--log-file`.
enum LogFile {
    private static let logger = Mutex<Logger?>(nil)

    static func use(_ fileLogger: Logger?) {
        logger.withLock { $0 = fileLogger }
    }

    static var isOpen: Bool { logger.withLock { $0 != nil } }

    static func info(_ line: String) {
        logger.withLock { $0 }?.info("\(line)")
    }

    static func warning(_ line: String) {
        logger.withLock { $0 }?.warning("\(line)")
    }

    static func error(_ line: String) {
        logger.withLock { $0 }?.error("\(line)")
    }
}

/// The one way an error that stops a command becomes its exit code. The codes themselves are
/// `RunExitStatus` (README: "Exit codes"), the one table every command uses.
enum ExitStatus {
    /// Local set-up problems (no key, a key file others can read, a bad base URL or log file), an
    /// invalid manifest or a refused `resolve`/`select`/`export` are 2: nothing was sent and the fix
    /// is in the invocation. A locked folder is 3; a key or account the server refuses is 5.
    /// Anything else that stops a command is 1.
    static func of(_ error: any Error) -> RunExitStatus {
        switch error {
        case is APIKeyError, is BaseURLError, is LogFileError, is ValidationError:
            return .invalid
        case JournalError.locked:
            return .locked
        case JournalError.missing, JournalError.newerSchema:
            return .invalid
        case is BatchRunError, is Resolve.Refusal, is ReviewRefusal, is OutputTree.UnsafeName:
            return .invalid
        case let error as RunningHubError:
            return error.isAccountProblem ? .account : .someNotDone
        default:
            return .someNotDone
        }
    }

    static func code(for error: any Error) -> Int32 { of(error).rawValue }

    /// Exit 2 without an error value (the command printed its diagnostics itself).
    static let usage = RunExitStatus.invalid.rawValue
}

/// Logging for one process: `--quiet` / `--verbose` pick the level on standard error, and
/// `--log-file` appends the same lines (at info, or debug with `--verbose`, whatever `--quiet`
/// says) as text or JSON per `--log-format`. Set up once, by `runCommand`.
enum CommandLogging {
    /// What the global options choose; `.defaults` for the hidden `transfer` tool, which has none.
    struct Choices {
        var quiet = false
        var verbose = false
        var logFile: String?
        var format: LogFormat = .text
    }

    private static let bootstrapped = Mutex(false)
    static let label = "veobatch"

    /// Installs the handlers (once per process) and opens the log file; returns the command's
    /// logger. Throws `LogFileError` when the log file cannot be opened.
    static func bootstrap(_ choices: Choices) throws -> Logger {
        let format: LineLogHandler.Format = choices.format == .json ? .json : .text
        let consoleLevel: Logger.Level = choices.quiet ? .error : (choices.verbose ? .debug : .notice)
        var sinks: [any LogLineSink] = [FileDescriptorLogSink.standardError(minimumLevel: consoleLevel)]
        var fileSink: FileDescriptorLogSink?
        if let path = choices.logFile {
            let sink = try FileDescriptorLogSink.appending(toFile: path, minimumLevel: choices.verbose ? .debug : .info)
            sinks.append(sink)
            fileSink = sink
        }
        let allSinks = sinks
        let first = bootstrapped.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        if first {
            LoggingSystem.bootstrap { label in
                LineLogHandler(label: label, format: format, sinks: allSinks, secrets: logSecrets)
            }
        }
        LogFile.use(
            fileSink.map { sink in
                Logger(label: label) { label in LineLogHandler(label: label, format: format, sinks: [sink], secrets: logSecrets) }
            })
        return Logger(label: label)
    }
}

extension CommandLogging.Choices {
    static let defaults = CommandLogging.Choices()
}

extension GlobalOptions {
    var logging: CommandLogging.Choices {
        CommandLogging.Choices(quiet: quiet, verbose: verbose, logFile: logFile, format: logFormat)
    }
}
