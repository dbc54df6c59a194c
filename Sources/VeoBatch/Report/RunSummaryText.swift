import Foundation

/// The end-of-run summary `veobatch run` prints: counts, money (estimate beside charge, per take
/// and in total), what needs a person, where the reports are.
public enum RunSummaryText {
    /// Text lines. `quiet` (cron) lists only the takes that need attention or were charged
    /// something else than estimated; otherwise every take of the manifest is listed.
    public static func lines(_ outcome: RunOutcome, outputDirectory: String, quiet: Bool) -> [String] {
        let counts = outcome.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        let money = outcome.spent.map { MoneyText.spent($0, tasks: $0.charged + $0.standingEstimates + $0.uncounted.count) } ?? ""
        var lines = ["\(outcome.manifest): \(outcome.tally.total) job\(outcome.tally.total == 1 ? "" : "s") — \(counts). \(money)"]
        if let folder = outcome.folderSpent {
            lines.append("Spent in this output folder (every manifest): \(folder.text).")
        }
        if outcome.skippedRows > 0 {
            lines.append("\(outcome.skippedRows) invalid row\(outcome.skippedRows == 1 ? "" : "s") not rendered (--skip-invalid); fix them and run again.")
        }
        let flagged = outcome.jobs.filter { !$0.mismatches.isEmpty }
        if !flagged.isEmpty {
            lines.append("Flagged: \(flagged.count) clip\(flagged.count == 1 ? " does" : "s do") not match the request (kept, not rendered again):")
            for job in flagged {
                lines.append("  \(job.outputName): \(job.mismatches.map(\.description).joined(separator: "; "))")
            }
        }
        let listed = outcome.jobs.filter { !quiet || $0.needsAttention || $0.chargedOtherThanEstimated }
        if !listed.isEmpty {
            var rows = [["TAKE", "STATE", "TASK", "EST", "CHARGED", "NOTE"]]
            for job in listed {
                rows.append([
                    job.outputName, job.state.rawValue, job.taskID ?? "-", MoneyText.text(job.estimate),
                    MoneyText.text(job.charge, standingIn: job.taskID != nil), note(job, outputDirectory: outputDirectory),
                ])
            }
            lines += TextTable.lines(rows)
        }
        if outcome.interrupted {
            lines.append("Interrupted: state saved. Run the same command again to continue.")
        } else if let problem = outcome.accountProblem {
            lines.append("Stopped: RunningHub refused the key or account: \(problem)")
        } else if outcome.budgetStopped {
            lines.append("Stopped by --max-cost. " + (outcome.budgetMessage ?? "The rows still pending were not submitted."))
        }
        if outcome.tally.listPriceUncharged > 0 {
            lines.append("* list price from the embedded 2026-04 table (CNY, unverified); RunningHub's price-preview did not price these.")
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
                estimate: job.estimate?.money, estimateSource: job.estimate?.source.rawValue, charged: job.charge,
                clip: job.outputPath, clipMissing: job.outputMissing, flags: job.mismatches,
                errorCode: job.errorCode, errorMessage: job.errorMessage)
        }
        let document = Document(
            manifest: outcome.manifest, exitCode: outcome.exitStatus.rawValue, total: outcome.tally.total, states: states,
            spent: outcome.spent.map(SpentDocument.init), folderSpent: outcome.folderSpent.map(SpentDocument.init),
            interrupted: outcome.interrupted, budgetStopped: outcome.budgetStopped, budgetMessage: outcome.budgetMessage,
            accountProblem: outcome.accountProblem, reports: outcome.reportFiles, jobs: jobs)
        return EventLine.encodedLine(document)
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
            var estimate: Money?
            var estimateSource: String?
            var charged: Money?
            var clip: String?
            var clipMissing: Bool
            var flags: [ClipMismatch]
            var errorCode: String?
            var errorMessage: String?
        }

        var type = "summary"
        var manifest: String
        var exitCode: Int32
        var total: Int
        var states: [String: Int]
        var spent: SpentDocument?
        var folderSpent: SpentDocument?
        var interrupted: Bool
        var budgetStopped: Bool
        var budgetMessage: String?
        var accountProblem: String?
        var reports: [String]
        var jobs: [Job]
    }
}
