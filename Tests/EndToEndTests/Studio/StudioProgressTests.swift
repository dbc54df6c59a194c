import Foundation
import Testing
import TestSupport

/// What `veobatch run` prints as a user or cron sees it, from real runs of the example manifest
/// against the simulator.
@Suite("Studio: progress output of veobatch run")
struct StudioProgressTests {
    /// `2026-05-04T10:20:53.266Z opening-take2 pending → submitting  Sending the submit.`
    static var stateLine: Regex<(Substring, Substring, Substring, Substring, Substring, Substring?)> {
        /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (\S+) (new|[a-z]+) → ([a-z]+)(  .+)?$/
    }

    @Test("Without a terminal: one timestamped line per state change, then the summary with estimate beside charge")
    func plainLines() async throws {
        let run = try await RenderedExample.run([], progress: [])
        defer { run.scratch.remove() }
        #expect(run.result.exitCode == 0, "stderr: \(run.result.stderr)")
        let lines = run.result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let summaryStart = try #require(lines.firstIndex { $0.hasPrefix("shots: 10 jobs") }, "no summary in:\n\(run.result.stdout)")
        var changes: [String: [(from: String, to: String)]] = [:]
        for line in lines[..<summaryStart] {
            let match = try #require(line.wholeMatch(of: Self.stateLine), "not a state line: \(line)")
            #expect(ISO8601DateFormatter.withMilliseconds.date(from: String(match.1)) != nil, "bad time in \(line)")
            changes[String(match.2), default: []].append((String(match.3), String(match.4)))
        }
        #expect(Set(changes.keys) == exampleTakes)
        for (take, steps) in changes {
            #expect(steps.first?.from == "new" && steps.first?.to == "pending", "\(take): \(steps)")
            #expect(steps.last?.to == "done", "\(take): \(steps)")
            #expect(steps.map(\.to).contains("queued") && steps.map(\.to).contains("downloading"), "\(take): \(steps)")
            for (earlier, later) in zip(steps, steps.dropFirst()) {
                #expect(later.from == earlier.to, "\(take) jumps from \(earlier.to) to \(later.from)")
            }
        }
        // The simulator charges its live price, which price-preview gave as the estimate: per take
        // the charge equals the estimate, and all 10 tasks are charged, in USD.
        let summary = Array(lines[summaryStart...]).filter { !$0.isEmpty }
        #expect(summary.first?.wholeMatch(of: /shots: 10 jobs — 10 done\. Spent [0-9.]+ USD \(10 charged\) on 10 tasks\./) != nil, "\(summary)")
        let table = summary.dropFirst().prefix { $0.hasPrefix("  ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(table.first == ["TAKE", "STATE", "TASK", "EST", "CHARGED", "NOTE"])
        #expect(Set(table.dropFirst().map { $0[0] }) == exampleTakes)
        for row in table.dropFirst() {
            #expect(row.count == 7 && row[1] == "done" && row[3] == row[5] && row[4] == "USD" && row[6] == "USD" && (Double(row[3]) ?? 0) > 0, "\(row)")
        }
        #expect(summary.last?.hasPrefix("Reports: ") == true && summary.last?.contains("report.html") == true)
    }

    @Test("--log-format json: one JSON object per state change, covering every change the journal recorded, then a summary object")
    func jsonEvents() async throws {
        let run = try await RenderedExample.run(["--log-format", "json"])
        defer { run.scratch.remove() }
        #expect(run.result.exitCode == 0, "stderr: \(run.result.stderr)")
        let objects = try run.result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
        let summary = try #require(objects.last)
        #expect(summary["type"] as? String == "summary")
        #expect(summary["exitCode"] as? Int == 0)
        #expect(summary["states"] as? [String: Int] == ["done": 10])
        let spent = try #require(summary["spent"] as? [String: Any])
        #expect(spent["currency"] as? String == "USD" && spent["charged"] as? Int == 10 && spent["standingEstimates"] as? Int == 0)
        let events = objects.dropLast()
        #expect(events.allSatisfy { $0["type"] as? String == "state" })
        for event in events {
            for key in ["time", "row", "take", "from", "to", "taskId", "message"] {
                #expect(event.keys.contains(key), "\(key) missing in \(event)")
            }
            let time = event["time"] as? String ?? ""
            #expect(ISO8601DateFormatter.withMilliseconds.date(from: time) != nil, "time \(time)")
        }
        var byTake: [String: [[String: Any]]] = [:]
        for event in events { byTake[event["output"] as? String ?? "?", default: []].append(event) }
        #expect(Set(byTake.keys) == exampleTakes)

        let jobs = try await run.statusJobs()
        #expect(jobs.count == 10)
        for job in jobs {
            let take = job["outputName"] as? String ?? "?"
            let seen = byTake[take] ?? []
            // A chain from a new job to done with no gap.
            #expect(seen.first?["from"] is NSNull && seen.first?["to"] as? String == "pending", "\(take)")
            for (earlier, later) in zip(seen, seen.dropFirst()) {
                #expect(later["from"] as? String == earlier["to"] as? String, "\(take): \(seen)")
            }
            #expect(seen.last?["to"] as? String == "done" && job["state"] as? String == "done")
            // Every state the journal stamped was announced.
            let stamped = Set((job["timings"] as? [String: String] ?? [:]).keys).subtracting(["created"])
            let announced = Set(seen.compactMap { $0["to"] as? String }).subtracting(["pending"])
            #expect(stamped == announced, "\(take): journal \(stamped.sorted()) vs events \(announced.sorted())")
            #expect(seen.last?["taskId"] as? String == job["taskId"] as? String)
            // The live estimate (price-preview) is what the simulator then charged, in USD.
            let estimate = job["estimate"] as? [String: String], charged = job["charged"] as? [String: String]
            #expect(estimate == charged && charged?["currency"] == "USD" && (Double(charged?["amount"] ?? "") ?? 0) > 0, "\(job)")
            #expect(job["estimateSource"] as? String == "price-preview")
        }
    }

    @Test("--quiet prints only the summary")
    func quiet() async throws {
        let run = try await RenderedExample.run(["--quiet"])
        defer { run.scratch.remove() }
        #expect(run.result.exitCode == 0, "stderr: \(run.result.stderr)")
        let lines = run.result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.wholeMatch(of: /shots: 10 jobs — 10 done\. Spent [0-9.]+ USD \(10 charged\) on 10 tasks\./) != nil, "\(lines)")
        #expect(lines.last?.hasPrefix("Reports: ") == true)
        #expect(run.result.stderr.isEmpty, "stderr: \(run.result.stderr)")
    }

    @Test(
        "On a terminal: the live board redraws in place with counts, then gives way to the summary",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) from util-linux for a pseudo-terminal"))
    func liveBoard() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let sim = try await SimulatorHarness.start(taskSeconds: 1)
        defer { Task { await sim.stop() } }
        let manifest = try copyExampleFolder(to: scratch)
        let out = scratch.path("out")
        let command = [Binaries.veobatch, "run", manifest, "--out", out, "--poll-interval", "0.1", "--test-time-scale", "0.001", "--settle", "0"]
            .map { "'\($0)'" }.joined(separator: " ")
        // script(1) gives veobatch a pseudo-terminal as stdout and copies what it draws.
        let result = try await runTool(
            "/usr/bin/script", ["-q", "-e", "-f", "-c", command, "/dev/null"],
            environment: sim.environment.merging(["TERM": "xterm"]) { $1 })
        #expect(result.exitCode == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        let screen = result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(
            screen.contains("\u{1B}[2Kshots: 10 jobs · 10 pending   elapsed 0:00  ETA –"),
            "first frame missing:\n\(screen.debugDescription)")
        #expect(screen.contains(" running ") || screen.contains("· 10 done"), "no frame with work in it:\n\(screen)")
        #expect(screen.contains("\u{1B}[J"), "the board is never erased")
        #expect(!screen.contains(" → "), "a terminal run printed plain state lines")
        let summary = try #require(screen.range(of: "shots: 10 jobs — 10 done."), "no summary:\n\(screen)")
        #expect(!screen[summary.lowerBound...].contains("\u{1B}["), "the board was drawn after the summary")
    }
}

extension ISO8601DateFormatter {
    static var withMilliseconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
