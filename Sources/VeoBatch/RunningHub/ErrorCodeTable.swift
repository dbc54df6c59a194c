/// RunningHub's business codes and HTTP statuses, each with the category that decides what the
/// caller does next (runninghub-api.md §4). The one place that knows what a code means.
enum ErrorCodeTable {
    struct Entry: Sendable {
        var category: RunningHubError.Category
        /// The official English meaning, used when the answer carries a code but no message.
        var meaning: String
    }

    /// Business codes, from the v2 `errorCode` table (§4.2) and the v1 `code` table (§4.1).
    static let codes: [String: Entry] = [
        // Authentication and key problems: stop, exit 5.
        "401": Entry(category: .auth, meaning: "ApiKey verification failed"),
        "403": Entry(category: .auth, meaning: "Access denied"),
        "801": Entry(category: .auth, meaning: "API keys are not available to free users (APIKEY_UNSUPPORTED_FREE_USER)"),
        "802": Entry(category: .auth, meaning: "The API key is invalid or disabled (APIKEY_UNAUTHORIZED)"),
        "811": Entry(category: .auth, meaning: "The enterprise API key is invalid (CORPAPIKEY_INVALID)"),
        "1002": Entry(category: .auth, meaning: "Invalid API Key, please check your credentials"),
        "1014": Entry(category: .auth, meaning: "Access Denied: Standard Model API is restricted to Enterprise-Shared API Keys only"),
        "1601": Entry(category: .auth, meaning: "ApiKey verification failed"),

        // The wallet: stop, exit 5.
        "416": Entry(category: .insufficientBalance, meaning: "The wallet balance is too low to create the task"),
        "812": Entry(category: .insufficientBalance, meaning: "The enterprise wallet has insufficient funds (CORPAPIKEY_INSUFFICIENT_FUNDS)"),

        // Capacity and rate limits: back off and requeue.
        "415": Entry(category: .capacity, meaning: "All instances are busy (TASK_INSTANCE_MAXED); retry after 30 to 120 seconds"),
        "421": Entry(category: .capacity, meaning: "The concurrency limit of the API key is reached (TASK_QUEUE_MAXED)"),
        "814": Entry(category: .capacity, meaning: "Too many tasks are queued for this user (PERSONAL_QUEUE_COUNT_LIMIT)"),
        "1003": Entry(category: .capacity, meaning: "Rate limit exceeded, please slow down requests"),
        "1520": Entry(category: .capacity, meaning: "The per-user concurrent task limit is reached (TASK_USER_CONCURRENT_LIMIT)"),

        // The request itself is wrong: do not retry.
        "301": Entry(category: .invalidParameters, meaning: "Invalid or missing parameters (PARAMS_INVALID)"),
        "412": Entry(category: .invalidParameters, meaning: "Wrong API path (TOKEN_INVALID)"),
        "809": Entry(category: .invalidParameters, meaning: "The file is too large (APIKEY_FILE_SIZE_EXCEEDED)"),
        "1001": Entry(category: .invalidParameters, meaning: "Invalid URL, please check your link"),
        "1007": Entry(category: .invalidParameters, meaning: "Invalid parameters, please check your input"),
        "1008": Entry(category: .invalidParameters, meaning: "File size limit exceeded"),
        "1009": Entry(category: .invalidParameters, meaning: "HTTP method not supported"),

        // Faults that may pass.
        "500": Entry(category: .transient, meaning: "Unknown server error (UNKNOWN_ERROR)"),
        "808": Entry(category: .transient, meaning: "The upload failed on the server (APIKEY_UPLOAD_FAILED)"),
        "1000": Entry(category: .transient, meaning: "Unknown error, please retry or contact support"),
        "1005": Entry(category: .transient, meaning: "Internal server error, please retry later"),
        "1010": Entry(category: .transient, meaning: "Service unavailable, please retry later"),
        "1011": Entry(category: .transient, meaning: "System is currently busy, please retry later"),
        "1012": Entry(category: .transient, meaning: "Service response exception, please contact support or retry later"),
        "1013": Entry(category: .transient, meaning: "File processing failed, please check the URL or retry"),

        // The task ran and failed.
        "805": Entry(category: .taskFailed, meaning: "The task failed (APIKEY_TASK_STATUS_ERROR)"),
        "1006": Entry(category: .taskFailed, meaning: "Task execution timed out, please retry"),
        "1015": Entry(category: .taskFailed, meaning: "Generation failed, please try again"),
        "1101": Entry(category: .taskFailed, meaning: "Node info error"),
        "1501": Entry(category: .taskFailed, meaning: "Content verification failed, please modify your prompt or images"),
        "1504": Entry(category: .taskFailed, meaning: "Model timed out, please retry later"),
        "1505": Entry(category: .taskFailed, meaning: "Photorealistic real people are prohibited, please modify your prompt or image"),

        // Unknown task.
        "423": Entry(category: .notFound, meaning: "Task not found (TASK_NOT_FOUNED)"),
        "807": Entry(category: .notFound, meaning: "Task not found (APIKEY_TASK_NOT_FOUND)"),
        "1004": Entry(category: .notFound, meaning: "Task not found, please check the task ID (not found or expired)"),
    ]

    /// The category of an HTTP status that is not 2xx, on an API route (not a result download).
    static func category(forHTTPStatus status: Int) -> RunningHubError.Category {
        switch status {
        case 401, 403: return .auth
        case 429: return .capacity
        case 408: return .transient
        case 400, 404, 405, 411, 413, 414, 415, 422: return .invalidParameters
        case 500...599: return .transient
        default: return .protocolViolation
        }
    }

    /// The category of an HTTP status on a result download. The key is never sent there, so a
    /// 401/403 is an expired or revoked signed URL, not an account problem.
    static func category(forDownloadStatus status: Int) -> RunningHubError.Category {
        switch status {
        case 401, 403, 404, 410: return .notFound
        case 429: return .capacity
        case 408, 416, 500...599: return .transient
        default: return .protocolViolation
        }
    }

    /// What to do next, per category: the last sentence of every message.
    static func advice(for category: RunningHubError.Category, route: RouteKind) -> String {
        switch category {
        case .auth:
            return "Check the API key (RUNNINGHUB_API_KEY or --api-key-file): it must belong to the site of the base URL (www.runninghub.ai and www.runninghub.cn have separate keys), and Veo endpoints need an Enterprise-Shared key."
        case .insufficientBalance:
            return "Top up the RunningHub wallet, then run again."
        case .capacity:
            return "RunningHub is at its concurrency or rate limit; wait and try again."
        case .invalidParameters:
            return route == .upload
                ? "The file was not accepted; check its type and size."
                : "The request was not accepted as sent; correct it before trying again."
        case .transient:
            return route == .submit
                ? "No task was created; it is safe to try again later."
                : "This may pass; try again later."
        case .taskFailed:
            return "The task ended without a result; change the prompt or inputs, or render it again."
        case .notFound:
            return route == .download
                ? "The result URL has expired or was refused; query the task again for a fresh URL."
                : "The task id is unknown to RunningHub or has expired."
        case .outcomeUnknown:
            return "The task may have been created and charged: check the RunningHub console and settle the row with `veobatch resolve` before submitting it again."
        case .protocolViolation:
            return "The answer does not match RunningHub's documented contract; try again, and report it with the --verbose log if it persists."
        }
    }
}
