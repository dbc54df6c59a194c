import Foundation

/// One state change as a line of text or JSON, for runs without a terminal (cron, CI, pipes).
///
/// Text: `2026-05-04T10:20:53.266Z opening-take2 pending → submitting  Sending the submit.`
/// (a take new to the journal shows `new` as its earlier state). JSON: one object per line with
/// `type` "state", `time`, `manifest`, `row`, `take`, `output`, `from`, `to`, `taskId`, `message`
/// (absent values are null).
public enum EventLine {
    public static func text(_ event: RunEvent) -> String {
        "\(timestamp(event.time)) " + untimed(event)
    }

    /// The same line without its time, for log lines that carry their own.
    public static func untimed(_ event: RunEvent) -> String {
        var line = "\(event.outputName) \(event.from?.rawValue ?? "new") → \(event.to.rawValue)"
        if let message = event.message.map(oneLine), !message.isEmpty { line += "  " + message }
        return line
    }

    public static func json(_ event: RunEvent) -> String {
        let document = Document(
            time: timestamp(event.time), manifest: event.manifest, row: event.rowID, take: event.take,
            output: event.outputName, from: event.from?.rawValue, to: event.to.rawValue, taskId: event.taskID,
            message: event.message)
        return encodedLine(document)
    }

    /// ISO 8601 in UTC with milliseconds.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// One compact JSON object (sorted keys) on one line.
    static func encodedLine(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingSpaces()
    }

    private struct Document: Encodable {
        var type = "state"
        var time: String
        var manifest: String
        var row: String
        var take: Int
        var output: String
        var from: String?
        var to: String
        var taskId: String?
        var message: String?

        enum CodingKeys: String, CodingKey {
            case type, time, manifest, row, take, output, from, to, taskId, message
        }

        // Absent values are written as null, so every line has the same keys.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(time, forKey: .time)
            try container.encode(manifest, forKey: .manifest)
            try container.encode(row, forKey: .row)
            try container.encode(take, forKey: .take)
            try container.encode(output, forKey: .output)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(taskId, forKey: .taskId)
            try container.encode(message, forKey: .message)
        }
    }
}
