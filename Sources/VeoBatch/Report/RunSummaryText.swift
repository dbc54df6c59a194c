import Foundation

/// The end-of-run summary `veobatch run` prints: counts, money (estimate beside charge, per take
/// and in total), what needs a person, where the reports are.
public enum RunSummaryText {
    /// Text lines. `quiet` (cron) lists only the takes that need attention or were charged
    /// something else than estimated; otherwise every take of the manifest is listed.
    public static func lines(_ outcome: RunOutcome, outputDirectory: String, quiet: Bool) -> [String] {
        let counts = outcome.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        let money = MoneyText.totals(
            estimatedSubmitted: outcome.estimatedCostSubmitted, charged: outcome.actualCost,
            estimatedCharged: outcome.estimatedCostCharged, chargedTasks: outcome.chargedJobs)
        var lines = ["\(outcome.manifest): \(outcome.jobs.count) job\(outcome.jobs.count == 1 ? "" : "s") — \(counts). \(money)"]
        if outcome.skippedRows > 0 {
            lines.append("\(outcome.skippedRows) invalid row\(outcome.skippedRows == 1 ? "" : "s") not rendered (--skip-invalid); fix them and run again.")
        }
        let listed = outcome.jobs.filter { !quiet || needsAttention($0) || chargedOtherThanEstimated($0) }
        if !listed.isEmpty {
            var rows = [["TAKE", "STATE", "TASK", "EST", "CHARGED", "NOTE"]]
            for job in listed {
                rows.append([
                    job.outputName, job.state.rawValue, job.taskID ?? "-", MoneyText.text(job.estimatedCost),
                    MoneyText.text(job.actualCost), note(job, outputDirectory: outputDirectory),
                ])
            }
            lines += TextTable.lines(rows)
        }
        if outcome.interrupted {
            lines.append("Interrupted: state saved. Run the same command again to continue.")
        } else if let problem = outcome.accountProblem {
            lines.append("Stopped: RunningHub refused the key or account: \(problem)")
        } else if outcome.budgetStopped {
            lines.append("Stopped by --max-cost: the rows still pending were not submitted.")
        }
        if !outcome.reportFiles.isEmpty {
            lines.append("Reports: \(outcome.reportFiles.joined(separator: ", "))")
        }
        return lines
    }

    /// The summary as one JSON object on one line (`--log-format json`), `type` "summary".
    public static func json(_ outcome: RunOutcome) -> String {
        let states = Dictionary(outcome.counts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +)
        let jobs = outcome.jobs.map { job in
            Document.Job(
                row: job.rowID, take: job.take, output: job.outputName, state: job.state.rawValue, taskId: job.taskID,
                estimatedCost: job.estimatedCost, actualCost: job.actualCost, clip: job.outputPath, clipMissing: job.outputMissing,
                errorCode: job.errorCode, errorMessage: job.errorMessage)
        }
        let document = Document(
            manifest: outcome.manifest, exitCode: outcome.exitStatus.rawValue, total: outcome.jobs.count, states: states,
            estimatedCostSubmitted: outcome.estimatedCostSubmitted, actualCost: outcome.actualCost,
            estimatedCostCharged: outcome.estimatedCostCharged, chargedJobs: outcome.chargedJobs,
            interrupted: outcome.interrupted, budgetStopped: outcome.budgetStopped,
            accountProblem: outcome.accountProblem, reports: outcome.reportFiles, jobs: jobs)
        return EventLine.encodedLine(document)
    }

    static func needsAttention(_ job: RunOutcome.Job) -> Bool {
        job.state != .done || job.outputMissing
    }

    static func chargedOtherThanEstimated(_ job: RunOutcome.Job) -> Bool {
        guard let actual = job.actualCost else { return false }
        return job.estimatedCost != actual
    }

    static func note(_ job: RunOutcome.Job, outputDirectory: String) -> String {
        var note = job.errorMessage.map(EventLine.oneLine) ?? ""
        if job.state == .unknown, !note.contains("veobatch resolve") {
            note +=
                (note.isEmpty ? "" : " — ")
                + "settle with `veobatch resolve --out \(outputDirectory) \(job.outputName) --task-id ID | --resubmit | --abandon`."
        } else if job.outputMissing, job.errorMessage == nil {
            note = "The clip is missing from disk."
        }
        return note
    }

    private struct Document: Encodable {
        struct Job: Encodable {
            var row: String
            var take: Int
            var output: String
            var state: String
            var taskId: String?
            var estimatedCost: Decimal?
            var actualCost: Decimal?
            var clip: String?
            var clipMissing: Bool
            var errorCode: String?
            var errorMessage: String?
        }

        var type = "summary"
        var manifest: String
        var exitCode: Int32
        var total: Int
        var states: [String: Int]
        var estimatedCostSubmitted: Decimal
        var actualCost: Decimal
        var estimatedCostCharged: Decimal
        var chargedJobs: Int
        var interrupted: Bool
        var budgetStopped: Bool
        var accountProblem: String?
        var reports: [String]
        var jobs: [Job]
    }
}

extension RunOutcome {
    /// What the submitted jobs (and those whose submit outcome is unknown) were estimated at.
    public var estimatedCostSubmitted: Decimal {
        jobs.filter { $0.taskID != nil || $0.state == .unknown }.compactMap(\.estimatedCost).reduce(0, +)
    }

    /// What RunningHub reported charging (`usage.consumeMoney`).
    public var actualCost: Decimal {
        jobs.compactMap(\.actualCost).reduce(0, +)
    }

    /// The estimate of the jobs behind `actualCost`.
    public var estimatedCostCharged: Decimal {
        jobs.filter { $0.actualCost != nil }.compactMap(\.estimatedCost).reduce(0, +)
    }

    public var chargedJobs: Int {
        jobs.filter { $0.actualCost != nil }.count
    }
}
