import Foundation

/// Plans `run --dry-run` (the plan's shape is `DryRunPlan`, in Model/): reads the journal if
/// there is one, sends nothing.
enum DryRun {
    static func plan(configuration: BatchRunConfiguration, jobs: [JobSpec], tree: OutputTree, digests: [String: LocalFile]) throws -> RunOutcome {
        let journal = try Journal.openReadOnly(outputDirectory: tree.outputDirectory)
        let manifest = tree.manifestStem
        // Offline: only the embedded list prices (CNY) are at hand, so a limit must be in CNY.
        let limitCurrency = try configuration.maxCost.map { try $0.currency ?? journal?.accountCurrency() ?? .listPrices }
        if let limitCurrency, limitCurrency != .listPrices, let limit = configuration.maxCost {
            throw BatchRunError(
                "`run --dry-run` sends nothing, so it only has the embedded list prices, which are in CNY; --max-cost \(Money.text(limit.amount)) \(limitCurrency.code) cannot be compared with them (no exchange rates). Use `veobatch plan` with a key for RunningHub's own prices, or give the limit in CNY.")
        }
        let spent = try journal?.spent(in: limitCurrency).spent ?? Money.zero(limitCurrency ?? .listPrices)
        let prior = limitCurrency == nil ? 0 : spent.amount
        let maxCost = configuration.maxCost?.amount
        var budget = prior
        var budgetStopped = false
        var unpriced = 0
        var toSubmit: Decimal = 0
        /// Rows whose clip stays as it is, with that clip: `@ROW` jobs can be fingerprinted against them.
        var settledClips: [String: LocalFile] = [:]
        var entries: [DryRunPlan.Entry] = []
        for spec in jobs {
            let current = try journal?.currentJob(manifest: manifest, rowID: spec.rowID, take: spec.take)
            var action: DryRunPlan.Action
            if let current, current.state.hasLiveTask {
                action = .resume(current.state)
            } else if let waiting = spec.dependencies.first(where: { settledClips[$0] == nil }) {
                action = .submitAfter(rowID: waiting)
            } else {
                let inputs = try JobFlow.inputs(of: spec, digests: digests, clips: settledClips)
                let fingerprint = Fingerprint.of(endpoint: spec.endpoint, parameters: spec.parameters, inputs: inputs)
                action = decide(current: current, fingerprint: fingerprint, retryFailed: configuration.retryFailed)
            }
            if action == .skipDone, let current, spec.take == 1, let relative = current.outputPath, let sha256 = current.outputSHA256,
               let path = try? tree.absolute(fromOutputRelative: relative) {
                settledClips[spec.rowID] = LocalFile(path: path, sha256: sha256, size: current.outputSize ?? 0)
            }
            let submits: Bool
            switch action {
            case .submit, .retry, .submitAfter: submits = true
            default: submits = false
            }
            if submits {
                if budgetStopped {
                    action = .overBudget
                } else if let limit = maxCost, spec.estimatedCost.map({ budget + $0 > limit }) ?? true {
                    budgetStopped = true
                    action = .overBudget
                } else {
                    budget += spec.estimatedCost ?? 0
                    toSubmit += spec.estimatedCost ?? 0
                    if spec.estimatedCost == nil { unpriced += 1 }
                }
            }
            entries.append(DryRunPlan.Entry(rowID: spec.rowID, take: spec.take, outputName: spec.outputName, endpoint: spec.endpoint,
                                            estimatedCost: spec.estimatedCost, action: action))
        }
        let plan = DryRunPlan(entries: entries, alreadySpent: spent, toSubmit: toSubmit, unpriced: unpriced, maxCost: maxCost)
        let summaries = try jobs.map { spec -> RunOutcome.Job in
            let current = try journal?.currentJob(manifest: manifest, rowID: spec.rowID, take: spec.take)
            return RunOutcome.Job(rowID: spec.rowID, take: spec.take, outputName: spec.outputName, state: current?.state ?? .pending,
                                  taskID: current?.taskID, estimate: .listPrice(spec.estimatedCost), charge: current?.charge,
                                  outputPath: current?.outputPath, errorCode: current?.errorCode, errorMessage: current?.errorMessage,
                                  outputMissing: false)
        }
        return RunOutcome(manifest: manifest, takes: summaries, plan: plan)
    }

    /// The same decision `JobFlow` makes, without writing it down.
    static func decide(current: JobRecord?, fingerprint: String, retryFailed: Bool) -> DryRunPlan.Action {
        guard let current, current.fingerprint == fingerprint else { return .submit }
        switch current.state {
        case .done: return .skipDone
        case .failed, .expired: return retryFailed ? .retry : .skipFailed
        case .unknown, .submitting: return .needsResolve
        case .pending, .uploading, .blocked: return .submit
        case .queued, .running, .downloading, .timeout: return .resume(current.state)
        }
    }
}
