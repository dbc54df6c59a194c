import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one line per event, as text or JSON, to one or more sinks
/// (standard error, an appended log file), each with its own minimum level. Every line is scrubbed
/// of the API key first: the library never logs the key, and this is the second lock on that door.
public struct LineLogHandler: LogHandler {
    public enum Format: String, Sendable, Hashable {
        case text, json
    }

    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    let label: String
    let format: Format
    let sinks: [any LogLineSink]
    let secrets: LogSecrets

    /// `logLevel` starts at the most verbose level any sink wants; each sink filters further.
    public init(label: String, format: Format, sinks: [any LogLineSink], secrets: LogSecrets, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.format = format
        self.sinks = sinks
        self.secrets = secrets
        self.metadataProvider = metadataProvider
        self.logLevel = sinks.map(\.minimumLevel).min() ?? .critical
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let targets = sinks.filter { event.level >= $0.minimumLevel }
        guard !targets.isEmpty else { return }
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        let line = render(level: event.level, message: event.message.description, metadata: merged, error: event.error)
        for sink in targets { sink.write(line: line) }
    }

    /// One line, without the newline, already scrubbed.
    func render(level: Logger.Level, message: String, metadata: Logger.Metadata, error: (any Error)?, date: Date = Date()) -> String {
        let time = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        switch format {
        case .text:
            var line = "\(time) \(level.rawValue) \(label): \(message)"
            for key in metadata.keys.sorted() {
                if let value = metadata[key] { line += " \(key)=\(Self.text(value))" }
            }
            if let error { line += " error=\(String(describing: error))" }
            return secrets.scrub(line).replacingOccurrences(of: "\n", with: "\\n")
        case .json:
            var object: [String: JSONValue] = [
                "time": .string(time),
                "level": .string(level.rawValue),
                "label": .string(secrets.scrub(label)),
                "message": .string(secrets.scrub(message)),
            ]
            if !metadata.isEmpty { object["metadata"] = .object(metadata.mapValues { json($0) }) }
            if let error { object["error"] = .string(secrets.scrub(String(describing: error))) }
            // Scrub again after encoding, in case a value reached the line some other way.
            return secrets.scrub(JSONValue.object(object).canonicalString)
        }
    }

    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let value): return value.description
        case .array(let values): return "[" + values.map(text).joined(separator: ", ") + "]"
        case .dictionary(let values):
            return "{" + values.keys.sorted().compactMap { key in values[key].map { "\(key): \(text($0))" } }.joined(separator: ", ") + "}"
        }
    }

    private func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): return .string(secrets.scrub(text))
        case .stringConvertible(let value): return .string(secrets.scrub(value.description))
        case .array(let values): return .array(values.map { json($0) })
        case .dictionary(let values): return .object(values.mapValues { json($0) })
        }
    }
}

/// The secrets log lines must never contain. The CLI adds the key once it has loaded it; handlers
/// created before that still scrub it, because they share this list.
public final class LogSecrets: Sendable {
    private let values = Mutex<[APIKey]>([])

    public init() {}

    public func add(_ key: APIKey) {
        values.withLock { keys in
            if !keys.contains(key) { keys.append(key) }
        }
    }

    /// The keys added so far (to keep them out of a hook's environment).
    public var keys: [APIKey] { values.withLock { $0 } }

    public func scrub(_ text: String) -> String {
        values.withLock { keys in keys.reduce(text) { text, key in key.redacting(in: text) } }
    }
}
