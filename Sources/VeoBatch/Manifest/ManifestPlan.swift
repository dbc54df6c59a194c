import Foundation
import Logging

/// What `veobatch plan` shows: per job the endpoint, the inputs, the body that would be sent (local
/// files shown as their paths), the table's price, and — when an API client is given — the price
/// from RunningHub's price-preview route. Nothing is uploaded or submitted.
public struct ManifestPlan: Sendable {
    public struct Job: Sendable, Hashable {
        public var spec: JobSpec
        /// Doc name of the endpoint.
        public var model: String
        /// The submit body with media fields shown as local paths, URLs or `@ROW`.
        public var body: JSONValue
        /// The embedded table's list price, in `ManifestPlan.currency` (CNY), unverified.
        public var estimatedPrice: Decimal?
        /// RunningHub's own price for this body, in the currency its answer names.
        public var previewPrice: Money?
        public var previewError: String?
    }

    public var manifestPath: String
    public var currency: String
    public var jobs: [Job]

    public var estimatedTotal: Decimal { jobs.reduce(Decimal(0)) { $0 + ($1.estimatedPrice ?? 0) } }
    public var unpricedJobs: Int { jobs.count { $0.estimatedPrice == nil } }
    /// The sum of preview prices, when every job got one and all are in one currency.
    public var previewTotal: Money? {
        guard let first = jobs.first?.previewPrice else { return nil }
        var total = Money.zero(first.currency)
        for job in jobs {
            guard let price = job.previewPrice, let sum = total.adding(price) else { return nil }
            total = sum
        }
        return total
    }

    /// Builds the plan for validated jobs.
    ///
    /// `api` is the seam for live prices: nil (what `plan` passes until the client is wired) uses the
    /// table only. With a client, each distinct (endpoint, parameters) pair is previewed once — the
    /// price does not depend on the media — with local files and `@ROW` inputs replaced by
    /// placeholder https URLs, since planning uploads nothing. A failed preview keeps the table
    /// price and records the error; an auth or balance error stops further previews.
    public static func build(manifestPath: String, jobs specs: [JobSpec], table: EndpointTable,
                             api: (any RunningHubAPI)?, logger: Logger) async -> ManifestPlan {
        var jobs: [Job] = []
        var previews: [String: Result<Money, RunningHubError>] = [:]
        var stopReason: String?
        for spec in specs {
            let endpoint = table.endpoint(named: spec.endpoint)
            var job = Job(spec: spec, model: endpoint?.docName ?? spec.endpoint,
                          body: RequestBody.make(spec, media: displayValue), estimatedPrice: spec.estimatedCost)
            if let api {
                let key = spec.endpoint + " " + JSONValue.object(spec.parameters).canonicalString
                if previews[key] == nil, stopReason == nil {
                    do {
                        let preview = try await api.pricePreview(endpoint: spec.endpoint, body: RequestBody.make(spec, media: placeholderValue))
                        if let money = preview.money {
                            previews[key] = .success(money)
                        } else {
                            previews[key] = .failure(RunningHubError(category: .protocolViolation, message: "the answer named no currency", route: "price-preview/\(spec.endpoint)"))
                        }
                    } catch let error as RunningHubError where error.code == "1501" {
                        // At price-preview 1501 means "no price configured" (§A.3), not moderation.
                        previews[key] = .failure(RunningHubError(category: .notFound, code: "1501", message: "RunningHub has no price configured for this body (1501); the list price stands in, unverified", route: "price-preview/\(spec.endpoint)"))
                    } catch let error as RunningHubError {
                        logger.debug("price preview failed", metadata: ["row": "\(spec.rowID)", "error": "\(error)"])
                        previews[key] = .failure(error)
                        if error.category == .auth || error.category == .insufficientBalance {
                            stopReason = "no preview: \(error)"
                        }
                    } catch {
                        previews[key] = .failure(RunningHubError(category: .protocolViolation, message: "\(error)", route: "price-preview/\(spec.endpoint)"))
                    }
                }
                switch previews[key] {
                case .success(let price)?: job.previewPrice = price
                case .failure(let error)?: job.previewError = error.description
                case nil: job.previewError = stopReason
                }
            }
            jobs.append(job)
        }
        let currency = specs.first.flatMap { table.endpoint(named: $0.endpoint)?.price?.currency } ?? "CNY"
        return ManifestPlan(manifestPath: manifestPath, currency: currency, jobs: jobs)
    }

    static func displayValue(_ source: MediaSource) -> String {
        switch source {
        case .file(let path): return path
        case .url(let url): return url
        case .rowOutput(let id): return "@\(id)"
        }
    }

    static func placeholderValue(_ source: MediaSource) -> String {
        switch source {
        case .file(let path):
            let name = (path as NSString).lastPathComponent.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "file"
            return "https://placeholder.invalid/upload/\(name)"
        case .url(let url): return url
        case .rowOutput(let id): return "https://placeholder.invalid/row/\(id).mp4"
        }
    }
}
