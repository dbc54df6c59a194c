/// What makes two renders the same render: endpoint, parameters, and the content of every
/// media input (a URL by its address, a local file and an `@ROW` clip by their SHA-256).
/// A row whose fingerprint changed is a new job; an unchanged one is never rendered twice.
public enum Fingerprint {
    public static func of(endpoint: String, parameters: [String: JSONValue], inputs: [InputFile]) -> String {
        let media: [JSONValue] = inputs.map {
            .object(["field": .string($0.field), "list": .bool($0.isList), "input": .string($0.fingerprintValue)])
        }
        let canonical = JSONValue.object([
            "endpoint": .string(endpoint),
            "parameters": .object(parameters),
            "media": .array(media),
        ])
        return FileDigest.sha256(of: canonical.canonicalData())
    }
}
