import ArgumentParser
import Foundation
import VeoBatch

/// `veobatch transfer`: moves files through veobatch's own HTTP engine and nothing else, so its
/// throughput can be compared with the curl command line and its peak memory measured
/// (`/usr/bin/time -v veobatch transfer …`). Hidden: it is a tool for developers, not users.
struct TransferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Upload or download files through veobatch's HTTP engine (benchmarks, memory checks).",
        shouldDisplay: false,
        subcommands: [Upload.self, Download.self]
    )
}

extension TransferCommand {
    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "POST each file as multipart/form-data (field \"file\"), streamed from disk.")

        @Option(help: "The URL each file is posted to.")
        var url: String

        @Option(help: "How many uploads run at once.")
        var parallel = 4

        @Flag(
            name: .customLong("send-api-key"),
            help: "Send the RunningHub API key (from $RUNNINGHUB_API_KEY or --api-key-file) as a Bearer token, as RunningHub's upload route requires.")
        var sendAPIKey = false

        @Option(name: .customLong("api-key-file"), help: "With --send-api-key: read the key from this file instead of $RUNNINGHUB_API_KEY.", completion: .file())
        var apiKeyFile: String?

        @Argument(help: "The files to upload.", completion: .file())
        var files: [String]

        func validate() throws {
            guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1.") }
            guard !files.isEmpty else { throw ValidationError("Name at least one file to upload.") }
        }

        func run() async throws {
            var headers: [HTTPHeader] = []
            if sendAPIKey {
                do {
                    headers.append(try APIKeySource.load(keyFile: apiKeyFile, environment: ProcessInfo.processInfo.environment).bearerHeader)
                } catch {
                    printError(error)
                    throw ExitCode(ExitStatus.usage)
                }
            }
            let transport = try CurlTransport()
            defer { transport.close() }
            let url = self.url
            let files = self.files
            let sentHeaders = headers
            let summary = await TransferRun.run(files, parallel: parallel) { index in
                let path = files[index]
                let name = (path as NSString).lastPathComponent
                let response = try await transport.send(
                    HTTPRequest(
                        method: .post, url: url, headers: sentHeaders, body: .multipartFile(field: "file", path: path, fileName: name, contentType: nil),
                        isIdempotent: true),
                    progress: nil)
                guard (200..<300).contains(response.status) else {
                    throw TransferRun.Failure("the server answered HTTP \(response.status)")
                }
                // RunningHub answers refusals with HTTP 200 and a non-zero `code` in the JSON body,
                // and a success with the file's `download_url`, which is shown for later downloads.
                var detail = "HTTP \(response.status)"
                if let answer = try? JSONDecoder().decode(UploadAnswer.self, from: response.body) {
                    // Success is code 0 (documented) or 200 (seen by one client): the same rule as the client's.
                    if let code = answer.code, code != "0", code != "200" {
                        throw TransferRun.Failure("the server refused the upload (code \(code): \(answer.message ?? ""))")
                    }
                    if let link = answer.data?.downloadURL { detail += " → \(link)" }
                }
                return TransferRun.Done(bytes: fileSize(path), detail: detail)
            }
            summary.print(verb: "uploaded")
            if summary.failures > 0 { throw ExitCode(RunExitStatus.someNotDone.rawValue) }
        }
    }

    struct Download: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download each URL into a folder, streamed to disk through a .part file.")

        @Option(help: "How many downloads run at once.")
        var parallel = 4

        @Option(help: "The folder the files are written to (created when missing).")
        var out: String

        @Flag(help: "Flush each file to disk (fsync) before renaming it into place, as `veobatch run` does with every clip.")
        var fsync = false

        @Argument(help: "The URLs to download.")
        var urls: [String]

        func validate() throws {
            guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1.") }
            guard !urls.isEmpty else { throw ValidationError("Name at least one URL to download.") }
        }

        func run() async throws {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let transport = try CurlTransport()
            defer { transport.close() }
            let names = DownloadNames.assign(urls)
            let urls = self.urls
            let folder = out
            let flush = fsync
            let summary = await TransferRun.run(urls, parallel: parallel) { index in
                let url = urls[index]
                let final = "\(folder)/\(names[index])"
                let result = try await transport.download(DownloadRequest(url: url, partPath: final + ".part"), progress: nil)
                if flush { try FileDurability.flush(file: final + ".part") }
                guard rename(final + ".part", final) == 0 else {
                    throw TransferRun.Failure("could not rename \(final).part to \(final): \(String(cString: strerror(errno)))")
                }
                return TransferRun.Done(bytes: result.fileLength, detail: "HTTP \(result.status) → \(final)")
            }
            summary.print(verb: "downloaded")
            if summary.failures > 0 { throw ExitCode(RunExitStatus.someNotDone.rawValue) }
        }
    }
}

