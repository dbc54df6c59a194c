import Foundation
import Logging
import Synchronization
import Testing
import TestSupport
import VeoBatch

/// `LineLogHandler`: text and JSON lines, per-sink levels, and the key scrubbed from everything.
@Suite struct RunningHubLogHandlerTests {
    final class MemorySink: LogLineSink {
        let minimumLevel: Logger.Level
        private let stored = Mutex<[String]>([])
        init(minimumLevel: Logger.Level) { self.minimumLevel = minimumLevel }
        var lines: [String] { stored.withLock { $0 } }
        func write(line: String) { stored.withLock { $0.append(line) } }
    }

    static let secret = "rhLOGCANARY55aa"

    func logger(_ format: LineLogHandler.Format, sinks: [any LogLineSink], secrets: LogSecrets) -> Logger {
        Logger(label: "veobatch") { label in LineLogHandler(label: label, format: format, sinks: sinks, secrets: secrets) }
    }

    @Test func textLinesCarryLevelLabelMessageAndSortedMetadata() throws {
        let sink = MemorySink(minimumLevel: .info)
        let log = logger(.text, sinks: [sink], secrets: LogSecrets())
        log.info("Task created", metadata: ["task": "123", "route": "query"])
        let line = try #require(sink.lines.first)
        #expect(sink.lines.count == 1)
        #expect(line.hasSuffix(" info veobatch: Task created route=query task=123"))
    }

    @Test func jsonLinesAreOneObjectEach() throws {
        let sink = MemorySink(minimumLevel: .debug)
        let log = logger(.json, sinks: [sink], secrets: LogSecrets())
        log.warning("Slow answer", metadata: ["elapsed": "12s", "nested": ["a": "b"]])
        let line = try #require(sink.lines.first)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)).objectValue)
        #expect(object["level"] == .string("warning"))
        #expect(object["label"] == .string("veobatch"))
        #expect(object["message"] == .string("Slow answer"))
        #expect(object["metadata"] == .object(["elapsed": .string("12s"), "nested": .object(["a": .string("b")])]))
        #expect(object["time"]?.stringValue?.hasSuffix("Z") == true)
    }

    @Test func eachSinkFiltersByItsOwnLevel() {
        let console = MemorySink(minimumLevel: .error)
        let file = MemorySink(minimumLevel: .debug)
        let log = logger(.text, sinks: [console, file], secrets: LogSecrets())
        #expect(log.logLevel == .debug)
        log.trace("never")
        log.debug("detail")
        log.error("broken")
        #expect(console.lines.count == 1)
        #expect(console.lines.first?.contains("broken") == true)
        #expect(file.lines.count == 2)
    }

    @Test(arguments: [LineLogHandler.Format.text, .json])
    func theKeyIsScrubbedFromMessageMetadataAndErrors(format: LineLogHandler.Format) {
        struct Failure: Error, CustomStringConvertible { var description: String { "server said \(RunningHubLogHandlerTests.secret)" } }
        let sink = MemorySink(minimumLevel: .trace)
        let secrets = LogSecrets()
        let log = logger(format, sinks: [sink], secrets: secrets)
        // Added after the logger exists, as the CLI does once the key is loaded.
        secrets.add(APIKey(Self.secret))
        log.info("key is \(Self.secret)", metadata: ["body": "{\"apikey\":\"\(Self.secret)\"}", "list": ["\(Self.secret)"], "map": ["k": "\(Self.secret)"]])
        var event = LogEvent(level: .error, message: "failed", metadata: nil, source: "test", file: #fileID, function: #function, line: #line)
        event.error = Failure()
        LineLogHandler(label: "veobatch", format: format, sinks: [sink], secrets: secrets).log(event: event)
        #expect(sink.lines.count == 2)
        for line in sink.lines {
            #expect(!line.contains(Self.secret), "leaked: \(line)")
            #expect(line.contains("<redacted>"))
        }
    }

    @Test func logFileIsAppendedAndPrivate() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let path = folder.path("run.log")
        for round in 1...2 {
            let sink = try FileDescriptorLogSink.appending(toFile: path, minimumLevel: .info)
            let log = logger(.text, sinks: [sink], secrets: LogSecrets())
            log.info("round \(round)")
            log.debug("not written")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix("round 1") == true)
        #expect(lines.last?.hasSuffix("round 2") == true)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
    }

    @Test func missingLogFolderIsCreated() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let path = folder.path("renders/run.log")
        let sink = try FileDescriptorLogSink.appending(toFile: path, minimumLevel: .info)
        sink.write(line: "hello")
        #expect((try? String(contentsOfFile: path, encoding: .utf8)) == "hello\n")
    }

    @Test func unopenableLogFileIsAClearError() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        // A regular file where the log's folder would be: the folder cannot be created.
        try folder.write("blocker", Data())
        let path = folder.path("blocker/run.log")
        let error = #expect(throws: LogFileError.self) { try FileDescriptorLogSink.appending(toFile: path, minimumLevel: .info) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("--log-file") == true)
    }
}
