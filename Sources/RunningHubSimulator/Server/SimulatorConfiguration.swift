import Foundation
import Logging

/// Everything that shapes one simulator instance: its keys, its limits, its timing and its faults.
///
/// Defaults follow runninghub-api.md: enterprise keys may run 50 tasks at once (§4.4), signed URLs
/// live about a day (§1.1, §2.1), and the capacity answer is `TASK_QUEUE_MAXED` (421).
public struct SimulatorConfiguration: Sendable {
    /// Interface to bind. The simulator is meant for loopback only.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 lets the kernel pick one (read it back from `RunningHubSimulatorServer.port`).
    public var port: Int = 0
    /// Enterprise-shared keys: the only keys the Standard Model (Veo) endpoints accept.
    public var apiKeys: [String]
    /// Valid keys that are not enterprise-shared: they can upload and query the account, but every
    /// Veo submit answers `1014`.
    public var nonEnterpriseKeys: [String] = []
    /// Tasks one key may have running at once. A submit over it waits in the server queue
    /// (`overLimit` `.queue`, the amended contract) or is refused with `capacityCode` (`.refuse`).
    public var concurrentLimit: Int = 50
    /// What a submit over `concurrentLimit` gets (runninghub-api.md section A item 5).
    public var overLimit: OverLimitPolicy = .queue
    /// `errorCode` of a body the schema refuses: `1007` (documented) or `301` PARAMS_INVALID (seen on .ai).
    public var paramErrorCode: String = "1007"
    /// `code` of a successful upload answer: 0 (documented) or 200 (seen by one client).
    public var uploadSuccessCode: Int = 0
    /// `quotaLimit` of every key in `GET /openapi/v2/api-key/list` (money, CNY); `quotaUsed` is the
    /// key's charged tasks. Nil makes the route answer 404, as on a site without it.
    public var keyQuotaLimit: Double? = 1000
    /// Minutes until every key expires, as `expireInMinute` says.
    public var keyExpiryMinutes: Int = 30 * 24 * 60
    /// Wall time from submit to SUCCESS/FAILED. The first quarter is QUEUED, the rest RUNNING.
    public var taskSeconds: Double = 3
    /// Probability (0…1) that a request gets a random fault chosen from the kinds that suit its route.
    public var faultRate: Double = 0
    /// Seed for every random choice (faults, task ids), so a run can be replayed.
    public var seed: UInt64 = 0
    /// Seconds a signed file URL stays valid after it is issued. 0 issues already-expired URLs.
    public var resultURLLifetime: Double = 24 * 3600
    /// `errorCode` of a submit over the concurrency limit: 421, 415, 1520 or 1003.
    public var capacityCode: String = "421"
    /// Where uploads are kept; a fresh temporary folder (removed on `stop()`) when nil.
    public var storageDirectory: String? = nil
    /// Largest upload accepted, in bytes; a bigger one answers code 809 (the real limit is UNCONFIRMED).
    public var uploadLimitBytes: Int64 = 100 * 1024 * 1024
    /// Delay between the pieces of a `slowBody` answer (the body is sent in about ten pieces).
    public var slowBodyChunkDelay: Double = 0.05
    /// Extra bytes (a trailing `free` box) added to every result MP4, to make result downloads big
    /// for benchmarks without storing anything: result files are generated on the fly.
    public var resultPaddingBytes: Int = 0
    /// Whether media fields that point at this simulator's own files must hold the kind of file the
    /// endpoint table accepts (JPG/PNG for images, MP4 for `video`), judged from the file's bytes.
    public var enforceMediaTypes: Bool = true
    /// The account's currency: `USD` (runninghub.ai, the default) or `CNY` (runninghub.cn). Prices,
    /// charges, price previews and accountStatus are all in it (runninghub-api.md §A.2).
    public var currency: String = "USD"
    /// Multiplies every live price (previews and charges), so tests can make the live prices
    /// differ from the embedded table as the real catalog does (§A.3). 1 = list price.
    public var priceScale: Decimal = 1
    /// Where the simulator logs (requests at debug, faults at info). The library never prints.
    public var logger: Logger = SimulatorConfiguration.quietLogger()

    public init(
        apiKeys: [String],
        nonEnterpriseKeys: [String] = [],
        host: String = "127.0.0.1",
        port: Int = 0,
        concurrentLimit: Int = 50,
        taskSeconds: Double = 3,
        faultRate: Double = 0,
        seed: UInt64 = 0,
        resultURLLifetime: Double = 24 * 3600,
        capacityCode: String = "421",
        storageDirectory: String? = nil,
        uploadLimitBytes: Int64 = 100 * 1024 * 1024,
        slowBodyChunkDelay: Double = 0.05,
        resultPaddingBytes: Int = 0,
        enforceMediaTypes: Bool = true,
        currency: String = "USD",
        priceScale: Decimal = 1,
        logger: Logger = SimulatorConfiguration.quietLogger()
    ) {
        self.apiKeys = apiKeys
        self.nonEnterpriseKeys = nonEnterpriseKeys
        self.host = host
        self.port = port
        self.concurrentLimit = concurrentLimit
        self.taskSeconds = taskSeconds
        self.faultRate = faultRate
        self.seed = seed
        self.resultURLLifetime = resultURLLifetime
        self.capacityCode = capacityCode
        self.storageDirectory = storageDirectory
        self.uploadLimitBytes = uploadLimitBytes
        self.slowBodyChunkDelay = slowBodyChunkDelay
        self.resultPaddingBytes = resultPaddingBytes
        self.enforceMediaTypes = enforceMediaTypes
        self.currency = currency
        self.priceScale = priceScale
        self.logger = logger
    }

    /// How the simulator treats a submit over the key's concurrency limit.
    public enum OverLimitPolicy: String, Sendable, CaseIterable {
        /// Create the task and keep it QUEUED until a slot frees (the 2026 docs: `QUEUED`, `queueSize` 1000).
        case queue
        /// Refuse with `capacityCode` and create nothing (the earlier picture).
        case refuse
    }

    /// The default logger: warnings and worse only, so tests that start many simulators stay quiet.
    public static func quietLogger() -> Logger {
        var logger = Logger(label: "rh-sim")
        logger.logLevel = .warning
        return logger
    }
}
