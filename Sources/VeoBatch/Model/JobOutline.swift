import Foundation

/// A job of a run's plan as the passes over the whole plan read it: everything of its `JobSpec`
/// but the endpoint and the parameters, of which only the prompt.
///
/// A run reads its plan back from disk several times (checks, input digests, the standing
/// estimate, the order of work, the summary) and a worker reads each job once more, whole. The
/// parameters' `JSONValue`s were most of a job's decoding time (a value's kind is guessed at,
/// with a thrown error for each wrong guess), and only the worker needs them.
public struct JobOutline: Sendable, Hashable, Decodable {
    public var rowID: String
    public var take: Int
    public var media: [MediaInput]
    public var estimatedCost: Decimal?
    public var outputName: String
    public var line: Int
    /// The `prompt` parameter when it is a string.
    public var prompt: String?

    /// Rows whose output this job needs first (as `JobSpec.dependencies`).
    public var dependencies: [String] {
        media.compactMap(\.source.rowID)
    }

    /// `JobSpec`'s own keys, of which `endpoint` is never read.
    private enum CodingKeys: String, CodingKey {
        case rowID, take, media, estimatedCost, outputName, line, parameters
    }

    /// The parameters object, read for its prompt alone.
    private struct Parameters: Decodable {
        var prompt: JSONValue?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rowID = try container.decode(String.self, forKey: .rowID)
        take = try container.decode(Int.self, forKey: .take)
        media = try container.decode([MediaInput].self, forKey: .media)
        estimatedCost = try container.decodeIfPresent(Decimal.self, forKey: .estimatedCost)
        outputName = try container.decode(String.self, forKey: .outputName)
        line = try container.decode(Int.self, forKey: .line)
        prompt = try container.decode(Parameters.self, forKey: .parameters).prompt?.stringValue
    }
}
