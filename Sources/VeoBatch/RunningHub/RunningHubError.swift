/// A RunningHub call that did not succeed, classified by what the caller should do next
/// (runninghub-api.md §4).
public struct RunningHubError: Error, Sendable, CustomStringConvertible {
    public enum Category: Sendable, Hashable {
        /// Invalid, unknown or non-enterprise key (1002, 802, 1014, 401/403): stop, exit 5.
        case auth
        /// Wallet empty (416, 812): stop, exit 5.
        case insufficientBalance
        /// Capacity or rate limit (421, 415, 1520, 1003, HTTP 429): back off and requeue; not a failure.
        case capacity
        /// The request was refused as malformed (1007, 301, 1001, 1008, 1009): do not retry.
        case invalidParameters
        /// A fault that may pass (5xx, network, 1000, 1005, 1010–1013). For a submit this only
        /// appears when the task certainly was not created; otherwise see `outcomeUnknown`.
        case transient
        /// The task ran and failed (1501, 1505, 1015, 1006, 1504, …), or was cancelled.
        case taskFailed
        /// Unknown task id (1004, 807, 423).
        case notFound
        /// A submit whose request may have reached the server but whose answer was lost or
        /// unreadable (timeout after sending, reset, 5xx): the task may exist and be billed.
        case outcomeUnknown
        /// An answer the client could not make sense of.
        case protocolViolation
    }

    public var category: Category
    /// The wire's `errorCode` / `code`, when there was one.
    public var code: String?
    public var httpStatus: Int?
    /// A full sentence: what failed, with the server's or curl's own words. Never holds the key.
    public var message: String
    /// The route, e.g. `rhart-video-v3.1-pro/start-end-to-video` or `query`.
    public var route: String

    public init(category: Category, code: String? = nil, httpStatus: Int? = nil, message: String, route: String) {
        self.category = category
        self.code = code
        self.httpStatus = httpStatus
        self.message = message
        self.route = route
    }

    public var description: String {
        var parts = [String]()
        if let code, !code.isEmpty { parts.append("code \(code)") }
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        let suffix = parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
        return "\(route): \(message)\(suffix)"
    }
}
