import Foundation

/// Turns checked rows into the jobs the run submits: one per take, the table's defaults applied,
/// seeds spread over takes, media inputs filled in, and the table's price estimate.
enum ManifestJobBuilder {
    static func jobs(for row: CheckedRow) -> [JobSpec] {
        guard let endpoint = row.endpoint else { return [] }
        var parameters = row.parameters
        for field in endpoint.fields where parameters[field.key] == nil {
            if let value = field.defaultValue { parameters[field.key] = value }
        }
        let media = row.media.compactMap { pending -> MediaInput? in
            guard let field = pending.field else { return nil }
            return MediaInput(field: field.key, isList: field.isList, source: pending.source)
        }
        let seedField = endpoint.field("seed")
        let givenSeed: Int64? = if case .int(let value)? = parameters["seed"] { value } else { nil }
        let id = row.row.id
        return (1...max(1, row.takes)).map { take in
            var takeParameters = parameters
            if let seedField {
                if let seed = SeedPlan.seed(take: take, of: row.takes, given: givenSeed, rowID: id, field: seedField) {
                    takeParameters["seed"] = .int(seed)
                } else {
                    takeParameters.removeValue(forKey: "seed")
                }
            }
            return JobSpec(
                rowID: id, take: take, endpoint: endpoint.path, parameters: takeParameters, media: media,
                estimatedCost: endpoint.estimatedPrice(parameters: takeParameters),
                outputName: take == 1 ? id : "\(id)-take\(take)", line: row.row.line)
        }
    }
}
