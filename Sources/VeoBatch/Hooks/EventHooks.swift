import Dispatch
import Foundation
import Logging
import Synchronization

/// `--on-event CMD`: one JSON object on the command's standard input for each take that reaches
/// a terminal state, and one `summary` object at the end of the run.
///
/// Hooks run one at a time, in order, on a dispatch queue of their own: the pipeline only hands
/// an event over and goes on (it never waits for a hook, so a slow hook cannot delay a submit or
/// a journal write). Each hook gets `timeout`; a hook that fails, hangs or cannot start is logged
/// and never stops the run. The hook's environment is the process's minus the API key.
public final class EventHooks: Sendable {
    public let command: String
    public let timeout: Duration
    private let environment: [String: String]
    private let logger: Logger
    private let queue = DispatchQueue(label: "veobatch.hooks")
    private let counts = Mutex((ran: 0, failed: 0))

    /// `secrets`: keys no variable handed to the hook may contain.
    public init(command: String, timeout: Duration, secrets: [APIKey], logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.command = command
        self.timeout = timeout
        self.logger = logger
        self.environment = HookProcess.environment(environment, secrets: secrets.map(\.revealedForRequestBody))
    }

    /// Whether `state` is one a take ends a run in, for which a hook runs.
    public static func isTerminal(_ state: JobState) -> Bool {
        state == .done || state.isProblem
    }

    /// Queues one event; returns at once.
    public func send(_ json: String, describing: String) {
        let data = Data((json + "\n").utf8)
        queue.async { [self] in
            let outcome = HookProcess.run(command, input: data, environment: environment, timeout: timeout)
            record(outcome, describing: describing)
        }
    }

    /// Waits until every queued hook has run (each within its timeout).
    public func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { continuation.resume() }
        }
    }

    /// Hooks run so far, and how many of them failed, hung or could not start.
    public var tally: (ran: Int, failed: Int) { counts.withLock { $0 } }

    private func record(_ outcome: HookProcess.Outcome, describing: String) {
        let failed: Bool
        switch outcome {
        case .exited(0, _):
            failed = false
            logger.debug("The --on-event hook ran.", metadata: ["event": "\(describing)"])
        case .exited(let code, let stderr):
            failed = true
            logger.warning("The --on-event hook failed (exit \(code)); the run goes on.", metadata: ["event": "\(describing)", "stderr": "\(stderr)"])
        case .signaled(let signal, let stderr):
            failed = true
            logger.warning("The --on-event hook was killed by signal \(signal); the run goes on.", metadata: ["event": "\(describing)", "stderr": "\(stderr)"])
        case .timedOut:
            failed = true
            logger.warning("The --on-event hook took longer than \(Int(timeout.seconds.rounded())) s and was killed (--hook-timeout); the run goes on.", metadata: ["event": "\(describing)"])
        case .couldNotStart(let reason):
            failed = true
            logger.warning("The --on-event hook could not start (\(reason)); the run goes on.", metadata: ["event": "\(describing)"])
        }
        counts.withLock {
            $0.ran += 1
            if failed { $0.failed += 1 }
        }
    }
}

/// The JSON a hook reads for one take (`type` "take"). Paths are absolute; absent values null.
public enum HookPayload {
    public static func take(_ event: RunEvent, tree: OutputTree) -> String {
        let clip = event.outputPath.flatMap { try? tree.absolute(fromOutputRelative: $0) }
        // A clip's sidecar is named after it (`ROW.v2.mp4` → `ROW.v2.json`), published before the hook runs.
        let sidecar = clip.flatMap { $0.hasSuffix(".mp4") ? String($0.dropLast(4)) + ".json" : nil }
        let document = TakeDocument(
            time: EventLine.timestamp(event.time), manifest: event.manifest, row: event.rowID, take: event.take,
            output: event.outputName, state: event.to.rawValue, clip: clip,
            sidecar: sidecar.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil },
            taskId: event.taskID,
            cost: Cost(estimate: event.estimate, charged: event.charge),
            error: event.to == .done ? nil : event.errorMessage.map { ErrorInfo(code: event.errorCode, message: $0) })
        return EventLine.encodedLine(document)
    }

    /// Each amount with its own currency (`{"amount":"0.6","currency":"CNY"}`): an estimate and a
    /// charge may be in different currencies and are never added or compared here.
    struct Cost: Encodable {
        var estimate: Money?
        var charged: Money?

        enum CodingKeys: String, CodingKey { case estimate, charged }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(estimate, forKey: .estimate)
            try container.encode(charged, forKey: .charged)
        }
    }

    struct ErrorInfo: Encodable {
        var code: String?
        var message: String
    }

    struct TakeDocument: Encodable {
        var type = "take"
        var time: String
        var manifest: String
        var row: String
        var take: Int
        var output: String
        var state: String
        var clip: String?
        var sidecar: String?
        var taskId: String?
        var cost: Cost
        var error: ErrorInfo?

        enum CodingKeys: String, CodingKey {
            case type, time, manifest, row, take, output, state, clip, sidecar, taskId, cost, error
        }

        // Every key on every line, null when absent, so a hook can rely on the shape.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(time, forKey: .time)
            try container.encode(manifest, forKey: .manifest)
            try container.encode(row, forKey: .row)
            try container.encode(take, forKey: .take)
            try container.encode(output, forKey: .output)
            try container.encode(state, forKey: .state)
            try container.encode(clip, forKey: .clip)
            try container.encode(sidecar, forKey: .sidecar)
            try container.encode(taskId, forKey: .taskId)
            try container.encode(cost, forKey: .cost)
            try container.encode(error, forKey: .error)
        }
    }
}
