import ArgumentParser
import Foundation
import Logging

/// Options every command takes (output and logging). Precedence: flags > environment > built-in
/// defaults. Each help text names its default and its environment variable: `--help` and the man
/// page print them. Options only some commands use live with those commands (`ConnectionOptions`
/// for the ones that talk to RunningHub), so each command's help lists only what it uses.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .long, help: "Print only errors and the final summary. Default: progress and notices too.")
    var quiet = false

    @Flag(name: .long, help: "Print debug detail (never the API key). Default: notices and errors only.")
    var verbose = false

    @Option(
        name: .customLong("log-file"),
        help: "Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.",
        completion: .file())
    var logFile: String?

    @Option(name: .customLong("log-format"), help: "Log line format: text, or json (one object per line).")
    var logFormat: LogFormat = .text
}

/// How log lines are written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// Where RunningHub is and which key to use: only for the commands that talk to it (`run`,
/// `plan`, `account`).
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("base-url"),
        help:
            "RunningHub API site: https://www.runninghub.ai (international) or https://www.runninghub.cn (China); each has its own keys. Default: $RUNNINGHUB_BASE_URL, else https://www.runninghub.ai."
    )
    var baseURL: String?

    @Option(
        name: .customLong("api-key-file"),
        help:
            "Read the API key from this file (must not be readable by group or others); the key is never accepted on the command line. Default: $RUNNINGHUB_API_KEY.",
        completion: .file())
    var apiKeyFile: String?

    /// The base URL after flag > environment > default.
    var resolvedBaseURL: String {
        baseURL ?? ProcessInfo.processInfo.environment["RUNNINGHUB_BASE_URL"] ?? "https://www.runninghub.ai"
    }
}
