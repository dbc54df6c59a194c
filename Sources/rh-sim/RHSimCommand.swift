import ArgumentParser
import Foundation
import Logging
import RunningHubSimulator

/// `rh-sim`: a local RunningHub for demos and end-to-end tests. It prints exactly one line on
/// stdout, `listening on http://127.0.0.1:PORT`, then logs to stderr until SIGINT or SIGTERM.
@main
struct RHSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rh-sim",
        abstract: "Run a local RunningHub simulator (Veo 3.1 endpoints, upload, query, files) on 127.0.0.1.",
        discussion:
            "Faults can be scripted at run time: POST a JSON array such as [{\"route\":\"submit\",\"fault\":\"createThenDrop\",\"count\":1}] "
            + "to /_sim/script, and read what the simulator saw from GET /_sim/stats. Stop it with Ctrl-C or SIGTERM (exit status 0)."
    )

    @Option(help: "Port to listen on (127.0.0.1 only); 0 lets the system pick one.")
    var port: Int = 0

    @Option(
        name: .customLong("api-key"), help: "An enterprise-shared API key the simulator accepts; repeat for more. At least one is required."
    )
    var apiKeys: [String] = []

    @Option(
        name: .customLong("non-enterprise-key"), help: "A valid key that is not enterprise-shared (Veo submits answer 1014); repeatable.")
    var nonEnterpriseKeys: [String] = []

    @Option(name: .customLong("concurrent-limit"), help: "Tasks one key may have running at once.")
    var concurrentLimit: Int = 50

    @Option(
        name: .customLong("over-limit"),
        help: "A submit over --concurrent-limit: queue (created, QUEUED until a slot frees) or refuse (--capacity-code, nothing created).")
    var overLimit: String = "queue"

    @Option(name: .customLong("param-error-code"), help: "errorCode of a body the schema refuses: 1007 or 301 (PARAMS_INVALID).")
    var paramErrorCode: String = "1007"

    @Option(name: .customLong("upload-success-code"), help: "`code` of a successful upload answer: 0 or 200.")
    var uploadSuccessCode: Int = 0

    @Option(name: .customLong("key-quota"), help: "quotaLimit of each key in GET /openapi/v2/api-key/list; 0 makes that route answer 404.")
    var keyQuota: Double = 1000

    @Option(name: .customLong("task-seconds"), help: "Seconds from submit to SUCCESS or FAILED (the first quarter QUEUED).")
    var taskSeconds: Double = 3

    @Option(name: .customLong("fault-rate"), help: "Probability from 0 to 1 that a request gets a random fault.")
    var faultRate: Double = 0

    @Option(help: "Seed for every random choice, so a run can be replayed.")
    var seed: UInt64 = 0

    @Option(
        name: .customLong("capacity-code"), help: "errorCode of a submit over the concurrency limit: 421, 415, 1520 or 1003.")
    var capacityCode: String = "421"

    @Option(name: .customLong("result-url-lifetime"), help: "Seconds a result URL keeps working after its task ends (24 h on RunningHub); then it answers 403.")
    var resultURLLifetime: Double = 24 * 3600

    @Option(name: .customLong("storage"), help: "Folder for uploaded files. Default: a temporary folder removed at exit.")
    var storage: String?

    @Option(name: .customLong("upload-limit-mb"), help: "Largest upload accepted, in MB; bigger ones answer code 809.")
    var uploadLimitMB: Int = 100

    @Option(name: .customLong("result-padding-bytes"), help: "Extra bytes added to every result MP4 (for download benchmarks).")
    var resultPaddingBytes: Int = 0

    @Option(name: .customLong("slow-body-delay"), help: "Seconds between the pieces of a slowBody fault's answer.")
    var slowBodyDelay: Double = 0.05

    @Option(help: "The account's currency, USD (runninghub.ai) or CNY (runninghub.cn): prices, charges, price previews and accountStatus use it. USD prices are the CNY list price / 6.9, rounded to cents.")
    var currency: String = "USD"

    @Option(name: .customLong("price-scale"), help: "Multiplies every live price and charge (e.g. 3 makes them three times the embedded table), as a decimal.")
    var priceScale: String = "1"

    @Option(
        name: .customLong("log-level"),
        help: "Least severe log level written to stderr: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    @Option(
        name: .customLong("script"),
        help: "A JSON file of faults to inject before the first request, in the format POST /_sim/script takes.")
    var scriptFile: String?

    func validate() throws {
        guard !apiKeys.isEmpty else {
            throw ValidationError("Give at least one --api-key; clients authenticate with it as a Bearer token.")
        }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1, got \(faultRate).") }
        guard taskSeconds >= 0, resultURLLifetime >= 0 else {
            throw ValidationError("--task-seconds and --result-url-lifetime must not be negative.")
        }
        guard SimulatorConfiguration.OverLimitPolicy(rawValue: overLimit) != nil else {
            throw ValidationError("--over-limit must be queue or refuse, got \(overLimit).")
        }
        guard ["1007", "301"].contains(paramErrorCode) else {
            throw ValidationError("--param-error-code must be 1007 or 301, got \(paramErrorCode).")
        }
        guard [0, 200].contains(uploadSuccessCode) else {
            throw ValidationError("--upload-success-code must be 0 or 200, got \(uploadSuccessCode).")
        }
        guard keyQuota >= 0 else { throw ValidationError("--key-quota must not be negative.") }
        guard concurrentLimit >= 1 else { throw ValidationError("--concurrent-limit must be at least 1, got \(concurrentLimit).") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port).") }
        guard ["USD", "CNY"].contains(currency.uppercased()) else {
            throw ValidationError("--currency must be USD or CNY, got \(currency).")
        }
        guard let scale = Decimal(string: priceScale, locale: Locale(identifier: "en_US_POSIX")), scale > 0,
              priceScale.allSatisfy({ $0.isNumber || $0 == "." })
        else {
            throw ValidationError("--price-scale must be a positive decimal such as 3 or 0.5, got \(priceScale).")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got \(logLevel).")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var configuration = SimulatorConfiguration(apiKeys: apiKeys, nonEnterpriseKeys: nonEnterpriseKeys)
        configuration.port = port
        configuration.concurrentLimit = concurrentLimit
        configuration.overLimit = SimulatorConfiguration.OverLimitPolicy(rawValue: overLimit) ?? .queue
        configuration.paramErrorCode = paramErrorCode
        configuration.uploadSuccessCode = uploadSuccessCode
        configuration.keyQuotaLimit = keyQuota > 0 ? keyQuota : nil
        configuration.taskSeconds = taskSeconds
        configuration.faultRate = faultRate
        configuration.seed = seed
        configuration.capacityCode = capacityCode
        configuration.resultURLLifetime = resultURLLifetime
        configuration.storageDirectory = storage
        configuration.uploadLimitBytes = Int64(uploadLimitMB) * 1024 * 1024
        configuration.resultPaddingBytes = resultPaddingBytes
        configuration.slowBodyChunkDelay = slowBodyDelay
        configuration.currency = currency.uppercased()
        configuration.priceScale = Decimal(string: priceScale, locale: Locale(identifier: "en_US_POSIX")) ?? 1
        configuration.logger = Logger(label: "rh-sim")

        // Catch the signals before the port is announced, so a parent that reads the line and
        // stops us at once is still heard.
        let termination = TerminationSignal.install()

        var scripted: [ScriptedFault] = []
        if let scriptFile {
            do {
                scripted = try JSONDecoder().decode([ScriptedFault].self, from: Data(contentsOf: URL(fileURLWithPath: scriptFile)))
            } catch {
                throw ValidationError(
                    "--script \(scriptFile) is not a JSON array of faults such as [{\"route\":\"submit\",\"fault\":\"http503\"}]: \(error)")
            }
        }
        let simulator = RunningHubSimulatorServer(configuration: configuration)
        await simulator.script(scripted)
        try await simulator.start()
        // Written straight to the file descriptor: a parent process reads this line to learn the port.
        FileHandle.standardOutput.write(Data("listening on \(simulator.baseURL)\n".utf8))

        let number = await termination.wait()
        configuration.logger.info("Stopping on signal \(number)")
        await simulator.stop()
    }
}
