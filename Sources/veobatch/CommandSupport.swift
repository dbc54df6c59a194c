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

/// The transport for real runs: libcurl's multi interface on its own thread.
func makeTransport() throws -> any HTTPTransport {
    try CurlTransport()
}

/// The RunningHub client for a networked command: the key from `--api-key-file` or
/// `RUNNINGHUB_API_KEY` (never the command line), the base URL from `--base-url`,
/// `RUNNINGHUB_BASE_URL` or the default. Throws `APIKeyError` or `BaseURLError` (exit 2).
func makeClient(
    connection: ConnectionOptions,
    logger: Logger,
    transport: (any HTTPTransport)? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
) throws -> RunningHubClient {
    let key = try APIKeySource.load(keyFile: connection.apiKeyFile, environment: environment)
    logSecrets.add(key)
    return try RunningHubClient(baseURL: connection.resolvedBaseURL, apiKey: key, transport: transport ?? makeTransport(), logger: logger)
}

/// Runs a command's body with logging set up. A failure is printed as one `error:` line on
/// standard error (and to the log file), then the process exits with the product's exit code.
func runCommand(_ global: GlobalOptions, _ body: (Logger) async throws -> Void) async throws {
    let logging = try CommandLogging.started(global)
    do {
        try await body(logging.logger)
    } catch let exit as ExitCode {
        throw exit
    } catch let clean as CleanExit {
        throw clean
    } catch {
        printError(error)
        throw ExitCode(ExitStatus.code(for: error))
    }
}

/// Writes `error: …` to standard error (and to the `--log-file`), scrubbed of the key.
func printError(_ error: any Error) {
    let text = logSecrets.scrub(String(describing: error))
    FileHandle.standardError.write(Data("error: \(text)\n".utf8))
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

    static func info(_ line: String, metadata: Logger.Metadata? = nil) {
        logger.withLock { $0 }?.info("\(line)", metadata: metadata)
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
/// says) as text or JSON per `--log-format`.
struct CommandLogging {
    var logger: Logger
    /// Writes only to the log file, for lines that are already printed for humans.
    var fileLogger: Logger?

    private static let bootstrapped = Mutex(false)
    static let label = "veobatch"

    /// `bootstrap`, with a log file that cannot be opened reported as a usage error (exit 2).
    static func started(_ global: GlobalOptions) throws -> CommandLogging {
        do {
            return try bootstrap(global)
        } catch {
            printError(error)
            throw ExitCode(ExitStatus.code(for: error))
        }
    }

    static func bootstrap(_ global: GlobalOptions) throws -> CommandLogging {
        let format: LineLogHandler.Format = global.logFormat == .json ? .json : .text
        let consoleLevel: Logger.Level = global.quiet ? .error : (global.verbose ? .debug : .notice)
        var sinks: [any LogLineSink] = [FileDescriptorLogSink.standardError(minimumLevel: consoleLevel)]
        var fileSink: FileDescriptorLogSink?
        if let path = global.logFile {
            let sink = try FileDescriptorLogSink.appending(toFile: path, minimumLevel: global.verbose ? .debug : .info)
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
        let fileLogger = fileSink.map { sink in
            Logger(label: label) { label in LineLogHandler(label: label, format: format, sinks: [sink], secrets: logSecrets) }
        }
        LogFile.use(fileLogger)
        return CommandLogging(logger: Logger(label: label), fileLogger: fileLogger)
    }
}
