import Foundation

/// What `run --dry-run` prints: one line per take with the action the journal leads to and its
/// estimate, then the total that would be submitted. Built here, beside `RunSummaryText`, so the
/// command only prints it and a test can read it without running the executable.
public enum DryRunPlanText {
    public static func lines(_ plan: DryRunPlan) -> [String] {
        var lines = ["Dry run: nothing is sent and nothing is changed."]
        for entry in plan.entries {
            // An offline plan has only list prices: `4 CNY*` (unverified), `-` without one.
            let estimate = MoneyText.text(entry.estimatedCost.map { PriceEstimate(money: Money($0, plan.currency), source: .listPrice) })
            lines.append("  \(padded(action(entry.action), 26)) \(padded(entry.outputName, 20)) \(entry.endpoint)  \(estimate)")
        }
        let code = plan.currency.code
        var total = "Would submit an estimated \(Money.text(plan.toSubmit)) \(code) (list prices, unverified)"
        if plan.unpriced > 0 { total += " plus \(plan.unpriced) job(s) without a price estimate" }
        total += "; already spent in this folder: \(plan.alreadySpent)"
        if let limit = plan.maxCost { total += "; --max-cost \(Money.text(limit)) \(code)" }
        lines.append(total + ".")
        return lines
    }

    /// The action column: what the run would do with the take.
    static func action(_ action: DryRunPlan.Action) -> String {
        switch action {
        case .submit: "submit"
        case .retry: "retry"
        case .submitAfter(let row): "submit after \(row)"
        case .skipDone: "skip (done)"
        case .resume(let state): "resume (\(state.rawValue))"
        case .skipFailed: "skip (failed)"
        case .needsResolve: "skip (unknown: resolve)"
        case .overBudget: "not submitted (max-cost)"
        }
    }

    /// `text` padded with spaces to `width` (cut to it when longer, as `padding(toLength:)` does).
    private static func padded(_ text: String, _ width: Int) -> String {
        text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
