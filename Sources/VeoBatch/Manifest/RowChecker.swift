import Foundation

/// Checks one row's own values against its endpoint and types them for the wire. Checks that need
/// other rows (`@ROW`, unique ids) or the disk (files) happen in `ManifestValidator`.
struct RowChecker {
    /// Most takes one row may ask for: each take is a paid job, and 20 already covers any
    /// "pick the best of N" habit; more is almost certainly a typo (200 for 20).
    static let maxTakes = 20
    static let maxIDLength = 64

    let table: EndpointTable
    let manifest: Manifest
    let mediaRoot: String
    /// The "unknown model" message per distinct value: a typo pasted into 10,000 rows must cost one
    /// "did you mean" search, not 10,000.
    private var unknownModelMessages: [String: String] = [:]

    init(table: EndpointTable, manifest: Manifest, mediaRoot: String) {
        self.table = table
        self.manifest = manifest
        self.mediaRoot = mediaRoot
    }

    mutating func check(_ row: ManifestRow, log: inout DiagnosticLog) -> CheckedRow {
        var checked = CheckedRow(row: row)
        checkFieldCount(row, log: &log)
        checkID(row, log: &log)
        checked.endpoint = checkModel(row, log: &log)
        checked.takes = checkTakes(row, log: &log)

        for (column, _) in ColumnMapping.candidates {
            guard let value = row.value(column) else { continue }
            let number = columnNumber(column)
            var field: EndpointField?
            if let endpoint = checked.endpoint {
                field = ColumnMapping.field(for: column, on: endpoint)
                if field == nil {
                    log.error(line: row.line, column: number,
                              "column '\(column.name)' is not taken by \(endpoint.docName); leave it empty for this row or choose a model that takes it")
                    continue
                }
            }
            if column.isMedia {
                checked.media += parseMedia(value, column: column, field: field, endpoint: checked.endpoint, row: row, log: &log)
            } else if let field, let typed = typedValue(value, column: column, field: field, endpoint: checked.endpoint, row: row, log: &log) {
                checked.parameters[field.key] = typed
            }
        }
        if let endpoint = checked.endpoint {
            checkSharedField(checked, endpoint: endpoint, log: &log)
            checkRequiredFields(checked, endpoint: endpoint, log: &log)
        }
        return checked
    }

    func columnNumber(_ column: ManifestColumn) -> Int {
        manifest.columnNumber(column) ?? 1
    }

    // MARK: - Row shape, id, model, takes

    private func checkFieldCount(_ row: ManifestRow, log: inout DiagnosticLog) {
        let expected = manifest.headerNames.count
        if row.fieldCount > expected {
            log.error(line: row.line, column: expected + 1,
                      "this row has \(row.fieldCount) fields but the header has \(expected) columns; quote values that contain commas")
        } else if row.fieldCount < expected {
            log.error(line: row.line, column: row.fieldCount + 1,
                      "this row has \(row.fieldCount) fields but the header has \(expected) columns; every row needs a field for each column (empty is fine)")
        }
    }

    private func checkID(_ row: ManifestRow, log: inout DiagnosticLog) {
        let number = columnNumber(.id)
        guard let id = row.value(.id) else {
            log.error(line: row.line, column: number, "the row has no id; give every row a unique id made of letters, digits, '.', '_' and '-'")
            return
        }
        if let problem = Self.idProblem(id) {
            log.error(line: row.line, column: number, problem)
        }
    }

    /// Why `id` cannot name a row (and its output files), or nil.
    static func idProblem(_ id: String) -> String? {
        if id == "." || id == ".." {
            return "id '\(id)' is not allowed: it would name a folder, not a file"
        }
        if id.count > maxIDLength {
            return "id '\(id)' is \(id.count) characters long; ids are at most \(maxIDLength) characters"
        }
        if !PortableName.isMadeOfAllowed(id.utf8) {
            return "id '\(id)' may contain only letters A–Z and a–z, digits, '.', '_' and '-'"
        }
        return nil
    }

    private mutating func checkModel(_ row: ManifestRow, log: inout DiagnosticLog) -> Endpoint? {
        let number = columnNumber(.model)
        guard let model = row.value(.model) else {
            log.error(line: row.line, column: number, "the row has no model; name an endpoint by its doc name or path (`veobatch models` lists them)")
            return nil
        }
        if let endpoint = table.endpoint(named: model) {
            if let delisting = endpoint.delisting {
                let instead = delisting.replacement.map { "; use '\($0)' instead" } ?? ""
                log.warning(line: row.line, column: number,
                            "model '\(model)' is delisted (\(delisting.note))\(instead); it is still sent if you keep it, and the server may refuse it")
            }
            return endpoint
        }
        if let message = unknownModelMessages[model] {
            log.error(line: row.line, column: number, message)
            return nil
        }
        let message = if let hint = NameSuggestion.closest(to: model, in: table.allNames) {
            "unknown model '\(model)': did you mean '\(hint)'?"
        } else {
            "unknown model '\(model)'; `veobatch models` lists the \(table.endpoints.count) endpoints by doc name and path"
        }
        unknownModelMessages[model] = message
        log.error(line: row.line, column: number, message)
        return nil
    }

    private func checkTakes(_ row: ManifestRow, log: inout DiagnosticLog) -> Int {
        guard let text = row.value(.takes) else { return 1 }
        guard let takes = Int(text), (1...Self.maxTakes).contains(takes) else {
            log.error(line: row.line, column: columnNumber(.takes), "takes must be a whole number from 1 to \(Self.maxTakes), not '\(text)'")
            return 1
        }
        return takes
    }

