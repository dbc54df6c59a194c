import Foundation
import Hummingbird

/// The JSON routes of the contract: Veo submits, price previews, query, queue and account status.
struct ApiRoutes: Sendable {
    let state: SimulatorState
    let delivery: FaultDelivery

    /// Largest JSON body read (a 20000-character prompt is well under it).
    static let maxJSONBody = 1024 * 1024

    func register(on router: Router<SimRequestContext>, endpoints: [String]) {
        for endpoint in endpoints {
            router.post("/openapi/v2/\(endpoint)") { request, context in
                try await self.submit(endpoint: endpoint, request, context)
            }
            router.post("/openapi/v2/price-preview/\(endpoint)") { request, context in
                try await self.pricePreview(endpoint: endpoint, request, context)
            }
            router.get("/openapi/v2/\(endpoint)") { request, _ in
                wrongMethod(request, allowed: "POST")
            }
        }
        router.post("/openapi/v2/query") { request, context in
            try await self.exchange(.query, request, context) { body in
                await self.state.query(authorization: request.headers[.authorization], body: body)
            }
        }
        router.get("/openapi/v2/queue/status") { request, context in
            try await self.exchange(.queueStatus, request, context) { _ in
                await self.state.queueStatus(authorization: request.headers[.authorization])
            }
        }
        router.post("/openapi/v2/queue/status") { request, _ in
            wrongMethod(request, allowed: "GET")
        }
        router.post("/uc/openapi/accountStatus") { request, context in
            try await self.exchange(.accountStatus, request, context) { body in
                await self.state.accountStatus(authorization: request.headers[.authorization], body: body)
            }
        }
        router.get("/openapi/v2/api-key/list") { request, context in
            let fault = await self.state.begin(.accountStatus)
            if let early = try self.delivery.before(fault, route: .accountStatus) { return early }
            guard let answer = await self.state.apiKeyList(authorization: request.headers[.authorization]) else {
                return Response(status: .notFound, headers: [.contentType: "text/html"],
                                body: .init(byteBuffer: ByteBuffer(string: "<html><body><h1>404 Not Found</h1></body></html>")))
            }
            return try self.delivery.after(fault, .json(answer), channel: context.channel)
        }
        for path in ["/openapi/v2/query", "/uc/openapi/accountStatus", "/openapi/v2/media/upload/binary"] {
            router.get(RouterPath(path)) { request, _ in
                wrongMethod(request, allowed: "POST")
            }
        }
    }

    private func submit(endpoint: String, _ request: Request, _ context: SimRequestContext) async throws -> Response {
        let fault = await state.begin(.submit)
        if let early = try delivery.before(fault, route: .submit) {
            if case .capacity = fault { await state.countRejectedSubmit() }
            return early
        }
        let body = try await Self.readBody(request)
        var failure: String?
        if case .failTask(let code) = fault { failure = code }
        var clipSeconds: Double?
        if case .clipSeconds(let seconds) = fault { clipSeconds = seconds }
        let answer: SimJSON
        switch await state.submit(
            endpoint: endpoint, authorization: request.headers[.authorization], body: body, failure: failure, clipSeconds: clipSeconds)
        {
        case .success(let created): answer = created
        case .failure(let rejection): answer = WireShapes.taskError(rejection)
        }
        return try delivery.after(fault, .json(answer), channel: context.channel)
    }

    private func pricePreview(endpoint: String, _ request: Request, _ context: SimRequestContext) async throws -> Response {
        try await exchange(.pricePreview, request, context) { body in
            await self.state.pricePreview(endpoint: endpoint, authorization: request.headers[.authorization], body: body)
        }
    }

    /// A route without side effects: fault before, answer, fault after.
    private func exchange(
        _ route: SimRoute, _ request: Request, _ context: SimRequestContext, answer: (Data) async -> SimJSON
    ) async throws -> Response {
        let fault = await state.begin(route)
        if let early = try delivery.before(fault, route: route) { return early }
        let body = try await Self.readBody(request)
        return try delivery.after(fault, .json(await answer(body)), channel: context.channel)
    }

    static func readBody(_ request: Request) async throws -> Data {
        let buffer = try await request.body.collect(upTo: maxJSONBody)
        return Data(buffer.readableBytesView)
    }
}

/// The answer to a known path called with the wrong method (1009, HTTP 200).
func wrongMethod(_ request: Request, allowed: String) -> Response {
    let body = encodeResponseJSON(WireShapes.wrongMethod(request.method.rawValue, path: request.uri.path, allowed: allowed))
    return Response(
        status: .ok, headers: [.contentType: "application/json;charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
}
