import Foundation
import Logging

/// Live estimates for one run: each distinct priced body (endpoint and parameters, without the
/// prompt and seed, which do not change the price) is priced once through price-preview, which
/// is free and validates without running (runninghub-api.md §A.3). Answers are kept in the
/// journal for the run. When price-preview has no price (`1501`: no price configured, §A.3) or
/// fails, the embedded list price stands in, marked unverified.
actor PriceBook {
    private let api: any RunningHubAPI
    private let journal: Journal
    private let runStarted: Date
    private let logger: Logger
    /// Per priced body: the live price, or nil with why there is none (then each job's own list
    /// price stands in).
    private var known: [String: Task<Answer, Never>] = [:]

    enum Answer: Sendable {
        case live(PriceEstimate)
        case none(note: String)
    }

    init(api: any RunningHubAPI, journal: Journal, runStarted: Date, logger: Logger) {
        self.api = api
        self.journal = journal
        self.runStarted = runStarted
        self.logger = logger
    }

    /// Body fields that never change a price: they are left out of the key.
    static let unpricedFields: Set<String> = ["prompt", "negativePrompt", "seed"]

    static func key(_ spec: JobSpec) -> String {
        spec.endpoint + " " + JSONValue.object(spec.parameters.filter { !unpricedFields.contains($0.key) }).canonicalString
    }

    /// The estimate for `spec`: live when price-preview answers, else the list price (or nil).
    func estimate(_ spec: JobSpec) async -> PriceEstimate? {
        let key = Self.key(spec)
        let task: Task<Answer, Never>
        if let known = known[key] {
            task = known
        } else {
            let api = self.api, journal = self.journal, since = runStarted, logger = self.logger
            task = Task<Answer, Never> {
                if let cached = try? journal.cachedPrice(key: key, since: since), cached.source == .pricePreview { return .live(cached) }
                let answer = await Self.preview(spec, api: api, logger: logger)
                if case .live(let estimate) = answer {
                    do {
                        try journal.storePrice(key: key, endpoint: spec.endpoint, estimate: estimate)
                    } catch {
                        logger.notice("Could not keep a price in the journal", metadata: ["error": "\(error)"])
                    }
                }
                return answer
            }
            known[key] = task
        }
        switch await task.value {
        case .live(let estimate): return estimate
        case .none(let note): return .listPrice(spec.estimatedCost, note: note)
        }
    }

    private static func preview(_ spec: JobSpec, api: any RunningHubAPI, logger: Logger) async -> Answer {
        let body = RequestBody.make(spec, media: ManifestPlan.placeholderValue)
        do {
            let answer = try await api.pricePreview(endpoint: spec.endpoint, body: body)
            guard let money = answer.money else { return .none(note: "price-preview named no currency") }
            return .live(PriceEstimate(money: money, source: .pricePreview))
        } catch let error as RunningHubError where error.code == "1501" {
            return .none(note: "price-preview has no price configured for this body (1501)")
        } catch {
            logger.notice("price-preview failed; the list price stands in", metadata: ["row": "\(spec.rowID)", "error": "\(error)"])
            return .none(note: "price-preview failed: \(error)")
        }
    }
}
