import Foundation

/// Task queries, queue status and account status.
extension SimulatorState {
    /// Starting wallet of every key, in the simulator's currency; finished tasks are charged against it.
    static let startingBalance: Decimal = 999

    /// `POST /openapi/v2/query` with `{"taskId": "…"}`: the flat task object.
    func query(authorization: String?, body: Data) -> SimJSON {
        guard let key = Self.bearerKey(authorization), role(of: key) != nil else {
            return WireShapes.taskError(Rejection(code: "1002", message: WireShapes.v2Message("1002")))
        }
        guard let fields = SimJSON.parse(body)?.objectValue, let value = fields["taskId"] else {
            return WireShapes.taskError(.invalidParameters(["the body must be a JSON object with a string `taskId`"]))
        }
        guard case .string(let taskID) = value else {
            return WireShapes.taskError(
                .invalidParameters([
                    "`taskId` must be a string (task ids are 19 digits, beyond a double's precision), not \(value.typeName)"
                ]))
        }
        guard let task = tasks[taskID], task.key == key else {
            return WireShapes.taskError(Rejection(code: "1004", message: WireShapes.v2Message("1004")))
        }
        return snapshot(task, at: .now)
    }

    /// The query answer for a task at a moment.
    func snapshot(_ task: SimTask, at now: ContinuousClock.Instant) -> SimJSON {
        let phase = task.phase(at: now)
        var object: [String: SimJSON] = [
            "taskId": .string(task.id), "status": .string(phase.rawValue), "errorCode": .string(""),
            "errorMessage": .string(""), "results": .null, "clientId": .string(clientID(for: task.key)),
            "promptTips": .string(""), "usage": .null, "failedReason": .null, "taskUsageList": .array([]),
        ]
        let costTime = String(Int(task.taskSeconds.rounded(.up)))
        switch phase {
        case .queued, .running:
            break
        case .failed:
            object["errorCode"] = .string(task.failure?.code ?? "1000")
            object["errorMessage"] = .string(task.failure?.message ?? WireShapes.v2Message("1000"))
            object["usage"] = usage(money: task.charge, costTime: costTime)
        case .success:
            if let token = task.resultToken {
                let url = signedURL(token: token, expires: task.resultExpiry(lifetime: configuration.resultURLLifetime))
                object["results"] = .array([
                    .object(["url": .string(url), "outputType": .string("mp4"), "nodeId": .string(""), "text": .null])
                ])
            }
            object["usage"] = usage(money: task.charge, costTime: costTime)
        }
        return .object(object)
    }

    /// `usage`: every value a string or null (runninghub-api.md §3.1). As on the live service
    /// (§A.1), a standard-model task's charge is in `thirdPartyConsumeMoney` and `consumeMoney` is
    /// null; the enterprise wallet pays in money, so `consumeCoins` is "0".
    private func usage(money: Decimal, costTime: String) -> SimJSON {
        .object([
            "consumeCoins": .string("0"), "consumeMoney": .null,
            "thirdPartyConsumeMoney": .string(SimPricing.text(money)), "taskCostTime": .string(costTime),
        ])
    }

    /// The task log with what each task has charged by now (`GET /_sim/tasks`).
    func taskRecords() -> [SimulatorTaskRecord] {
        let now = ContinuousClock.now
        return taskLog.map { record in
            var record = record
            if let task = tasks[record.taskID], !task.isInFlight(at: now) { record.charged = SimPricing.text(task.charge) }
            return record
        }
    }

    /// `GET /openapi/v2/queue/status`: counts as strings, the limit as a number.
    func queueStatus(authorization: String?) -> SimJSON {
        guard let key = Self.bearerKey(authorization), let role = role(of: key) else {
            return WireShapes.codeMsgError(code: 1002, message: WireShapes.v2Message("1002"))
        }
        let now = ContinuousClock.now
        let mine = tasks.values.filter { $0.key == key && $0.isInFlight(at: now) }
        let queued = mine.filter { $0.phase(at: now) == .queued }.count
        let running = mine.count - queued
        return .object([
            "code": .int(0), "msg": .string("success"),
            "data": .object([
                "apiKeyType": .string(role == .enterprise ? "SHARED" : "NORMAL"),
                // Consumer keys run one task at a time by default (§4.4).
                "concurrentLimit": .int(Int64(role == .enterprise ? configuration.concurrentLimit : 1)),
                "runningCount": .string(String(running)), "queuedCount": .string(String(queued)),
                "totalCurrentTasks": .string(String(mine.count)),
            ]),
        ])
    }

    /// `GET /openapi/v2/api-key/list` (runninghub-api.md section A item 9): the account's keys,
    /// masked, with `quotaLimit`/`quotaUsed` as money strings and the expiry. Nil when the
    /// simulator is set to lack the route (`keyQuotaLimit` nil).
    func apiKeyList(authorization: String?) -> SimJSON? {
        guard let limit = configuration.keyQuotaLimit else { return nil }
        guard let key = Self.bearerKey(authorization), role(of: key) != nil else {
            return WireShapes.codeMsgError(code: 1002, message: WireShapes.v2Message("1002"))
        }
        let now = ContinuousClock.now
        let used = tasks.values.filter { $0.key == key && !$0.isInFlight(at: now) }.reduce(Decimal(0)) { $0 + $1.charge }
        let expiry = Date().addingTimeInterval(Double(configuration.keyExpiryMinutes) * 60)
        let formatter = ISO8601DateFormatter()
        return .object([
            "code": .int(0), "msg": .string("success"),
            "data": .array([
                .object([
                    "apiKey": .string(String(key.prefix(4)) + "****" + String(key.suffix(4))),
                    "quotaLimit": .string(String(format: "%.2f", limit)), "quotaUsed": .string(SimPricing.text(used)),
                    "expireAt": .string(formatter.string(from: expiry)),
                    "expireInMinute": .int(Int64(configuration.keyExpiryMinutes)),
                ])
            ]),
        ])
    }

    /// `POST /uc/openapi/accountStatus`: the key from the body's `apikey` or the Bearer header.
    func accountStatus(authorization: String?, body: Data) -> SimJSON {
        let bodyKey = SimJSON.parse(body)?.objectValue?["apikey"]?.stringValue
        guard let key = bodyKey ?? Self.bearerKey(authorization), let role = role(of: key) else {
            return WireShapes.codeMsgError(code: 802, message: "APIKEY_UNAUTHORIZED: the API key is unknown or disabled")
        }
        let now = ContinuousClock.now
        let mine = tasks.values.filter { $0.key == key }
        let spent = mine.filter { !$0.isInFlight(at: now) }.reduce(Decimal(0)) { $0 + $1.charge }
        let running = mine.filter { $0.isInFlight(at: now) }.count
        return .object([
            "code": .int(0), "msg": .string("success"),
            "data": .object([
                "remainCoins": .string("99999"), "currentTaskCounts": .string(String(running)),
                "remainMoney": .string(SimPricing.text(max(0, Self.startingBalance - spent))),
                "currency": .string(configuration.currency), "apiType": .string(role == .enterprise ? "SHARED" : "NORMAL"),
            ]),
        ])
    }
}
