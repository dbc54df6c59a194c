import Foundation

/// Which RunningHub route a call went to; submit is the one where a lost answer may cost money.
public enum RouteKind: Sendable, Hashable {
    case upload, submit, query, queueStatus, accountStatus, pricePreview, download
}

/// One call as error messages name it.
struct RouteContext: Sendable {
    var kind: RouteKind
    /// `RunningHubError.route`: the endpoint for submits and price previews, else the route's name.
    var name: String
    /// How a sentence names the call: "the submit to rhart-video-v3.1-pro/text-to-video".
    var phrase: String
}

/// What went wrong with one call, before it is classified.
enum CallFailure: Sendable {
    /// No complete answer came back.
    case transport(TransportError)
    /// A non-2xx answer; the body's own code and message when it had any.
    case httpStatus(Int, code: String?, serverMessage: String?)
    /// A 2xx answer that carries an error code.
    case refused(code: String, serverMessage: String?)
    /// A 2xx answer that could not be read as the route's documented shape.
    case unreadable(detail: String)
    /// A 2xx submit answer with neither a task id nor an error code.
    case noOutcome
    /// A task that ended FAILED or CANCEL(LED).
    case taskEnded(taskID: String, status: TaskStatus, code: String?, serverMessage: String?)
}

/// Turns every kind of failure on every route into a `RunningHubError`, by the tables in
/// `ErrorCodeTable`. Submits get the money rule: whenever the request may have reached the server
/// and no definite answer came back, the outcome is unknown, never "transient".
enum ErrorClassification {
    static func classify(_ failure: CallFailure, route: RouteContext, key: APIKey?) -> RunningHubError {
        let isSubmit = route.kind == .submit
        let category: RunningHubError.Category
        var code: String?
        var httpStatus: Int?
        let opening: String

        switch failure {
        case .transport(let error):
            if case .httpStatus(let status) = error.kind {
                httpStatus = status
                category = route.kind == .download
                    ? ErrorCodeTable.category(forDownloadStatus: status)
                    : (isSubmit && status >= 500 ? .outcomeUnknown : ErrorCodeTable.category(forHTTPStatus: status))
                opening = "The \(route.phrase) was answered with HTTP \(status): \(sentence(error.message))"
            } else if isSubmit && !error.requestCertainlyNotSent {
                category = .outcomeUnknown
                opening = "The \(route.phrase) got no answer, but the request may have reached RunningHub: \(sentence(error.message))"
            } else if error.kind == .tls {
                category = .transient
                opening = "The \(route.phrase) was refused at the TLS level: \(sentence(error.message)) veobatch always verifies the server's certificate; check the base URL (--base-url or RUNNINGHUB_BASE_URL), the system clock and the CA certificates (a self-signed or TLS-intercepting proxy certificate is refused)."
            } else if error.kind == .localFile {
                category = route.kind == .upload ? .invalidParameters : .transient
                opening = "The \(route.phrase) could not use a local file: \(sentence(error.message))"
            } else {
                category = .transient
                opening = "The \(route.phrase) failed before an answer came back: \(sentence(error.message))"
            }

        case .httpStatus(let status, let bodyCode, let serverMessage):
            httpStatus = status
            code = bodyCode
            if isSubmit && status >= 500 {
                category = .outcomeUnknown
            } else if let bodyCode, let entry = ErrorCodeTable.codes[bodyCode], status != 429, !(500...599).contains(status) {
                category = entry.category
            } else {
                category = ErrorCodeTable.category(forHTTPStatus: status)
            }
            let words = serverWords(serverMessage, code: bodyCode)
            opening = "RunningHub answered the \(route.phrase) with HTTP \(status)" + (words.map { ": \($0)" } ?? ".")

        case .refused(let refusalCode, let serverMessage):
            code = refusalCode
            category = ErrorCodeTable.codes[refusalCode]?.category ?? .protocolViolation
            let words = serverWords(serverMessage, code: refusalCode) ?? "no reason was given."
            let unknown = ErrorCodeTable.codes[refusalCode] == nil ? " (a code this client does not know)" : ""
            opening = "RunningHub refused the \(route.phrase)\(unknown): \(words)"

        case .unreadable(let detail):
            category = isSubmit ? .outcomeUnknown : .protocolViolation
            opening = "RunningHub's answer to the \(route.phrase) could not be read: \(sentence(detail))"

        case .noOutcome:
            category = isSubmit ? .outcomeUnknown : .protocolViolation
            opening = "RunningHub's answer to the \(route.phrase) carried neither a task id nor an error code."

        case .taskEnded(let taskID, let status, let failureCode, let serverMessage):
            code = failureCode
            category = .taskFailed
            if status == .cancelled {
                opening = "Task \(taskID) was cancelled."
            } else {
                let words = serverWords(serverMessage, code: failureCode) ?? "no reason was given."
                opening = "Task \(taskID) failed: \(words)"
            }
        }

        let message = opening + " " + ErrorCodeTable.advice(for: category, route: route.kind)
        return RunningHubError(
            category: category,
            code: code,
            httpStatus: httpStatus,
            message: key.map { $0.redacting(in: message) } ?? message,
            route: route.name
        )
    }

    /// The server's own words as a sentence: the English half of "English|中文", else the official
    /// meaning of the code; nil when there is neither.
    static func serverWords(_ message: String?, code: String?) -> String? {
        if let message, let english = englishPart(of: message) { return sentence(english) }
        if let code, let entry = ErrorCodeTable.codes[code] { return sentence(entry.meaning) }
        return nil
    }

    /// RunningHub sends "English text|中文文本"; show the English half. A message with no `|` is
    /// kept whole, whatever its language.
    static func englishPart(of message: String) -> String? {
        let halves = message.split(separator: "|").map { $0.trimmingWhitespace() }
        return halves.first { !$0.isEmpty }
    }

    /// The text with a full stop at the end, unless it already ends a sentence.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        guard let last = trimmed.last else { return "" }
        return ".!?。！？".contains(last) ? trimmed : trimmed + "."
    }
}

extension TaskSnapshot {
    /// The failure a FAILED or cancelled task stands for, or nil while it runs or once it succeeded.
    /// A failed task is a value in the journal, not a thrown error: `query` returns the snapshot,
    /// and the pipeline turns it into this error when it records the row.
    public func failure(endpoint: String? = nil) -> RunningHubError? {
        guard status == .failed || status == .cancelled else { return nil }
        let route = RouteContext(kind: .query, name: endpoint ?? "query", phrase: "query for task \(taskID)")
        return ErrorClassification.classify(
            .taskEnded(taskID: taskID, status: status, code: errorCode, serverMessage: errorMessage),
            route: route, key: nil)
    }
}

extension RunningHubError {
    /// True when the key or the account is the problem (auth, empty wallet): retrying cannot help,
    /// a whole run must stop, and the CLI exits 5.
    public var isAccountProblem: Bool {
        category == .auth || category == .insufficientBalance
    }
}
