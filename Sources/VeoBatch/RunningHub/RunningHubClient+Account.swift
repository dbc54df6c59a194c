import Foundation

extension RunningHubClient {
    /// `GET /openapi/v2/queue/status` (a POST gets 1009). `concurrentLimit` is an integer; the
    /// counts arrive as strings.
    public func queueStatus() async throws -> QueueStatus {
        let route = RouteContext(kind: .queueStatus, name: "queue/status", phrase: "queue status request")
        let request = HTTPRequest(method: .get, url: "\(baseURL)/openapi/v2/queue/status", headers: apiHeaders, timeouts: apiTimeouts)
        let data = try envelopeData(of: try await send(request, route: route), route: route)
        guard let limit = data.int("concurrentLimit") else {
            throw failure(.unreadable(detail: "data.concurrentLimit is missing or not an integer"), route: route)
        }
        let running = data.int("runningCount") ?? 0
        let queued = data.int("queuedCount") ?? 0
        return QueueStatus(
            apiKeyType: data.nonEmptyString("apiKeyType"),
            concurrentLimit: limit,
            runningCount: running,
            queuedCount: queued,
            totalCurrentTasks: data.int("totalCurrentTasks") ?? running + queued)
    }

    /// `POST /uc/openapi/accountStatus` with the Bearer header and the body `{"apikey": KEY}`
    /// (lowercase `apikey`, as the contract documents). Values arrive as strings or null.
    public func accountStatus() async throws -> AccountStatus {
        let route = RouteContext(kind: .accountStatus, name: "accountStatus", phrase: "account status request")
        let body = JSONValue.object(["apikey": .string(apiKey.revealedForRequestBody)])
        let request = HTTPRequest(
            method: .post, url: "\(baseURL)/uc/openapi/accountStatus", headers: apiHeaders,
            body: jsonBody(body), timeouts: apiTimeouts, isIdempotent: true)
        let data = try envelopeData(of: try await send(request, route: route), route: route)
        return AccountStatus(
            remainCoins: data.nonEmptyString("remainCoins"),
            currentTaskCounts: data.int("currentTaskCounts"),
            remainMoney: data.decimal("remainMoney"),
            currency: data.nonEmptyString("currency").flatMap(Currency.init(code:)),
            apiType: data.nonEmptyString("apiType"))
    }

    /// The `data` object of a `{code, msg, data}` answer. Code 0 (or 200) is success; any other
    /// code, or a v2-style `errorCode`, is classified.
    func envelopeData(of response: HTTPResponse, route: RouteContext) throws -> WireObject {
        guard (200..<300).contains(response.status) else { throw httpFailure(response, route: route) }
        guard let object = WireObject(body: response.body) else {
            throw failure(.unreadable(detail: unreadableDetail(response)), route: route)
        }
        if let code = object.refusalCode {
            throw failure(.refused(code: code, serverMessage: scrubbed(object.string("errorMessage", "msg", "message"))), route: route)
        }
        guard let data = object.object("data") else {
            throw failure(.unreadable(detail: "the answer has no data object"), route: route)
        }
        return data
    }
}
