import Foundation
import Testing
@testable import VeoBatch

/// A `--quiet` cron run keeps only the noteworthy takes of its outcome (`Listing`): what it
/// prints and the exit code it returns must be exactly those of an outcome listing every take.
@Suite struct RunOutcomeListingTests {
    static func take(_ row: String, _ state: JobState, charged: Decimal? = nil, estimated: Decimal? = 3, missing: Bool = false,
                     flagged: Bool = false, listPrice: Bool = false) -> RunOutcome.Job {
        var job = RunOutcome.Job(
            rowID: row, take: 1, outputName: row, state: state, taskID: state == .pending ? nil : "19\(row.count)",
            estimate: estimated.map { listPrice ? PriceEstimate(money: Money($0, .cny), source: .listPrice) : PriceEstimate(money: Money($0, .usd), source: .pricePreview) },
            charge: charged.map { Money($0, .usd) }, outputPath: state == .done ? "m/\(row)/\(row).mp4" : nil,
            errorCode: state == .failed ? "1505" : nil, errorMessage: state == .failed ? "refused" : nil, outputMissing: missing)
        if flagged { job.mismatches = [ClipMismatch(field: "duration", expected: "8", actual: "4")] }
        return job
    }

    static let takes: [RunOutcome.Job] = [
        take("fine", .done, charged: 3),
        take("also-fine", .done, charged: 3),
        take("failed", .failed),
        take("dearer", .done, charged: 4),
        take("gone", .done, charged: 3, missing: true),
        take("short", .done, charged: 3, flagged: true),
        take("unpriced", .done, estimated: nil),
        take("listed-price", .running, listPrice: true),
        take("waiting", .pending),
    ]

    @Test("the noteworthy listing keeps what needs a look, and the tally still counts every take")
    func noteworthyKeepsWhatMatters() {
        let every = RunOutcome(manifest: "m", takes: Self.takes)
        let noteworthy = RunOutcome(manifest: "m", takes: Self.takes, listing: .noteworthyTakes)
        #expect(every.jobs.count == 9)
        #expect(noteworthy.jobs.map(\.rowID) == ["failed", "dearer", "gone", "short", "listed-price", "waiting"])
        #expect(noteworthy.tally == every.tally)
        #expect(noteworthy.tally.total == 9)
        #expect(noteworthy.counts == [.done: 6, .failed: 1, .running: 1, .pending: 1])
        #expect(noteworthy.tally.listPriceUncharged == 1)
        #expect(noteworthy.tally.missingClips == 1)
        #expect(noteworthy.exitStatus == .someNotDone)
    }

    @Test("a quiet summary prints the same lines from either listing")
    func quietSummaryIsTheSame() {
        let every = RunOutcome(manifest: "m", takes: Self.takes)
        let noteworthy = RunOutcome(manifest: "m", takes: Self.takes, listing: .noteworthyTakes)
        let lines = RunSummaryText.lines(every, outputDirectory: "/out", quiet: true)
        #expect(RunSummaryText.lines(noteworthy, outputDirectory: "/out", quiet: true) == lines)
        #expect(lines.first?.hasPrefix("m: 9 jobs — ") == true)
        #expect(lines.contains { $0.hasPrefix("* list price") })
        #expect(lines.contains { $0.hasPrefix("Flagged: 1 clip does not match") })
    }

    @Test("a run whose every take is done exits 0 from the tally alone, and a budget stop counts the takes not listed")
    func exitStatusFromTally() {
        let done = [Self.take("a", .done, charged: 3), Self.take("b", .done, charged: 3)]
        let quiet = RunOutcome(manifest: "m", takes: done, listing: .noteworthyTakes)
        #expect(quiet.jobs.isEmpty)
        #expect(quiet.exitStatus == .allDone)

        let stopped = RunOutcome(manifest: "m", takes: done + [Self.take("c", .pending)], listing: .noteworthyTakes, budgetStopped: true)
        #expect(stopped.exitStatus == .budget)
    }
}
