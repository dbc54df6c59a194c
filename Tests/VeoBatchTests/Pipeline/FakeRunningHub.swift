import Foundation
@testable import VeoBatch

/// An in-process RunningHub for pipeline tests: tasks follow scripted timelines, the account's
/// concurrency limit is enforced (and the most tasks in flight recorded), and every call is
/// counted so a test can prove what was (not) sent.
actor FakeRunningHub: RunningHubAPI {
    /// How a task behaves on successive queries.
    struct Timeline: Sendable {
        var statuses: [TaskStatus]
        var errorCode: String?
        var errorMessage: String?
        var usage: TaskUsage?
        /// Results on success; nil means one MP4 clip.
        var results: [TaskResult]?

        static func succeeds(afterPolls polls: Int = 2, cost: Decimal = 4.7) -> Timeline {
            Timeline(statuses: Array(repeating: .queued, count: max(0, polls - 1)) + (polls > 0 ? [.running] : []) + [.success],
                     usage: TaskUsage(consumeMoney: nil, thirdPartyConsumeMoney: cost, consumeCoins: 17, taskCostTime: 83))
        }

        static func fails(code: String, message: String) -> Timeline {
            Timeline(statuses: [.running, .failed], errorCode: code, errorMessage: message)
        }

        /// Keeps answering RUNNING until the test calls `finish(taskID:)`.
        static let endless = Timeline(statuses: [.running])
    }

    enum SubmitAnswer: Sendable {
        case accept(Timeline)
        case reject(RunningHubError)
        /// Creates the task (it counts and runs) but the caller hears an ambiguous failure.
        case acceptButLoseAnswer(Timeline)
    }

    private struct FakeTask {
        var timeline: Timeline
        var step = 0
        var body: JSONValue
    }

    // Configuration
    var concurrentLimit = 50
    var foreignTasks = 0
    var defaultTimeline = Timeline.succeeds()
    /// Answers for submits whose `prompt` is the key, used in order before the default.
    var answersByPrompt: [String: [SubmitAnswer]] = [:]
    var queueStatusError: RunningHubError?
    var uploadErrors: [RunningHubError] = []
    var downloadErrors: [RunningHubError] = []
    /// The first download of each clip stops halfway (the server still announces the full length).
    var truncateFirstDownload = false
    var onSubmit: (@Sendable (String, JSONValue) -> Void)?

    // Records
    private(set) var uploads: [String] = []
    private(set) var submits: [JSONValue] = []
    private(set) var created: [String] = []
    private(set) var queries = 0
    private(set) var queueStatusReads = 0
    private(set) var downloads = 0
    private(set) var capacityRejections = 0
    private(set) var maxInFlight = 0
    private var inFlight = Set<String>()
    private var tasks: [String: FakeTask] = [:]
    private var truncated = Set<String>()
    /// Each fake numbers its tasks from a random base, so two fakes (two "runs") never hand out
    /// the same task id and clip bytes.
    private var nextTask = Int.random(in: 100_000...899_999) * 10_000

    // MARK: - Test controls

    func configure(_ change: @Sendable (isolated FakeRunningHub) -> Void) {
        change(self)
    }

    func script(prompt: String, _ answers: [SubmitAnswer]) {
        answersByPrompt[prompt] = answers
    }

    /// Lets an endless task end on its next query.
    func finish(taskID: String, with timeline: Timeline = .succeeds(afterPolls: 0)) {
        guard var task = tasks[taskID] else { return }
        task.timeline = timeline
        task.step = 0
        tasks[taskID] = task
    }

    /// Submit requests whose body has this prompt.
    func submitCount(prompt: String) -> Int {
        submits.filter { $0["prompt"]?.stringValue == prompt }.count
    }

    /// Tasks created (accepted submits) for this prompt: the count that costs money.
    func createdCount(prompt: String) -> Int {
        taskIDs(prompt: prompt).count
    }

    func taskIDs(prompt: String) -> [String] {
        created.filter { tasks[$0]?.body["prompt"]?.stringValue == prompt }
    }

    func body(ofTask taskID: String) -> JSONValue? {
        tasks[taskID]?.body
    }

    static func clipBytes(taskID: String) -> Data {
        Data("FAKEMP4 clip of task \(taskID) ".utf8) + Data(repeating: UInt8(taskID.utf8.last ?? 0), count: 2048)
    }

    // MARK: - RunningHubAPI

    func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia {
        uploads.append(path)
        if !uploadErrors.isEmpty { throw uploadErrors.removeFirst() }
        let name = (path as NSString).lastPathComponent
        return UploadedMedia(downloadURL: "https://fake.storage/\(uploads.count)/\(name)", fileName: name, type: "image", size: nil)
    }

    func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot {
        onSubmit?(endpoint, body)
        submits.append(body)
        let prompt = body["prompt"]?.stringValue ?? ""
        var answer = SubmitAnswer.accept(defaultTimeline)
        if var queue = answersByPrompt[prompt], !queue.isEmpty {
            answer = queue.removeFirst()
            answersByPrompt[prompt] = queue
        }
        switch answer {
        case .reject(let error):
            if error.category == .capacity { capacityRejections += 1 }
            throw error
        case .accept(let timeline), .acceptButLoseAnswer(let timeline):
            if inFlight.count + foreignTasks >= concurrentLimit {
                capacityRejections += 1
                throw RunningHubError(category: .capacity, code: "1520", message: "TASK_USER_CONCURRENT_LIMIT", route: endpoint)
            }
            nextTask += 1
            let id = "2013508786\(nextTask)"
            tasks[id] = FakeTask(timeline: timeline, body: body)
            created.append(id)
            inFlight.insert(id)
            maxInFlight = max(maxInFlight, inFlight.count)
            if case .acceptButLoseAnswer = answer {
                throw RunningHubError(category: .outcomeUnknown, message: "The connection was reset after the request was sent", route: endpoint)
            }
            return TaskSnapshot(taskID: id, status: .queued)
        }
    }

    func query(taskID: String) async throws -> TaskSnapshot {
        queries += 1
        guard var task = tasks[taskID] else {
            throw RunningHubError(category: .notFound, code: "1004", message: "Task not found", route: "query")
        }
        let statuses = task.timeline.statuses
        let status = statuses.isEmpty ? TaskStatus.success : statuses[min(task.step, statuses.count - 1)]
        task.step += 1
        tasks[taskID] = task
        guard status.isTerminal else { return TaskSnapshot(taskID: taskID, status: status) }
        inFlight.remove(taskID)
        if status == .success {
            let results = task.timeline.results ?? [TaskResult(url: "https://fake.result/\(taskID).mp4", outputType: "mp4")]
            return TaskSnapshot(taskID: taskID, status: .success, errorCode: "", errorMessage: "", results: results, usage: task.timeline.usage)
        }
        return TaskSnapshot(taskID: taskID, status: status, errorCode: task.timeline.errorCode, errorMessage: task.timeline.errorMessage, usage: task.timeline.usage)
    }

    func queueStatus() async throws -> QueueStatus {
        queueStatusReads += 1
        if let queueStatusError { throw queueStatusError }
        let running = inFlight.count + foreignTasks
        return QueueStatus(apiKeyType: "SHARED", concurrentLimit: concurrentLimit, runningCount: running, queuedCount: 0, totalCurrentTasks: running)
    }

    /// The account's currency (accountStatus); CNY so the table's list prices compare with it.
    var accountCurrency: Currency? = .cny
    func setAccountCurrency(_ currency: Currency?) { accountCurrency = currency }

    func accountStatus() async throws -> AccountStatus {
        AccountStatus(remainCoins: "100", currentTaskCounts: inFlight.count, remainMoney: 100, currency: accountCurrency, apiType: "SHARED")
    }

    /// The live price of every body. nil answers 1501 ("no price configured"), so each job's list
    /// price (`TestBatch.job(cost:)`) stands in, as the tests before live prices expected.
    var livePrice: Decimal?
    private(set) var previews = 0
    func setLivePrice(_ price: Decimal?) { livePrice = price }

    func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview {
        previews += 1
        guard let price = livePrice else {
            throw RunningHubError(category: .taskFailed, code: "1501", message: "no price configured", route: "price-preview/\(endpoint)")
        }
        return PricePreview(estimatedPrice: price, currency: accountCurrency)
    }

    func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult {
        downloads += 1
        if !downloadErrors.isEmpty { throw downloadErrors.removeFirst() }
        let taskID = ((url as NSString).lastPathComponent as NSString).deletingPathExtension
        guard tasks[taskID] != nil else {
            throw RunningHubError(category: .notFound, httpStatus: 404, message: "No such object", route: "download")
        }
        let clip = Self.clipBytes(taskID: taskID)
        // Resume like a server that honours Range: keep what is on disk if it is a prefix.
        let existing = (try? Data(contentsOf: URL(fileURLWithPath: partPath))) ?? Data()
        let resumedFrom = existing.count < clip.count && clip.starts(with: existing) ? existing.count : 0
        var content = clip
        if truncateFirstDownload, !truncated.contains(taskID) {
            truncated.insert(taskID)
            content = clip.prefix(clip.count / 2)
        }
        try Data(content).write(to: URL(fileURLWithPath: partPath))
        return DownloadResult(status: resumedFrom > 0 ? 206 : 200, fileLength: Int64(content.count), resumedFrom: Int64(resumedFrom),
                              expectedLength: Int64(clip.count), contentType: "video/mp4")
    }
}

/// Types files the way the fake produces them: `FAKEMP4` clips are MP4, anything else is text.
struct FakeDetector: FileTypeDetecting {
    func detect(fileAt path: String) throws -> DetectedFileType {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 7)) ?? Data()
        if head == Data("FAKEMP4".utf8) {
            return DetectedFileType(mimeType: "video/mp4", description: "ISO Media, MP4 v2 [ISO 14496-14]")
        }
        return DetectedFileType(mimeType: "text/plain", description: "ASCII text")
    }
}
