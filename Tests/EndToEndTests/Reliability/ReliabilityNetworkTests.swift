import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Network hygiene (issue 5, item 5): TLS is verified, and plain http goes to loopback only.
@Suite("Reliability: network hygiene")
struct ReliabilityNetworkTests {
    @Test("a self-signed HTTPS server is refused with a TLS message, and no request reaches it")
    func selfSignedServerIsRefused() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "openssl is not installed: it makes the self-signed server")
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let server = try SelfSignedServer(in: scratch)
        defer { server.stop() }
        let manifest = try writeTextManifest(rows: 2, in: scratch)
        let environment = ["RUNNINGHUB_API_KEY": "sk-tls-test-0123456789abcdef", "RUNNINGHUB_BASE_URL": server.baseURL]

        let run = try await runVeobatch(["run", manifest, "--out", scratch.path("out")] + reliabilityRunOptions, environment: environment)
        let account = try await runVeobatch(["account"], environment: environment)
        let seen = server.stop()

        #expect(run.exitCode != 0, "the run succeeded against a self-signed server")
        for outcome in [run, account] {
            let text = (outcome.stdout + outcome.stderr).lowercased()
            #expect(text.contains("certificate") || text.contains("tls"), "no TLS reason given: \(outcome.stdout) \(outcome.stderr)")
        }
        #expect(account.exitCode != 0)
        // The handshake was tried (so the refusal is about TLS), but no HTTP request followed it.
        #expect(seen.contains("ACCEPT"), "the TLS server did not start: \(seen)")
        for method in ["GET /", "POST /"] {
            #expect(!seen.contains(method), "a request reached the untrusted server: \(seen)")
        }
        #expect(!seen.contains("sk-tls-test"), "the key reached the untrusted server")
        // Nothing submitted: every row is still pending (not `unknown`), and says why.
        let status = try await DetailedStatus.load(out: scratch.path("out"))
        #expect(status.jobs.count == 2)
        for job in status.jobs {
            #expect(job.taskId == nil && job.state == "pending", "\(job.outputName) is \(job.state)")
            #expect(job.error?.message?.contains("self-signed certificate") == true, "\(job.outputName): \(job.error?.message ?? "no message")")
        }
    }

    @Test("plain http to a host that is not loopback is refused with exit 2 before any connection",
          arguments: ["http://example.invalid", "http://10.11.12.13:8080", "http://127.0.0.1.example.invalid", "http://[::ffff:7f00:1]"])
    func plainHTTPToRemoteHostIsRefused(baseURL: String) async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        // Any connection veobatch opened would go through this "proxy" and be caught here.
        let trap = try ConnectionTrap()
        defer { trap.close() }
        let manifest = try writeTextManifest(rows: 2, in: scratch)
        var environment = ["RUNNINGHUB_API_KEY": "sk-http-test-0123456789abcdef", "RUNNINGHUB_BASE_URL": baseURL]
        for name in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
            environment[name] = "http://127.0.0.1:\(trap.port)"
        }

        let viaFlag = ["account", "--base-url", baseURL]
        for arguments in [["run", manifest, "--out", scratch.path("out")] + reliabilityRunOptions, ["account"], ["plan", manifest], viaFlag] {
            let outcome = try await runVeobatch(arguments, environment: environment)
            #expect(outcome.exitCode == 2, "\(arguments[0]) with \(baseURL) exited \(outcome.exitCode): \(outcome.stderr)")
            #expect(outcome.stderr.contains("plain http is allowed only for loopback"), "unclear refusal: \(outcome.stderr)")
        }
        #expect(trap.connectionsSeen() == 0, "veobatch opened a connection for \(baseURL)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out") + "/.veobatch/journal.sqlite"), "a refused run made a journal")
    }
}

/// `openssl s_server` on 127.0.0.1 with a throwaway self-signed certificate; everything it
/// prints (received bytes included) goes to a file read back by `stop()`.
final class SelfSignedServer {
    let process = Process()
    /// Kept open and silent: `s_server` echoes what clients send and quits when its input ends.
    let input = Pipe()
    let logPath: String
    private(set) var port = 0

    var baseURL: String { "https://127.0.0.1:\(port)" }

    init(in scratch: TemporaryFolder) throws {
        let key = scratch.path("tls.key"), certificate = scratch.path("tls.crt")
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        make.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                          "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1", "-keyout", key, "-out", certificate]
        make.standardOutput = FileHandle.nullDevice
        make.standardError = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        guard make.terminationStatus == 0 else { throw ReliabilityFailure("openssl could not make a certificate") }

        logPath = scratch.path("s_server.log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key]
        process.standardInput = input
        process.standardOutput = log
        process.standardError = log
        try process.run()
        for _ in 0..<200 {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
               let value = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                port = value
                return
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        stop()
        throw ReliabilityFailure("openssl s_server never said which port it listens on")
    }

    /// Stops the server (if running) and returns everything it printed. SIGKILL, because the
    /// child inherits the test runner's blocked signal mask and would never see SIGTERM.
    @discardableResult
    func stop() -> String {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }
}

/// A listening socket on 127.0.0.1 that nobody serves: connections queue in its backlog, so
/// after a command has run, a non-blocking `accept` tells whether it tried to connect.
final class ConnectionTrap {
    private var descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ReliabilityFailure("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            closeDescriptor(fd)
            throw ReliabilityFailure("could not listen on 127.0.0.1")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Connections waiting to be accepted (each is accepted and closed).
    func connectionsSeen() -> Int {
        var count = 0
        while true {
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else { return count }
            closeDescriptor(client)
            count += 1
        }
    }

    func close() {
        if descriptor >= 0 { closeDescriptor(descriptor) }
        descriptor = -1
    }
}

/// The C `close`, out of reach of `ConnectionTrap.close()`'s name.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
