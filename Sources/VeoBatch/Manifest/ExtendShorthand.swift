import Foundation

/// `extend_times = N` on a row: "render this, then extend the result N times".
///
/// It expands here, during validation, into N ordinary rows `ROW-ext1 … ROW-extN`, each a
/// `video-extend` of the one before (`@ROW`, `@ROW-ext1`, …). The run, `plan`, `status` and the
/// reports therefore see plain jobs with plain `@ROW` dependencies, and the chain rules (at most 20
/// extensions, 148 s) apply to them exactly as to a chain written out by hand.
///
/// Each extension uses `extend_model` (default: the official extend of the row's tier), the
/// `extend_prompt` (default: the row's prompt), the row's resolution (extensions keep the clip's
/// resolution) and its negative prompt where the extend endpoint takes one. Extensions get no seed.
struct ExtendShorthand {
    let table: EndpointTable
    let manifest: Manifest

    /// `shot010-ext3`: the row id, and so the output folder and file stem, of extension 3.
    static func extensionID(base: String, index: Int) -> String {
        "\(base)-ext\(index)"
    }

    /// The rows `extend_times` on `base` stands for, in chain order; none when the row does not ask
    /// for extensions or when what it asks for is wrong (the problem is logged).
    func expand(_ base: CheckedRow, log: inout DiagnosticLog) -> [CheckedRow] {
        let row = base.row
        guard let timesText = row.value(.extendTimes) else {
            for column in [ManifestColumn.extendModel, .extendPrompt] where row.value(column) != nil {
                log.error(
                    line: row.line, column: number(column),
                    "\(column.name) only applies together with extend_times; set extend_times to the number of extensions or leave \(column.name) empty"
                )
            }
            return []
        }
        let timesColumn = number(.extendTimes)
        guard let count = Int(timesText), (1...VideoExtendRules.maxExtensions).contains(count) else {
            log.error(
                line: row.line, column: timesColumn,
                "extend_times must be a whole number from 1 to \(VideoExtendRules.maxExtensions) (Veo extends a clip at most \(VideoExtendRules.maxExtensions) times), not '\(timesText)'"
            )
            return []
        }
        // A missing or bad id or model is already reported; without them there is nothing to extend.
        guard let endpoint = base.endpoint, !row.id.isEmpty, RowChecker.idProblem(row.id) == nil else { return [] }
        if base.takes > 1 {
            log.error(
                line: row.line, column: timesColumn,
                "extend_times cannot be combined with takes \(base.takes): a chain of extensions follows one clip; render the takes in a row of their own, then extend the one you like with a video-extend row (video = @ROW)"
            )
            return []
        }
        guard let extend = extendEndpoint(for: endpoint, row: row, log: &log),
            let parameters = parameters(for: base, extend: extend, endpoint: endpoint, log: &log),
            let videoField = extend.field("video")
        else { return [] }

        var previous = row.id
        return (1...count).map { index in
            let id = Self.extensionID(base: row.id, index: index)
            var values: [ManifestColumn: String] = [.id: id, .model: extend.path, .video: "@" + previous]
            if let prompt = parameters["prompt"]?.stringValue { values[.prompt] = prompt }
            var checked = CheckedRow(row: ManifestRow(line: row.line, values: values, carried: row.carried, fieldCount: row.fieldCount))
            checked.endpoint = extend
            checked.parameters = parameters
            checked.media = [PendingMedia(column: .video, columnNumber: timesColumn, field: videoField, written: "@" + previous, source: .rowOutput(rowID: previous))]
            checked.origin = .extendTimes(base: row.id, index: index, count: count)
            previous = id
            return checked
        }
    }

    private func number(_ column: ManifestColumn) -> Int {
        manifest.columnNumber(column) ?? 1
    }

    private func extendEndpoint(for endpoint: Endpoint, row: ManifestRow, log: inout DiagnosticLog) -> Endpoint? {
        let choices = table.extendEndpoints.flatMap { [$0.path, $0.docName] }
        guard let name = row.value(.extendModel) else {
            if let found = table.defaultExtend(for: endpoint) { return found }
            log.error(
                line: row.line, column: number(.extendTimes),
                "the endpoint table has no official video-extend endpoint for \(endpoint.docName); name one in an extend_model column (\(choices.joined(separator: ", ")))"
            )
            return nil
        }
        guard let found = table.endpoint(named: name) else {
            var message = "unknown extend_model '\(name)'"
            if let hint = NameSuggestion.closest(to: name, in: choices) {
                message += ": did you mean '\(hint)'?"
            } else {
                message += "; use a video-extend endpoint: \(choices.joined(separator: ", "))"
            }
            log.error(line: row.line, column: number(.extendModel), message)
            return nil
        }
        guard found.kind == .videoExtend else {
            log.error(
                line: row.line, column: number(.extendModel),
                "extend_model '\(name)' is a \(found.kind.rawValue) endpoint; extensions need a video-extend endpoint: \(choices.joined(separator: ", "))"
            )
            return nil
        }
        return found
    }

    /// The body fields every extension shares: prompt, resolution, negative prompt.
    private func parameters(for base: CheckedRow, extend: Endpoint, endpoint: Endpoint, log: inout DiagnosticLog) -> [String: JSONValue]? {
        let row = base.row
        var parameters: [String: JSONValue] = [:]
        var valid = true
        let promptColumn: ManifestColumn = row.value(.extendPrompt) != nil ? .extendPrompt : .prompt
        if let prompt = row.value(promptColumn), let field = extend.field("prompt") {
            let length = prompt.count
            if let minimum = field.minLength, length < minimum {
                log.error(
                    line: row.line, column: number(promptColumn),
                    "\(promptColumn.name) is \(length) characters long; the extensions (\(extend.docName)) need a prompt of at least \(minimum) characters"
                )
                valid = false
            } else if let maximum = field.maxLength, length > maximum {
                log.error(
                    line: row.line, column: number(promptColumn),
                    "\(promptColumn.name) is \(length) characters long; the extensions (\(extend.docName)) take at most \(maximum); set a shorter extend_prompt"
                )
                valid = false
            } else {
                parameters["prompt"] = .string(prompt)
            }
        }
        if let field = extend.field("resolution"),
            let current = (base.parameters["resolution"] ?? endpoint.field("resolution")?.defaultValue)?.stringValue
        {
            if let option = field.options.first(where: { $0.caseInsensitiveCompare(current) == .orderedSame }) {
                parameters["resolution"] = .string(option)
            } else {
                let column = row.value(.resolution) != nil ? number(.resolution) : number(.extendTimes)
                log.error(
                    line: row.line, column: column,
                    "extensions keep the clip's resolution, and \(extend.docName) takes \(field.options.joined(separator: " or ")), not \(current); render this row at one of those to extend it"
                )
                valid = false
            }
        }
        if let negative = base.parameters["negativePrompt"], extend.field("negativePrompt") != nil {
            parameters["negativePrompt"] = negative
        }
        return valid ? parameters : nil
    }
}
