import Foundation

/// The parts of `veobatch status --json` the end-to-end tests read.
struct StatusDocument: Decodable {
    struct Manifest: Decodable {
        var manifest: String
        var jobs: [Job]
    }

    struct Job: Decodable {
        var row: String
        var take: Int
        var outputName: String
        var state: String
        var taskID: String?

        enum CodingKeys: String, CodingKey {
            case row, take, outputName, state
            case taskID = "taskId"
        }
    }

    var manifests: [Manifest]

    /// Every job of every manifest, as `(id, state)` with id the output name.
    static func rows(in data: Data) throws -> [(id: String, state: String)] {
        try JSONDecoder().decode(StatusDocument.self, from: data).manifests.flatMap { $0.jobs }.map { ($0.outputName, $0.state) }
    }
}