    // MARK: - Values

    private func typedValue(_ value: String, column: ManifestColumn, field: EndpointField, endpoint: Endpoint?,
                            row: ManifestRow, log: inout DiagnosticLog) -> JSONValue? {
        let number = columnNumber(column)
        let model = endpoint?.docName ?? "this model"
        switch field.type {
        case .list:
            if let option = field.options.first(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) {
                return .string(option)
            }
            log.error(line: row.line, column: number,
                      "\(column.name) '\(value)' is not allowed by \(model); use one of \(field.options.joined(separator: ", "))")
        case .boolean:
            switch value.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: log.error(line: row.line, column: number, "\(column.name) must be true or false, not '\(value)'")
            }
        case .int:
            guard let number64 = Int64(value) else {
                log.error(line: row.line, column: number, "\(column.name) must be a whole number, not '\(value)'")
                return nil
            }
            let range = SeedPlan.allowedRange(field)
            guard range.contains(number64) else {
                log.error(line: row.line, column: number,
                          "\(column.name) \(value) is out of range; \(model) takes \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return .int(number64)
        case .string:
            let length = value.count
            if let minimum = field.minLength, length < minimum {
                log.error(line: row.line, column: number,
                          "\(column.name) is \(length) characters long; \(model) needs at least \(minimum)")
                return nil
            }
            if let maximum = field.maxLength, length > maximum {
                log.error(line: row.line, column: number,
                          "\(column.name) is \(length) characters long; \(model) takes at most \(maximum)")
                return nil
            }
            return .string(value)
        case .image, .video:
            return nil
        }
        return nil
    }

    private func parseMedia(_ value: String, column: ManifestColumn, field: EndpointField?, endpoint: Endpoint?,
                            row: ManifestRow, log: inout DiagnosticLog) -> [PendingMedia] {
        let number = columnNumber(column)
        var items: [String]
        if column == .referenceImages {
            items = value.split(separator: ";").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            let limit = field?.maxInputs ?? 3
            if items.count > limit {
                let model = endpoint?.docName ?? "an endpoint"
                log.error(line: row.line, column: number,
                          "reference_images lists \(items.count) images; \(model) takes at most \(limit)")
                // Only the first ones are checked further: a hostile cell listing a million
                // images must not turn into a million file checks and diagnostics.
                items = Array(items.prefix(limit))
            }
        } else {
            items = [value]
        }
        var pending: [PendingMedia] = []
        for item in items {
            let source = MediaCell.source(of: item, mediaRoot: mediaRoot)
            switch source {
            case .rowOutput(let target):
                if column != .video {
                    log.error(line: row.line, column: number,
                              "'\(item)' can only be used in the video column: @ROW stands for another row's rendered clip")
                    continue
                }
                if target.isEmpty {
                    log.error(line: row.line, column: number, "'@' must be followed by the id of another row, e.g. @shot010")
                    continue
                }
            case .url(let url):
                if let problem = MediaCell.urlProblem(url) {
                    log.error(line: row.line, column: number, problem)
                    continue
                }
            case .file:
                break
            }
            pending.append(PendingMedia(column: column, columnNumber: number, field: field, written: item, source: source))
        }
        return pending
    }

    // MARK: - Whole-row rules

    /// `first_frame` and `reference_images` both fill `imageUrls` on the low-price image-to-video endpoints.
    private func checkSharedField(_ checked: CheckedRow, endpoint: Endpoint, log: inout DiagnosticLog) {
        var seen: [String: ManifestColumn] = [:]
        for media in checked.media {
            guard let key = media.field?.key else { continue }
            if let other = seen[key], other != media.column {
                log.error(line: checked.row.line, column: media.columnNumber,
                          "\(other.name) and \(media.column.name) both fill \(key) on \(endpoint.docName); use one of them")
                return
            }
            seen[key] = media.column
        }
    }

    private func checkRequiredFields(_ checked: CheckedRow, endpoint: Endpoint, log: inout DiagnosticLog) {
        let row = checked.row
        for field in endpoint.fields where field.isRequired {
            let present = checked.parameters[field.key] != nil
                || field.defaultValue != nil
                || checked.media.contains { $0.field?.key == field.key }
                || ColumnMapping.columns(filling: field.key, on: endpoint).contains { row.value($0) != nil }
            if present { continue }
            let columns = ColumnMapping.columns(filling: field.key, on: endpoint)
            let names = columns.map(\.name).joined(separator: " or ")
            let reportColumn = columns.first(where: { manifest.columnNumber($0) != nil }).map(columnNumber) ?? columnNumber(.model)
            var message: String
            if field.key == "prompt" {
                message = "\(endpoint.docName) needs a prompt (\(field.minLength ?? 1) to \(field.maxLength.map(String.init) ?? "any number of") characters); this row leaves it empty"
            } else if columns.isEmpty {
                message = "\(endpoint.docName) needs the body field \(field.key), which no manifest column fills"
            } else {
                message = "\(endpoint.docName) needs \(names) (body field \(field.key)); this row leaves it empty"
            }
            if !columns.isEmpty, !columns.contains(where: { manifest.columnNumber($0) != nil }) {
                message += "; add a \(columns[0].name) column"
            }
            log.error(line: row.line, column: reportColumn, message)
        }
    }
}
