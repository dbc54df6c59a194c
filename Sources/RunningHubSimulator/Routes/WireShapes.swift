import Foundation

/// The JSON shapes of runninghub-api.md, field for field: which envelope each route uses
/// (`code`/`message`, `code`/`msg`, flat `errorCode`), and which values are strings.
enum WireShapes {
    /// The official v2 messages (§4.2), used when nothing more specific is said.
    static func v2Message(_ code: String) -> String {
        switch code {
        case "1000": return "Unknown error, please retry or contact support"
        case "1001": return "Invalid URL, please check your link"
        case "1002": return "Invalid API Key, please check your credentials"
        case "1003": return "Rate limit exceeded, please slow down requests"
        case "1004": return "Task not found, please check the task ID (not found or expired)"
        case "1005": return "Internal server error, please retry later"
        case "1006": return "Task execution timed out, please retry"
        case "1007": return "Invalid parameters, please check your input"
        case "1008": return "File size limit exceeded"
        case "1009": return "HTTP method not supported"
        case "1013": return "File processing failed, please check the URL or retry"
        case "1014":
            return "Access Denied: Standard Model API is restricted to Enterprise-Shared API Keys only.|访问被拒绝：标准模型API仅限企业级-共享API Key调用。"
        case "1015": return "Generation failed, please try again."
        case "1501": return "Content verification failed, please modify your prompt or images"
        case "1504": return "Model timed out, please retry later"
        case "1505": return "Photorealistic real people are prohibited, please modify your prompt or image"
        case "415": return "TASK_INSTANCE_MAXED: exclusive instances are all busy, retry in 30-120 s"
        case "421": return "TASK_QUEUE_MAXED: the concurrency limit of this API key is reached, wait for a task to finish"
        case "1520": return "TASK_USER_CONCURRENT_LIMIT: 单用户并发任务数已达上限"
        default: return "Unknown error, please retry or contact support"
        }
    }

    /// The flat submit/query object for a request-level error: empty `taskId` and `status`.
    static func taskError(_ rejection: Rejection) -> SimJSON {
        .object([
            "taskId": .string(""), "status": .string(""), "errorCode": .string(rejection.code),
            "errorMessage": .string(rejection.message), "results": .null,
        ])
    }

    /// The upload route's envelope: `code` is a number and the text is in `message`.
    static func uploadError(code: Int, message: String) -> SimJSON {
        .object(["code": .int(Int64(code)), "message": .string(message), "data": .null])
    }

    /// The `code`/`msg` envelope of queue status and account status.
    static func codeMsgError(code: Int, message: String) -> SimJSON {
        .object(["code": .int(Int64(code)), "msg": .string(message), "data": .null])
    }

    /// Price preview answers carry a numeric `errorCode` and no envelope.
    static func priceError(_ rejection: Rejection) -> SimJSON {
        .object(["errorCode": .int(Int64(rejection.code) ?? 1000), "errorMessage": .string(rejection.message)])
    }

    /// The error a route answers when its capacity fault fires, in that route's own shape.
    static func capacityError(route: SimRoute, code: String) -> SimJSON {
        let message = v2Message(code)
        switch route {
        case .upload: return uploadError(code: Int(code) ?? 421, message: message)
        case .queueStatus, .accountStatus: return codeMsgError(code: Int(code) ?? 421, message: message)
        case .pricePreview: return priceError(Rejection(code: code, message: message))
        default: return taskError(Rejection(code: code, message: message))
        }
    }

    /// What `/openapi/*` answers for a path it does not know, with HTTP 404.
    static func unknownPath(_ path: String) -> SimJSON {
        taskError(
            Rejection(
                code: "1001",
                message:
                    "Invalid URL, please check your link: there is no endpoint \(path); Veo endpoints look like /openapi/v2/rhart-video-v3.1-fast/text-to-video"
            ))
    }

    /// HTTP method not supported (queue/status is GET); both envelopes are filled since the
    /// real shape is UNCONFIRMED.
    static func wrongMethod(_ method: String, path: String, allowed: String) -> SimJSON {
        let message = v2Message("1009") + ": \(path) takes \(allowed), not \(method)"
        return .object([
            "code": .int(1009), "msg": .string(message), "data": .null,
            "errorCode": .string("1009"), "errorMessage": .string(message),
        ])
    }

    /// A gateway-style page, as nginx in front of the API sends with 5xx and 429.
    static func gatewayPage(status: Int, reason: String) -> String {
        "<html>\r\n<head><title>\(status) \(reason)</title></head>\r\n<body>\r\n<center><h1>\(status) \(reason)</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    }

    /// Object-storage style refusal for `/files/…` (S3/COS answer XML).
    static func storageError(code: String, message: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>\(message)</Message></Error>\n"
    }
}
