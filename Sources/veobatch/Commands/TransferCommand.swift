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
            try await runCommand(.defaults) { _ in
                var headers: [HTTPHeader] = []
                if sendAPIKey {
                    let key = try APIKeySource.load(keyFile: apiKeyFile, environment: ProcessInfo.processInfo.environment)
                    logSecrets.add(key)
                    headers.append(key.bearerHeader)
                }
                let transport = try CurlTransport()
                defer { transport.close() }
                let (url, files, sentHeaders) = (self.url, self.files, headers)
                let summary = await TransferBatch.run(files, parallel: parallel) { index in
                    try await FileTransfers.upload(file: files[index], to: url, headers: sentHeaders, over: transport)
                } ended: { printEnding($0) }
                try finish(summary, verb: "uploaded")
            }
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
            try await runCommand(.defaults) { _ in
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                let transport = try CurlTransport()
                defer { transport.close() }
                let names = DownloadNames.assign(urls)
                let (urls, folder, flush) = (self.urls, out, fsync)
                let summary = await TransferBatch.run(urls, parallel: parallel) { index in
                    try await FileTransfers.download(urls[index], to: "\(folder)/\(names[index])", flush: flush, over: transport)
                } ended: { printEnding($0) }
                try finish(summary, verb: "downloaded")
            }
        }
    }
}

/// One line per transfer as it ends, scrubbed of the key `--send-api-key` sent.
private func printEnding(_ ending: TransferBatch.Ending) {
    print(logSecrets.scrub(ending.line))
}

/// The totals line; exit 1 when any transfer failed.
private func finish(_ summary: TransferBatch.Summary, verb: String) throws {
    print(summary.text(verb: verb, peakResidentKilobytes: PeakMemory.residentKilobytes()))
    if summary.failures > 0 { throw ExitCode(RunExitStatus.someNotDone.rawValue) }
}
