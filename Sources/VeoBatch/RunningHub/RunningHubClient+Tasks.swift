import Foundation

extension RunningHubClient {
    /// `POST /openapi/v2/<endpoint>`. Money is at stake, so the rule is strict: an answer with a
    /// task id is a success whatever its status; an answer with an error code and no task id means
    /// no task was created (classified by the code); anything else after the request may have
    /// left (timeout, reset, 5xx, an unreadable or empty answer) throws `.outcomeUnknown`.
    public func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot {
        let route = RouteContext(kind: .submit, name: endpoint, phrase: "submit to \(endpoint)")
        try checkEndpoint(endpoint, route: route)
        let request = HTTPRequest(
            method: .post, url: "\(baseURL)/openapi/v2/\(endpoint)", headers: apiHeaders,
            body: jsonBody(body), timeouts: apiTimeouts)
        let response = try await send(request, route: route)
        guard (200..<300).contains(response.status) else { throw httpFailure(response, route: route) }
        guard let object = WireObject(body: response.body) else {
            throw failure(.unreadable(detail: unreadableDetail(response)), route: route)
        }
        if let taskID = object.nonEmptyString("taskId") {
            let snapshot = snapshot(from: object, taskID: taskID, body: response.body)
            logger.debug("Task created", metadata: ["route": "\(endpoint)", "task": "\(taskID)", "status": "\(snapshot.status)"])
            return snapshot
        }
        if let code = object.refusalCode {
            throw failure(.refused(code: code, serverMessage: scrubbed(object.string("errorMessage", "message", "msg"))), route: route)
        }
        throw failure(.noOutcome, route: route)
    }

    /// `POST /openapi/v2/query` with `{"taskId":"…"}` (a string: the ids exceed a double's
    /// precision). A FAILED or cancelled task is returned as a snapshot, not thrown: see
    /// `TaskSnapshot.failure(endpoint:)`. An error code with no status (unknown task, bad key) throws.
    public func query(taskID: String) async throws -> TaskSnapshot {
        let route = RouteContext(kind: .query, name: "query", phrase: "query for task \(taskID)")
        let request = HTTPRequest(
            method: .post, url: "\(baseURL)/openapi/v2/query", headers: apiHeaders,
            body: jsonBody(.object(["taskId": .string(taskID)])), timeouts: apiTimeouts, isIdempotent: true)
        let response = try await send(request, route: route)
        guard (200..<300).contains(response.status) else { throw httpFailure(response, route: route) }
        guard let object = WireObject(body: response.body) else {
            throw failure(.unreadable(detail: unreadableDetail(response)), route: route)
        }
        guard object.nonEmptyString("status") != nil else {
            if let code = object.refusalCode {
                throw failure(.refused(code: code, serverMessage: scrubbed(object.string("errorMessage", "message", "msg"))), route: route)
            }
            throw failure(.unreadable(detail: "the answer has no status"), route: route)
        }
        return snapshot(from: object, taskID: object.nonEmptyString("taskId") ?? taskID, body: response.body)
    }

    /// `POST /openapi/v2/price-preview/<endpoint>` with the submit body. Success is `errorCode`
    /// 0 or ""; the price arrives as a number or a string.
    public func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview {
        let route = RouteContext(kind: .pricePreview, name: "price-preview/\(endpoint)", phrase: "price preview for \(endpoint)")
        try checkEndpoint(endpoint, route: route)
        let request = HTTPRequest(
            method: .post, url: "\(baseURL)/openapi/v2/price-preview/\(endpoint)", headers: apiHeaders,
            body: jsonBody(body), timeouts: apiTimeouts, isIdempotent: true)
        let response = try await send(request, route: route)
        guard (200..<300).contains(response.status) else { throw httpFailure(response, route: route) }
        guard var object = WireObject(body: response.body) else {
            throw failure(.unreadable(detail: unreadableDetail(response)), route: route)
        }
        if let code = object.refusalCode {
            throw failure(.refused(code: code, serverMessage: scrubbed(object.string("errorMessage", "message", "msg"))), route: route)
        }
        // Tolerate the answer wrapped in a `{code, msg, data}` envelope as some routes are.
        if object.decimal("estimatedPrice") == nil, let data = object.object("data") { object = data }
        guard let price = object.decimal("estimatedPrice") else {
            throw failure(.unreadable(detail: "the answer has no readable estimatedPrice"), route: route)
        }
        return PricePreview(estimatedPrice: price, currency: object.nonEmptyString("currency").flatMap(Currency.init(code:)))
    }

    // MARK: - Reading the flat task answer

    func snapshot(from object: WireObject, taskID: String, body: Data? = nil) -> TaskSnapshot {
        let results = (object.array("results") ?? []).compactMap { item -> TaskResult? in
            guard let fields = item.objectValue else { return nil }
            let result = WireObject(fields)
            // Media outputs carry `url` (or `outputUrl` in some answers); text outputs have neither.
            guard let url = result.nonEmptyString("url", "outputUrl") else { return nil }
            return TaskResult(url: url, outputType: result.nonEmptyString("outputType"))
        }
        let usage = object.object("usage").map { usage in
            TaskUsage(
                consumeMoney: usage.decimal("consumeMoney"),
                thirdPartyConsumeMoney: usage.decimal("thirdPartyConsumeMoney"),
                consumeCoins: usage.decimal("consumeCoins"),
                taskCostTime: usage.decimal("taskCostTime"))
        }
        let message = object.nonEmptyString("errorMessage").flatMap(ErrorClassification.englishPart(of:))
        var snapshot = TaskSnapshot(
            taskID: taskID,
            status: TaskStatus(wire: object.nonEmptyString("status") ?? ""),
            errorCode: object.refusalCode,
            errorMessage: scrubbed(message),
            results: results,
            usage: usage)
        // `failedReason` is `{}` on success (not null): only a reason that says something is kept.
        switch object.fields["failedReason"] {
        case .object(let fields)? where !fields.isEmpty: snapshot.failedReason = scrubbed(JSONValue.object(fields).canonicalString)
        case .string(let text)? where !text.isEmpty: snapshot.failedReason = scrubbed(text)
        default: break
        }
        if let body {
            let extras = TaskAnswerExtras.read(body)
            snapshot.parentTaskID = extras.parentTaskId?.text
            snapshot.usageTaskIDs = extras.taskUsageList?.compactMap { $0.taskId?.text } ?? []
        }
        return snapshot
    }

    /// Why a 2xx body could not be read, without echoing more than a short, scrubbed prefix.
    func unreadableDetail(_ response: HTTPResponse) -> String {
        if response.body.isEmpty { return "the body was empty (HTTP \(response.status))" }
        let prefix = String(decoding: response.body.prefix(120), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ")
        return "it is not a JSON object (HTTP \(response.status), begins with \"\(apiKey.redacting(in: prefix))\")"
    }
}
