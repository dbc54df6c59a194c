import Foundation

/// How `veobatch plan` prints a plan: readable text or JSON for scripts.
extension ManifestPlan {
    public var text: String {
        var lines: [String] = []
        for job in jobs {
            let spec = job.spec
            var price = job.estimatedPrice.map { "\(PriceFormat.format($0)) \(currency) list price" } ?? "no list price"
            if let preview = job.previewPrice { price = "\(preview.amountText) \(preview.currency.code) (price-preview; \(price))" } else { price += " (unverified)" }
            lines.append("\(spec.outputName)  line \(spec.line)  take \(spec.take)  \(job.model)  \(price)")
            lines.append("  POST /openapi/v2/\(spec.endpoint)")
            lines.append("  body \(job.body.canonicalString)")
            for input in spec.media {
                lines.append("  input \(input.field) ← \(Self.displayValue(input.source))")
            }
            if let error = job.previewError { lines.append("  preview failed: \(error)") }
        }
        var total = "Total: \(jobs.count) job\(jobs.count == 1 ? "" : "s"), \(PriceFormat.format(estimatedTotal)) \(currency) at list prices (the embedded 2026-04 table, unverified)"
        if unpricedJobs > 0 { total += " (\(unpricedJobs) without a list price)" }
        if let preview = previewTotal { total += "; \(preview.amountText) \(preview.currency.code) by RunningHub's price-preview" }
        lines.append(total)
        return lines.joined(separator: "\n")
    }

    public var json: JSONValue {
        let jobValues: [JSONValue] = jobs.map { job in
            let spec = job.spec
            var object: [String: JSONValue] = [
                "row": .string(spec.rowID),
                "take": .int(Int64(spec.take)),
                "line": .int(Int64(spec.line)),
                "outputName": .string(spec.outputName),
                "model": .string(job.model),
                "endpoint": .string(spec.endpoint),
                "body": job.body,
                "inputs": .array(spec.media.map { input in
                    .object(["field": .string(input.field), "source": .string(Self.displayValue(input.source)),
                             "kind": .string(Self.kind(input.source))])
                }),
                "estimatedPrice": job.estimatedPrice.map { .double(PriceFormat.jsonNumber($0)) } ?? .null,
            ]
            object["listPrice"] = job.estimatedPrice.map { .object(["amount": .string(Money.text($0)), "currency": .string(currency)]) } ?? .null
            if let preview = job.previewPrice {
                object["previewPrice"] = .object(["amount": .string(preview.amountText), "currency": .string(preview.currency.code)])
            }
            if let error = job.previewError { object["previewError"] = .string(error) }
            return .object(object)
        }
        var root: [String: JSONValue] = [
            "manifest": .string(manifestPath),
            "currency": .string(currency),
            "jobs": .array(jobValues),
            "estimatedTotal": .double(PriceFormat.jsonNumber(estimatedTotal)),
            "unpricedJobs": .int(Int64(unpricedJobs)),
        ]
        if let preview = previewTotal {
            root["previewTotal"] = .object(["amount": .string(preview.amountText), "currency": .string(preview.currency.code)])
        }
        return .object(root)
    }

    public var jsonString: String { ModelsListing.prettyPrinted(json) }

    private static func kind(_ source: MediaSource) -> String {
        switch source {
        case .file: return "file"
        case .url: return "url"
        case .rowOutput: return "row"
        }
    }
}