/// The parts of a RunningHub upload answer the transfer command reads (runninghub-api.md §2.1).
private struct UploadAnswer: Decodable {
    struct Uploaded: Decodable {
        var downloadURL: String?
        enum CodingKeys: String, CodingKey { case downloadURL = "download_url" }
    }
    /// A number or a string on the wire; kept as text.
    var code: String?
    var message: String?
    var data: Uploaded?

    enum CodingKeys: String, CodingKey { case code, message, data }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? container.decodeIfPresent(Int64.self, forKey: .code) {
            code = String(number)
        } else {
            code = try? container.decodeIfPresent(String.self, forKey: .code)
        }
        message = try? container.decodeIfPresent(String.self, forKey: .message)
        data = try? container.decodeIfPresent(Uploaded.self, forKey: .data)
    }
}

/// Runs transfers with bounded parallelism, printing one line per item as it ends.
enum TransferRun {
    struct Done: Sendable {
        var bytes: Int64
        var detail: String
    }

    /// One transfer's end, as a child task reports it.
    struct Ended: Sendable {
        var index: Int
        var done: Done?
        var failure: String?
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    struct Summary {
        var items = 0
        var failures = 0
        var bytes: Int64 = 0
        var elapsed: Duration = .zero

        func print(verb: String) {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = seconds > 0 ? Double(bytes) / 1_048_576 / seconds : 0
            Swift.print(
                "\(verb) \(items - failures) of \(items) files, \(bytes) bytes in \(String(format: "%.3f", seconds)) s "
                    + "(\(String(format: "%.1f", rate)) MB/s); peak RSS \(peakResidentKilobytes()) KB")
        }
    }

    /// Runs `transfer(index)` for each item, at most `parallel` at a time; `items` label the lines.
    static func run(
        _ items: [String], parallel: Int, transfer: @escaping @Sendable (Int) async throws -> Done
    ) async -> Summary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = Summary(items: items.count)
        // Each child hands back a plain struct: with `(Int, Result<Done, any Error>)` as the child
        // result, the release build (Swift 6.3, -O) read a garbage index on success and trapped.
        await withTaskGroup(of: Ended.self) { group in
            var pending = items.indices[...]
            func startNext() {
                guard let index = pending.popFirst() else { return }
                group.addTask {
                    do { return Ended(index: index, done: try await transfer(index), failure: nil) } catch {
                        return Ended(index: index, done: nil, failure: String(describing: error))
                    }
                }
            }
            for _ in 0..<parallel { startNext() }
            for await ended in group {
                let item = items[ended.index]
                if let done = ended.done {
                    summary.bytes += done.bytes
                    print("ok      \(item)  \(done.bytes) bytes  \(done.detail)")
                } else {
                    summary.failures += 1
                    print("failed  \(item)  \(ended.failure ?? "unknown error")")
                }
                startNext()
            }
        }
        summary.elapsed = clock.now - start
        return summary
    }
}

/// File names for downloaded URLs: the last path component, made safe and unique, so nothing
/// lands outside the output folder whatever the URL says.
enum DownloadNames {
    static func assign(_ urls: [String]) -> [String] {
        var used: Set<String> = []
        return urls.enumerated().map { index, url in
            let candidate = URLComponents(string: url)?.path.split(separator: "/").last.map(String.init) ?? ""
            let cleaned = String(candidate.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
            var name = cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "download-\(index + 1)" : cleaned
            if used.contains(name) { name = "\(index + 1)-\(name)" }
            used.insert(name)
            return name
        }
    }
}

private func fileSize(_ path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : 0
}

/// The process's peak resident set size (`ru_maxrss`: kilobytes on Linux, bytes on macOS).
private func peakResidentKilobytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    let who = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss)
}
