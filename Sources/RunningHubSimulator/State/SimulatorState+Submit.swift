import Foundation

/// Veo submits and price previews: the same checks, then either a task or a price.
extension SimulatorState {
    /// Each `video-extend` call appends this many seconds (runninghub-api.md §1.2, measured).
    static let extendSeconds = 7.0
    /// The longest chain the docs allow: 20 extensions, 148 s in all.
    static let maxExtensions = 20
    static let maxExtendedSeconds = 148.0

    /// What a valid body turns into.
    struct Plan {
        let key: String
        let fields: [String: SimJSON]
        let outputSeconds: Double
        let portrait: Bool
        /// `720p`, `1080p`, `4k`, as asked (or the endpoint's default); nil on channels without one.
        let resolution: String?
        let audio: Bool
        let extensions: Int
        let price: Decimal
    }

    /// Auth, schema, media and extend checks shared by submit and price preview.
    func plan(endpoint: String, authorization: String?, body: Data) -> Result<Plan, Rejection> {
        let key = Self.bearerKey(authorization)
        switch role(of: key) {
        case nil:
            return .failure(Rejection(code: "1002", message: WireShapes.v2Message("1002")))
        case .normal:
            return .failure(Rejection(code: "1014", message: WireShapes.v2Message("1014")))
        case .enterprise:
            break
        }
        guard let key, let spec = catalog.endpoints[endpoint] else {
            return .failure(Rejection(code: "1001", message: WireShapes.v2Message("1001")))
        }
        if spec.delisted {
            return .failure(Rejection(code: "1001", message: WireShapes.v2Message("1001") + ": \(endpoint) is no longer offered (delisted)"))
        }
        let fields: [String: SimJSON]
        switch BodyValidator.validate(SimJSON.parse(body), against: spec) {
        case .failure(let rejection): return .failure(paramError(rejection))
        case .success(let valid): fields = valid
        }
        var inputClip: MP4Facts?
        for (param, url) in BodyValidator.mediaReferences(in: fields, spec: spec) {
            guard let found = ownFile(at: url, field: param.fieldKey) else { continue }
            let file: StoredFile
            switch found {
            case .failure(let rejection): return .failure(rejection)
            case .success(let stored): file = stored
            }
            if let rejection = check(file, against: param) { return .failure(paramError(rejection)) }
            if param.fieldKey == "video" { inputClip = facts(of: file) }
        }
        var seconds = Self.requestedSeconds(fields, spec: spec)
        var extensions = 0
        var portrait = (fields["aspectRatio"] ?? spec.param("aspectRatio")?.defaultValue)?.stringValue == "9:16"
        if spec.isExtend {
            // An input we cannot see (an outside URL) is taken to be a fresh 8 s Veo clip.
            let input = inputClip ?? MP4Facts(seconds: 8, portrait: false, extensions: 0)
            seconds = input.seconds + Self.extendSeconds
            extensions = input.extensions + 1
            portrait = input.portrait
            if extensions > Self.maxExtensions {
                return .failure(paramError(
                    .invalidParameters([
                        "`video` has already been extended \(input.extensions) times; a chain allows at most \(Self.maxExtensions)"
                    ])))
            }
            if seconds > Self.maxExtendedSeconds + 0.001 {
                let have = String(format: "%.1f", input.seconds), would = String(format: "%.1f", seconds)
                return .failure(paramError(
                    .invalidParameters([
                        "extending the \(have) s `video` would give \(would) s, over the \(Int(Self.maxExtendedSeconds)) s limit"
                    ])))
            }
        }
        let list = catalog.prices[endpoint]?.price(for: fields, spec: spec, outputSeconds: seconds) ?? 0
        let price = SimPricing(currency: configuration.currency, scale: configuration.priceScale).livePrice(listCNY: list)
        let resolution = (fields["resolution"] ?? spec.param("resolution")?.defaultValue)?.stringValue
        // Channels without the switch are taken to make sound, as Veo 3.1 does by default.
        let audio: Bool
        if case .bool(let asked)? = fields["generateAudio"] ?? spec.param("generateAudio")?.defaultValue { audio = asked } else { audio = true }
        return .success(
            Plan(
                key: key, fields: fields, outputSeconds: seconds, portrait: portrait, resolution: resolution, audio: audio,
                extensions: extensions, price: price))
    }

