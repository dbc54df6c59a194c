import Foundation
import Logging

/// The RunningHub OpenAPI client: typed requests and answers for the routes in runninghub-api.md
/// §1–3 and §6, over any `HTTPTransport`. Every failure is a classified `RunningHubError`; the
/// key travels only in the `Authorization` header to the base URL (and in accountStatus's body,
/// which the contract requires), never to upload or result URLs and never into a message.
public struct RunningHubClient: RunningHubAPI {
    /// The API root, without a trailing slash, e.g. `https://www.runninghub.ai`.
    public let baseURL: String
    let apiKey: APIKey
    let transport: any HTTPTransport
    let logger: Logger

    /// Limits for the small JSON calls. The total cap bounds how long a submit can leave its
    /// outcome in doubt; it is generous because a lost submit answer is expensive.
    public var apiTimeouts = TransferTimeouts(connect: .seconds(15), lowSpeedLimit: 1, lowSpeedTime: .seconds(60), total: .seconds(120))
    /// Limits for uploads: no total cap, so a large file on a slow line is fine while it moves.
    public var uploadTimeouts = TransferTimeouts(connect: .seconds(15), lowSpeedLimit: 1, lowSpeedTime: .seconds(60), total: nil)
    /// Limits for result downloads, likewise uncapped while bytes flow.
    public var downloadTimeouts = TransferTimeouts(connect: .seconds(15), lowSpeedLimit: 1, lowSpeedTime: .seconds(60), total: nil)

    /// Throws `BaseURLError` unless `baseURL` is https, or http to a loopback host (the simulator).
    public init(baseURL: String, apiKey: APIKey, transport: any HTTPTransport, logger: Logger) throws {
        let trimmed = baseURL.trimmingWhitespace()
        if let refusal = SecureURL.refusal(for: trimmed) {
            throw BaseURLError(url: trimmed, refusal: refusal)
        }
        if trimmed.contains("?") || trimmed.contains("#") {
            throw BaseURLError(url: trimmed, refusal: .hasQueryOrFragment)
        }
        var root = trimmed
        while root.hasSuffix("/") { root.removeLast() }
        self.baseURL = root
        self.apiKey = apiKey
        self.transport = transport
        self.logger = logger
    }

    // MARK: - Shared plumbing

    /// Headers for a call to the API host.
    var apiHeaders: [HTTPHeader] {
        [apiKey.bearerHeader, HTTPHeader("Accept", "application/json")]
    }

    /// Sends one API request; a transport failure comes back classified for `route`.
    func send(_ request: HTTPRequest, route: RouteContext, progress: ProgressHandler? = nil) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        logger.debug("RunningHub request", metadata: ["route": "\(route.name)", "method": "\(request.method.rawValue)", "url": "\(request.url)"])
        do {
            let response = try await transport.send(request, progress: progress)
            let elapsed = ContinuousClock.now - started
            logger.debug(
                "RunningHub answer",
                metadata: ["route": "\(route.name)", "status": "\(response.status)", "bytes": "\(response.body.count)", "elapsed": "\(elapsed)"])
            if logger.logLevel <= .trace {
                let preview = String(decoding: response.body.prefix(2048), as: UTF8.self)
                logger.trace("RunningHub answer body", metadata: ["route": "\(route.name)", "body": "\(apiKey.redacting(in: preview))"])
            }
            return response
        } catch let error as TransportError {
            let classified = failure(.transport(error), route: route)
            logger.debug("RunningHub transfer failed", metadata: ["route": "\(route.name)", "category": "\(classified.category)", "error": "\(classified.message)"])
            throw classified
        } catch {
            // A conformer that throws something else (a cancelled task, a test double): treat it as
            // a transfer that got no answer, which for a submit means the outcome is unknown.
            let wrapped = TransportError(kind: error is CancellationError ? .cancelled : .other, message: "\(error)", url: request.url)
            throw failure(.transport(wrapped), route: route)
        }
    }

    /// Classifies a failure and scrubs the key from it.
    func failure(_ failure: CallFailure, route: RouteContext) -> RunningHubError {
        ErrorClassification.classify(failure, route: route, key: apiKey)
    }

    /// The failure for a non-2xx answer, with the body's own code and message when it has them.
    func httpFailure(_ response: HTTPResponse, route: RouteContext) -> RunningHubError {
        let object = WireObject(body: response.body)
        let code = object?.nonEmptyString("errorCode", "code")
        let message = object?.nonEmptyString("errorMessage", "message", "msg")
        return failure(.httpStatus(response.status, code: code, serverMessage: message), route: route)
    }

    /// A JSON body for a POST.
    func jsonBody(_ value: JSONValue) -> HTTPRequest.Body {
        .data(value.canonicalData(), contentType: "application/json")
    }

    /// Text from the server, made safe to keep: the key scrubbed out.
    func scrubbed(_ text: String?) -> String? {
        text.map { apiKey.redacting(in: $0) }
    }

    /// Endpoint paths are joined into URLs, so only plain path segments are allowed: no `..`, no
    /// query, nothing that could steer a request (and the key) to another route.
    func checkEndpoint(_ endpoint: String, route: RouteContext) throws {
        // Parts of `PortableName` characters, none empty, `.` or `..`.
        let segments = endpoint.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let valid = segments.allSatisfy { segment in
            !segment.isEmpty && !segment.elementsEqual(".".utf8) && !segment.elementsEqual("..".utf8)
                && PortableName.isMadeOfAllowed(segment)
        }
        guard valid else {
            throw RunningHubError(
                category: .invalidParameters,
                message: "The endpoint '\(endpoint)' is not a valid RunningHub endpoint path; it must look like rhart-video-v3.1-pro/text-to-video. Nothing was sent.",
                route: route.name)
        }
    }
}
