/// Builds the JSON body of a submit: the parameters plus each media field filled with its URL.
/// List fields (`imageUrls`) collect their inputs in manifest order.
enum RequestBody {
    static func make(parameters: [String: JSONValue], inputs: [InputFile], urls: [String]) -> JSONValue {
        var body = parameters
        for (input, url) in zip(inputs, urls) {
            if input.isList {
                var list = body[input.field]?.arrayValue ?? []
                list.append(.string(url))
                body[input.field] = .array(list)
            } else {
                body[input.field] = .string(url)
            }
        }
        return .object(body)
    }
}
