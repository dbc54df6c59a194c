import Foundation
import Logging
import TestSupport
@testable import VeoBatch

extension RunTiming {
    /// Millisecond waits: the same logic as production, fast enough for unit tests.
    static let fast = RunTiming(
        pollInterval: .milliseconds(3), jitter: 0.2, pollRequestsPerSecond: 5000, pollParallelism: 4, pollFailureTolerance: 5,
        taskTimeout: .seconds(30), capacityBackoff: [.milliseconds(3), .milliseconds(6), .milliseconds(12)],
        capacityAnswersPerJob: 10_000, submitRetryDelays: [.milliseconds(2), .milliseconds(2), .milliseconds(2)],
        uploadRetryDelays: [.milliseconds(2), .milliseconds(2), .milliseconds(2)], downloadAttempts: 3,
        downloadRetryDelay: .milliseconds(2), queueStatusInterval: .milliseconds(5), uploadParallelism: 4, downloadParallelism: 3)
}

/// A fresh temporary folder with media and an output folder, plus shortcuts to build jobs and
/// run them against a fake RunningHub. The folder is removed when the value goes away.
final class TestBatch: Sendable {
    /// Removed with the batch (`VEOBATCH_KEEP_TEST_DIRS=1` keeps it for a look with `veobatch status`).
    private let folder: TemporaryFolder
    var root: String { folder.path }
    static let manifest = "shots"
    static let endpoint = "rhart-video-v3.1-pro/start-end-to-video"

    init() throws {
        folder = try TemporaryFolder()
        try folder.folder("media")
    }

    var out: String { root + "/out" }
    var manifestFolder: String { out + "/" + Self.manifest }

    /// Writes a media file and returns its path.
    @discardableResult
    func media(_ name: String, _ contents: String) throws -> String {
        let path = root + "/media/" + name
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func clip(_ rowID: String, _ name: String? = nil) -> String {
        manifestFolder + "/\(rowID)/\(name ?? rowID).mp4"
    }

    /// A job whose prompt is its row id, so the fake can be scripted per row.
    static func job(_ rowID: String, take: Int = 1, line: Int = 2, prompt: String? = nil, firstFrame: String? = nil,
                    video: MediaSource? = nil, cost: Decimal? = 10, extra: [String: JSONValue] = [:]) -> JobSpec {
        var media: [MediaInput] = []
        if let firstFrame { media.append(MediaInput(field: "firstFrameUrl", isList: false, source: .file(path: firstFrame))) }
        if let video { media.append(MediaInput(field: "video", isList: false, source: video)) }
        var parameters: [String: JSONValue] = ["prompt": .string(prompt ?? rowID), "aspectRatio": .string("9:16"),
                                               "duration": .string("8"), "resolution": .string("720p")]
        parameters.merge(extra) { _, new in new }
        return JobSpec(rowID: rowID, take: take, endpoint: endpoint, parameters: parameters, media: media, estimatedCost: cost,
                       outputName: take == 1 ? rowID : "\(rowID)-take\(take)", line: line)
    }

    static func rows(_ jobs: [JobSpec]) -> [BatchRow] {
        var seen = Set<String>()
        return jobs.filter { seen.insert($0.rowID).inserted }.map {
            BatchRow(id: $0.rowID, line: $0.line, prompt: $0.parameters["prompt"]?.stringValue,
                     carried: [CarriedColumn(name: "x_shot", value: "S-\($0.rowID)"), CarriedColumn(name: "note", value: "take care, \"quoted\"")])
        }
    }

    func configuration(concurrency: Int = 4, maxCost: MoneyLimit? = nil, retryFailed: Bool = false, dryRun: Bool = false,
                       timing: RunTiming = .fast, events: (@Sendable (RunEvent) -> Void)? = nil) -> BatchRunConfiguration {
        BatchRunConfiguration(outputDirectory: out, manifestStem: Self.manifest, concurrency: concurrency, maxCost: maxCost,
                              dryRun: dryRun, retryFailed: retryFailed, timing: timing, onEvent: events)
    }

    func run(_ jobs: [JobSpec], api: any RunningHubAPI, configuration: BatchRunConfiguration? = nil) async throws -> RunOutcome {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try await BatchRun.run(configuration: configuration ?? self.configuration(), jobs: jobs, rows: Self.rows(jobs),
                                      api: api, detector: FakeDetector(), logger: logger)
    }

    func journal() throws -> Journal {
        guard let journal = try Journal.openReadOnly(outputDirectory: out) else {
            throw BatchRunError("no journal in \(out)")
        }
        return journal
    }

    func current(_ rowID: String, take: Int = 1) throws -> JobRecord? {
        try journal().currentJob(manifest: Self.manifest, rowID: rowID, take: take)
    }

    func states(_ rowID: String, take: Int = 1) throws -> [JobState] {
        guard let id = try current(rowID, take: take)?.id else { return [] }
        return try journal().events(jobID: id).compactMap(\.toState).reduce(into: []) { states, state in
            if states.last != state { states.append(state) }
        }
    }
}

/// `maxCost: 25` in tests: an amount in the account's currency.
extension MoneyLimit: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(amount: Decimal(value), currency: nil)
    }
}

/// `currency: "CNY"` in tests.
extension Currency: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = Currency(code: value)!
    }
}
