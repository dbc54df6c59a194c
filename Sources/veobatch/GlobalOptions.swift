import ArgumentParser
import Foundation
import Logging

/// Options every command takes. Precedence: flags > environment > built-in defaults.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("base-url"),
        help: "RunningHub API base URL. Default: $RUNNINGHUB_BASE_URL, else https://www.runninghub.ai.")
    var baseURL: String?

    @Option(
        name: .customLong("api-key-file"),
        help: "Read the API key from this file (must not be readable by group or others). Default: $RUNNINGHUB_API_KEY.")
    var apiKeyFile: String?

    @Flag(name: .long, help: "Print only errors and the final summary.")
    var quiet = false

    @Flag(name: .long, help: "Print debug detail (never the API key).")
    var verbose = false

    @Option(name: .customLong("log-file"), help: "Also write the log to this file (appended).")
    var logFile: String?

    @Option(name: .customLong("log-format"), help: "Log line format: text or json. Default: text.")
    var logFormat: LogFormat = .text

    @Flag(name: .customLong("no-progress"), help: "Never draw the live progress display, even on a terminal.")
    var noProgress = false

    /// The base URL after flag > environment > default.
    var resolvedBaseURL: String {
        baseURL ?? ProcessInfo.processInfo.environment["RUNNINGHUB_BASE_URL"] ?? "https://www.runninghub.ai"
    }
}

/// How log lines are written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}