    /// `POST /openapi/v2/<endpoint>`: a created task's answer, or the rejection.
    func submit(endpoint: String, authorization: String?, body: Data, failure: String?, clipSeconds: Double? = nil) -> Result<SimJSON, Rejection> {
        let plan: Plan
        switch self.plan(endpoint: endpoint, authorization: authorization, body: body) {
        case .failure(let rejection):
            stats.rejectedSubmits += 1
            return .failure(rejection)
        case .success(let valid):
            plan = valid
        }
        let now = ContinuousClock.now
        let inFlight = tasks.values.filter { $0.key == plan.key && $0.isInFlight(at: now) }.count
        let start = slotStart(key: plan.key, now: now)
        if start > now, configuration.overLimit == .refuse {
            stats.rejectedSubmits += 1
            let code = configuration.capacityCode
            return .failure(
                Rejection(
                    code: code,
                    message: WireShapes.v2Message(code) + " (\(inFlight) of \(configuration.concurrentLimit) tasks queued or running)"))
        }
        let id = newTaskID()
        let resultToken = failure == nil ? newToken(fileExtension: "mp4") : nil
        let wallNow = Date()
        let waited = start > now ? seconds(from: now, to: start) : 0
        if waited > 0 { stats.queuedOverLimit += 1 }
        let task = SimTask(
            id: id, key: plan.key, endpoint: endpoint, created: now, createdWall: wallNow,
            start: start, startWall: wallNow.addingTimeInterval(waited),
            taskSeconds: configuration.taskSeconds, outputSeconds: clipSeconds ?? plan.outputSeconds, portrait: plan.portrait,
            resolution: plan.resolution, audio: plan.audio,
            extensions: plan.extensions, price: plan.price,
            failure: failure.map { Rejection(code: $0, message: WireShapes.v2Message($0)) }, resultToken: resultToken)
        tasks[id] = task
        if let resultToken { files[resultToken] = .result(taskID: id) }
        stats.tasksCreated += 1
        let fingerprint = SimJSON.object(plan.fields).fingerprint
        stats.submitsByFingerprint[fingerprint, default: 0] += 1
        taskLog.append(
            SimulatorTaskRecord(
                taskID: id, endpoint: endpoint, fingerprint: fingerprint, prompt: plan.fields["prompt"]?.stringValue,
                seed: { () -> Int64? in if case .int(let seed)? = plan.fields["seed"] { return seed }; return nil }(), created: Date(),
                price: SimPricing.text(plan.price), currency: configuration.currency,
                body: String(decoding: SimJSON.object(plan.fields).canonicalData, as: UTF8.self), queuedOverLimit: waited > 0))
        let masked = maskKey(plan.key)
        stats.maxInFlightPerKey[masked] = max(stats.maxInFlightPerKey[masked] ?? 0, inFlight + 1)
        logger.debug("Created a task", metadata: ["task": "\(id)", "endpoint": "\(endpoint)", "key": "\(masked)"])
        return .success(
            .object([
                "taskId": .string(id), "status": .string(SimTask.Phase.queued.rawValue), "errorCode": .string(""),
                "errorMessage": .string(""), "results": .null, "clientId": .string(clientID(for: plan.key)),
                "promptTips": .string(""),
            ]))
    }

