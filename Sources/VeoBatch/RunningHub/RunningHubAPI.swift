import Foundation

/// The RunningHub routes the product uses (runninghub-api.md §1–3, §6). The production conformer
/// is `RunningHubClient`; pipeline tests inject fakes. Every method throws `RunningHubError`.
public protocol RunningHubAPI: Sendable {
    /// `POST /openapi/v2/media/upload/binary`, the file streamed from disk as the multipart part `file`.
    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia
    /// `POST /openapi/v2/<endpoint>` with a JSON body. An ambiguous outcome throws category `.outcomeUnknown`.
    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot
    /// `POST /openapi/v2/query` with `{"taskId": …}`.
    func query(taskID: String) async throws -> TaskSnapshot
    /// `GET /openapi/v2/queue/status`.
    func queueStatus() async throws -> QueueStatus
    /// `POST /uc/openapi/accountStatus`.
    func accountStatus() async throws -> AccountStatus
    /// `POST /openapi/v2/price-preview/<endpoint>` with the submit body.
    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview
    /// Downloads a result URL to a `.part` file (resuming it). Result URLs live on object storage:
    /// the API key is never sent with them.
    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult
    /// `GET /openapi/v2/api-key/list`: this key's quota and expiry; nil when not listed.
    func keyQuota() async throws -> KeyQuota?
}

extension RunningHubAPI {
    /// Fakes and the offline API have no key list.
    public func keyQuota() async throws -> KeyQuota? { nil }
}

/// `data` of a successful media upload.
public struct UploadedMedia: Sendable, Hashable, Codable {
    /// The signed URL to put in `imageUrl`, `firstFrameUrl`, `video`, … (expires after about a day).
    public var downloadURL: String
    public var fileName: String?
    public var type: String?
    public var size: Int64?

    public init(downloadURL: String, fileName: String?, type: String?, size: Int64?) {
        self.downloadURL = downloadURL
        self.fileName = fileName
        self.type = type
        self.size = size
    }
}

/// A task's state as the submit or query answer reports it.
public enum TaskStatus: Sendable, Hashable, Codable {
    case create, queued, running, success, failed, cancelled
    case other(String)

    public init(wire: String) {
        switch wire.uppercased() {
        case "CREATE": self = .create
        case "QUEUED": self = .queued
        case "RUNNING": self = .running
        case "SUCCESS": self = .success
        case "FAILED": self = .failed
        case "CANCEL", "CANCELLED", "CANCELED": self = .cancelled
        default: self = .other(wire)
        }
    }

    /// SUCCESS, FAILED and CANCEL(LED) end a task; everything else is still going.
    public var isTerminal: Bool {
        switch self {
        case .success, .failed, .cancelled: return true
        default: return false
        }
    }
}

/// One output of a finished task.
public struct TaskResult: Sendable, Hashable, Codable {
    public var url: String
    /// A file extension such as `mp4`, not a MIME type.
    public var outputType: String?
    public init(url: String, outputType: String?) {
        self.url = url
        self.outputType = outputType
    }
}

/// `usage` of a finished task; the wire sends every field as a string or null.
public struct TaskUsage: Sendable, Hashable, Codable {
    public var consumeMoney: Decimal?
    public var thirdPartyConsumeMoney: Decimal?
    public var consumeCoins: Decimal?
    public var taskCostTime: Decimal?

    public init(consumeMoney: Decimal? = nil, thirdPartyConsumeMoney: Decimal? = nil, consumeCoins: Decimal? = nil, taskCostTime: Decimal? = nil) {
        self.consumeMoney = consumeMoney
        self.thirdPartyConsumeMoney = thirdPartyConsumeMoney
        self.consumeCoins = consumeCoins
        self.taskCostTime = taskCostTime
    }

    /// What the wallet was charged: the sum of the non-null money fields. A Veo task's charge is in
    /// `thirdPartyConsumeMoney` with `consumeMoney` null (runninghub-api.md §A.1), but a task may
    /// fill both, and a `consumeMoney` of 0 must never hide a real third-party charge. nil when
    /// neither field was reported. `consumeCoins` is another unit and is never added in.
    public var charged: Decimal? {
        let fields = [thirdPartyConsumeMoney, consumeMoney].compactMap { $0 }
        return fields.isEmpty ? nil : fields.reduce(0, +)
    }

    /// The charge in the account's currency (`usage` itself names none).
    public func charge(in currency: Currency) -> Money? {
        charged.map { Money($0, currency) }
    }
}

/// The submit/query answer: a flat object with no `code` envelope.
public struct TaskSnapshot: Sendable, Hashable, Codable {
    public var taskID: String
    public var status: TaskStatus
    /// Non-empty when the task failed (`"1501"`, …).
    public var errorCode: String?
    public var errorMessage: String?
    public var results: [TaskResult]
    public var usage: TaskUsage?
    /// `failedReason` when it says something (compact JSON); nil for absent, null and `{}`.
    public var failedReason: String? = nil
    /// `parentTaskId`, exactly as sent (the ids exceed a double's precision, so never a Double).
    public var parentTaskID: String? = nil
    /// The `taskId` of each `taskUsageList` entry, exactly as sent (they arrive as JSON numbers).
    public var usageTaskIDs: [String] = []

    public init(taskID: String, status: TaskStatus, errorCode: String? = nil, errorMessage: String? = nil, results: [TaskResult] = [], usage: TaskUsage? = nil) {
        self.taskID = taskID
        self.status = status
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.results = results
        self.usage = usage
    }
}

/// `data` of `GET /openapi/v2/queue/status`.
public struct QueueStatus: Sendable, Hashable, Codable {
    /// `EXCLUSIVE`, `SHARED` or `NORMAL`.
    public var apiKeyType: String?
    public var concurrentLimit: Int
    public var runningCount: Int
    public var queuedCount: Int
    public var totalCurrentTasks: Int

    public init(apiKeyType: String?, concurrentLimit: Int, runningCount: Int, queuedCount: Int, totalCurrentTasks: Int) {
        self.apiKeyType = apiKeyType
        self.concurrentLimit = concurrentLimit
        self.runningCount = runningCount
        self.queuedCount = queuedCount
        self.totalCurrentTasks = totalCurrentTasks
    }
}

/// `data` of `POST /uc/openapi/accountStatus`; the wire sends strings or null.
public struct AccountStatus: Sendable, Hashable, Codable {
    public var remainCoins: String?
    public var currentTaskCounts: Int?
    public var remainMoney: Decimal?
    /// The wallet's currency: USD on runninghub.ai, CNY on runninghub.cn; every charge is in it.
    public var currency: Currency?
    public var apiType: String?

    public init(remainCoins: String?, currentTaskCounts: Int?, remainMoney: Decimal?, currency: Currency?, apiType: String?) {
        self.remainCoins = remainCoins
        self.currentTaskCounts = currentTaskCounts
        self.remainMoney = remainMoney
        self.currency = currency
        self.apiType = apiType
    }
}

/// The answer of the price-preview route: the price RunningHub would charge for this exact body.
public struct PricePreview: Sendable, Hashable, Codable {
    public var estimatedPrice: Decimal
    public var currency: Currency?
    public init(estimatedPrice: Decimal, currency: Currency?) {
        self.estimatedPrice = estimatedPrice
        self.currency = currency
    }

    /// The price with its currency; nil when the answer named none (it cannot be compared then).
    public var money: Money? { currency.map { Money(estimatedPrice, $0) } }
}
