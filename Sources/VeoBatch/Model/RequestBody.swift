/// Builds the JSON body of a submit: the parameters plus each media field filled with its value.
/// List fields (`imageUrls`) collect their inputs in manifest order. The one builder behind the
/// submit (upload URLs), price-preview (placeholder URLs) and `plan` (the paths as written), so
/// what is priced and shown is shaped exactly like what is sent.
enum RequestBody {
    /// `media`: each media field with the value to put in it, in manifest order.
    static func make(parameters: [String: JSONValue], media: [(field: String, isList: Bool, value: String)]) -> JSONValue {
        var body = parameters
        for input in media {
            if input.isList {
                body[input.field] = .array((body[input.field]?.arrayValue ?? []) + [.string(input.value)])
            } else {
                body[input.field] = .string(input.value)
            }
        }
        return .object(body)
    }

    /// The body as sent: each input with the URL it was uploaded to (or passed through as).
    static func make(parameters: [String: JSONValue], inputs: [InputFile], urls: [String]) -> JSONValue {
        make(parameters: parameters, media: zip(inputs, urls).map { (field: $0.field, isList: $0.isList, value: $1) })
    }

    /// A job's body before anything is uploaded, each media source shown through `value`.
    static func make(_ spec: JobSpec, media value: (MediaSource) -> String) -> JSONValue {
        make(parameters: spec.parameters, media: spec.media.map { (field: $0.field, isList: $0.isList, value: value($0.source)) })
    }
}