    /// `POST /openapi/v2/price-preview/<endpoint>`.
    func pricePreview(endpoint: String, authorization: String?, body: Data) -> SimJSON {
        switch plan(endpoint: endpoint, authorization: authorization, body: body) {
        case .failure(let rejection):
            return WireShapes.priceError(rejection)
        case .success(let plan):
            let currency = configuration.currency
            let text = SimPricing.text(plan.price)
            // A JSON number, as the real answer has it; written from the decimal's own text.
            let number: SimJSON = SimJSON.parse(Data(text.utf8)) ?? .string(text)
            return .object([
                "errorCode": .int(0), "errorMessage": .string(""), "estimatedPrice": number,
                "currency": .string(currency), "priceText": .string("\(text) \(currency == "CNY" ? "元" : "$")"),
                "priceTextEn": .string("\(text) \(currency)"),
                "freeLimit": .bool(false), "isFreeThisCall": .bool(false),
            ])
        }
    }

    /// When a new task of `key` gets a slot: now when fewer than `concurrentLimit` tasks hold one
    /// from now on, else the earliest end that frees one. Queued tasks keep their order: a new
    /// task never starts before one queued earlier.
    func slotStart(key: String, now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let mine = tasks.values.filter { $0.key == key && $0.end > now }
        let latestStart = mine.map(\.start).max().map { max($0, now) } ?? now
        let candidates = ([latestStart] + mine.map(\.end).filter { $0 > latestStart }).sorted()
        for candidate in candidates {
            let holding = mine.filter { $0.start <= candidate && candidate < $0.end }.count
            if holding < configuration.concurrentLimit { return candidate }
        }
        return candidates.last ?? now
    }

    /// A schema refusal in the configured code: `1007` as documented, or `301` PARAMS_INVALID.
    func paramError(_ rejection: Rejection) -> Rejection {
        guard rejection.code == "1007", configuration.paramErrorCode != "1007" else { return rejection }
        let detail = rejection.message.replacingOccurrences(of: "Invalid parameters: ", with: "")
        return Rejection(code: configuration.paramErrorCode, message: "PARAMS_INVALID: " + detail)
    }

    /// A 19-digit id, unique in this run (the real ids are snowflake numbers, sent as strings).
    private func newTaskID() -> String {
        while true {
            let id = String(1_000_000_000_000_000_000 + ids.next() % 8_999_999_999_999_999_999)
            if tasks[id] == nil { return id }
        }
    }

    /// The clip length a generation endpoint produces: `duration`, or the table default, or 8 s.
    static func requestedSeconds(_ fields: [String: SimJSON], spec: EndpointSpec) -> Double {
        let value = fields["duration"] ?? spec.param("duration")?.defaultValue
        return value?.stringValue.flatMap(Double.init) ?? 8
    }

    /// Size (1008) and format (1007) limits of one media field for a file the simulator holds.
    private func check(_ file: StoredFile, against param: ParamSpec) -> Rejection? {
        let size: Int64
        let format: String
        switch file {
        case .upload(let upload):
            size = upload.size
            format = upload.format.format
        case .result:
            size = Int64(4096 + configuration.resultPaddingBytes)
            format = MediaFormat.mp4.format
        }
        if let maxSize = param.maxSize, Double(size) > maxSize * 1024 * 1024 {
            let megabytes = String(format: "%.1f", Double(size) / 1024 / 1024)
            return Rejection(
                code: "1008",
                message: WireShapes.v2Message("1008")
                    + ": `\(param.fieldKey)` is \(megabytes) MB; this endpoint takes at most \(Int(maxSize)) MB per file")
        }
        let accepted = param.acceptedFormats.map { $0 == "JPEG" ? "JPG" : $0 }
        if configuration.enforceMediaTypes, !accepted.isEmpty, !accepted.contains(format) {
            return .invalidParameters([
                "`\(param.fieldKey)` must be \(accepted.joined(separator: " or ")), but the file it points at is \(format)"
            ])
        }
        return nil
    }

    private func facts(of file: StoredFile) -> MP4Facts? {
        switch file {
        case .upload(let upload): return upload.clip
        case .result(let taskID):
            return tasks[taskID].map { MP4Facts(seconds: $0.outputSeconds, portrait: $0.portrait, extensions: $0.extensions) }
        }
    }
}
