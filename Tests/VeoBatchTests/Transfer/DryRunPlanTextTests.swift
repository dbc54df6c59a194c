import Foundation
import Testing
@testable import VeoBatch

/// The text `run --dry-run` prints, built in the library (the command only prints it).
@Suite struct DryRunPlanTextTests {
    private static let endpoint = "rhart-video-v3.1-fast/text-to-video"

    private static func entry(_ name: String, _ cost: Decimal?, _ action: DryRunPlan.Action) -> DryRunPlan.Entry {
        DryRunPlan.Entry(rowID: name, take: 1, outputName: name, endpoint: endpoint, estimatedCost: cost, action: action)
    }

    @Test("one padded line per take with its action and list-price estimate, then the total with unpriced jobs and the limit")
    func fullPlan() {
        let plan = DryRunPlan(
            entries: [
                Self.entry("shot010", Decimal(string: "4.7")!, .submit),
                Self.entry("shot020", nil, .submitAfter(rowID: "shot010")),
                Self.entry("shot030", 3, .resume(.running)),
                Self.entry("shot040", 3, .skipDone),
                Self.entry("shot050", 8, .overBudget),
            ],
            alreadySpent: Money(Decimal(string: "1.5")!, .cny), toSubmit: Decimal(string: "4.7")!, unpriced: 1, maxCost: 10)
        #expect(
            DryRunPlanText.lines(plan) == [
                "Dry run: nothing is sent and nothing is changed.",
                "  submit                     shot010              rhart-video-v3.1-fast/text-to-video  4.7 CNY*",
                "  submit after shot010       shot020              rhart-video-v3.1-fast/text-to-video  -",
                "  resume (running)           shot030              rhart-video-v3.1-fast/text-to-video  3 CNY*",
                "  skip (done)                shot040              rhart-video-v3.1-fast/text-to-video  3 CNY*",
                "  not submitted (max-cost)   shot050              rhart-video-v3.1-fast/text-to-video  8 CNY*",
                "Would submit an estimated 4.7 CNY (list prices, unverified) plus 1 job(s) without a price estimate; already spent in this folder: 1.5 CNY; --max-cost 10 CNY.",
            ])
    }

    @Test("without a limit or unpriced jobs the total says only what would be submitted and what was spent")
    func plainTotal() {
        let plan = DryRunPlan(
            entries: [Self.entry("a", 2, .retry), Self.entry("b", nil, .skipFailed), Self.entry("c", nil, .needsResolve)],
            alreadySpent: .zero(.cny), toSubmit: 2, unpriced: 0, maxCost: nil)
        let lines = DryRunPlanText.lines(plan)
        #expect(
            Array(lines.dropFirst()) == [
                "  retry                      a                    rhart-video-v3.1-fast/text-to-video  2 CNY*",
                "  skip (failed)              b                    rhart-video-v3.1-fast/text-to-video  -",
                "  skip (unknown: resolve)    c                    rhart-video-v3.1-fast/text-to-video  -",
                "Would submit an estimated 2 CNY (list prices, unverified); already spent in this folder: 0 CNY.",
            ])
    }
}
