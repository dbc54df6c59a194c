import Foundation

/// The fields of a v2 task answer beyond the ones the pipeline acts on (runninghub-api.md section A
/// item 7): `parentTaskId` and `taskUsageList[].taskId`. They are read from the raw body with
/// their own decoder because `taskUsageList[].taskId` is a JSON number of up to 19 digits, which
/// the generic JSON value would turn into a Double and round. Nothing is billed or decided from
/// these fields; they are kept so the journal and reports lose nothing the server said.
struct TaskAnswerExtras: Decodable {
    var parentTaskId: ExactID?
    var taskUsageList: [UsageEntry]?

    struct UsageEntry: Decodable {
        var taskId: ExactID?
    }

    /// The answer's extras; a body without them (or not an object) gives empty extras.
    static func read(_ body: Data) -> TaskAnswerExtras {
        (try? JSONDecoder().decode(TaskAnswerExtras.self, from: body)) ?? TaskAnswerExtras()
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parentTaskId = try? container.decodeIfPresent(ExactID.self, forKey: .parentTaskId)
        taskUsageList = try? container.decodeIfPresent([UsageEntry].self, forKey: .taskUsageList)
    }

    private enum CodingKeys: String, CodingKey { case parentTaskId, taskUsageList }
}

/// A task id as text, whether it came as a string or as an integer JSON number (never through Double).
struct ExactID: Decodable, Sendable, Hashable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(Int64.self) {
            self.text = String(number)
        } else if let number = try? container.decode(UInt64.self) {
            self.text = String(number)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a task id must be a string or an integer")
        }
    }
}
