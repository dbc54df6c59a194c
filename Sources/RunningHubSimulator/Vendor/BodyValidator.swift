import Foundation

/// A request the simulator refuses: the v2 `errorCode` and the `errorMessage` to send back.
struct Rejection: Error, Sendable, Equatable {
    let code: String
    let message: String

    /// `1007` with the contract's wording followed by what exactly is wrong.
    static func invalidParameters(_ problems: [String]) -> Rejection {
        Rejection(code: "1007", message: "Invalid parameters: " + problems.joined(separator: "; "))
    }
}

/// Checks a Veo submit body against the vendor table (runninghub-api.md §1.1–1.2): field names,
/// JSON types, options, lengths and counts. Media reachability is checked later, by the state,
/// because only it knows which files exist.
enum BodyValidator {
    /// Shortest prompt the docs allow ([SJ] minLength 5).
    static let promptMinLength = 5

    /// The body as a dictionary when every field is acceptable; otherwise every problem found.
    static func validate(_ body: SimJSON?, against spec: EndpointSpec) -> Result<[String: SimJSON], Rejection> {
        guard let body else {
            return .failure(.invalidParameters(["the body is not valid JSON"]))
        }
        guard let fields = body.objectValue else {
            return .failure(.invalidParameters(["the body must be a JSON object, not \(body.typeName)"]))
        }
        var problems: [String] = []
        // `webhookUrl` is an optional field of every standard-model submit (section A item 8).
        if let webhook = fields["webhookUrl"] {
            if case .string(let text) = webhook, isHTTPURL(text) {} else {
                problems.append("`webhookUrl` must be an http(s) URL")
            }
        }
        let known = Set(spec.params.map(\.fieldKey) + ["webhookUrl"])
        for key in fields.keys.sorted() where !known.contains(key) {
            problems.append(
                "unknown field `\(key)` (\(spec.endpoint) accepts \(spec.params.map(\.fieldKey).joined(separator: ", ")))")
        }
        for param in spec.params {
            guard let value = fields[param.fieldKey] else {
                if param.required { problems.append("`\(param.fieldKey)` is required") }
                continue
            }
            if let problem = check(value, param) { problems.append(problem) }
        }
        return problems.isEmpty ? .success(fields) : .failure(.invalidParameters(problems))
    }

    /// One field's problem, or nil when it is fine.
    static func check(_ value: SimJSON, _ param: ParamSpec) -> String? {
        let name = "`\(param.fieldKey)`"
        switch param.kind {
        case .string:
            guard case .string(let text) = value else { return "\(name) must be a string, not \(value.typeName)" }
            let length = text.count
            let minimum = param.minLength ?? (param.fieldKey == "prompt" ? promptMinLength : 0)
            if length < minimum {
                return "\(name) must be at least \(minimum) characters long (it has \(length))"
            }
            if let maxLength = param.maxLength, length > maxLength {
                return "\(name) must be at most \(maxLength) characters long (it has \(length))"
            }
        case .list:
            let options = param.optionValues.map { "\"\($0)\"" }.joined(separator: ", ")
            guard case .string(let text) = value else {
                return "\(name) must be a string, one of \(options) (got \(value.typeName) \(value.shortDescription))"
            }
            if !param.optionValues.contains(text) {
                return "\(name) must be one of \(options) (got \"\(text)\")"
            }
        case .boolean:
            guard case .bool = value else {
                return "\(name) must be a JSON boolean true or false (got \(value.typeName) \(value.shortDescription))"
            }
        case .int:
            guard case .int(let number) = value else {
                return "\(name) must be a JSON integer (got \(value.typeName) \(value.shortDescription))"
            }
            if let min = param.min, number < min { return "\(name) must be at least \(min) (got \(number))" }
            if let max = param.max, number > max { return "\(name) must be at most \(max) (got \(number))" }
        case .media:
            return checkMedia(value, param)
        case .other:
            break
        }
        return nil
    }

    private static func checkMedia(_ value: SimJSON, _ param: ParamSpec) -> String? {
        let name = "`\(param.fieldKey)`"
        let urls: [SimJSON]
        if param.isMultiple {
            guard case .array(let items) = value else {
                return "\(name) must be an array of URLs, not \(value.typeName)"
            }
            let limit = param.maxInputNum ?? 1
            guard (1...max(1, limit)).contains(items.count) else {
                return "\(name) must hold 1 to \(limit) URLs (it has \(items.count))"
            }
            urls = items
        } else {
            urls = [value]
        }
        for item in urls {
            guard case .string(let text) = item else {
                return "\(name) must hold URL strings, not \(item.typeName)"
            }
            if !isHTTPURL(text) {
                return "\(name) must be an http(s) URL such as an upload's download_url (got \(SimJSON.string(text).shortDescription))"
            }
        }
        return nil
    }

    /// `http://host…` or `https://host…`; data URIs and bare file names are refused.
    static func isHTTPURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// Every media URL in a validated body, with the field it came from.
    static func mediaReferences(in fields: [String: SimJSON], spec: EndpointSpec) -> [(param: ParamSpec, url: String)] {
        var references: [(param: ParamSpec, url: String)] = []
        for param in spec.params where param.kind == .media {
            switch fields[param.fieldKey] {
            case .string(let url): references.append((param, url))
            case .array(let items): references += items.compactMap { $0.stringValue.map { (param, $0) } }
            default: break
            }
        }
        return references
    }
}
