import Foundation
import Logging

/// Checks a whole manifest in one pass — header, every row's values against its endpoint, ids,
/// `@ROW` references, and every local file (exists, regular, readable, non-empty, type by content,
/// size) — and collects every problem instead of stopping at the first. Never touches the network.
public struct ManifestValidator: Sendable {
    public let table: EndpointTable
    public let detector: any FileTypeDetecting
    public let logger: Logger
    /// `run --skip-invalid`: with errors, still build the jobs of the rows that are fine
    /// (`ManifestValidation.skippedRows` lists the others). Off: any error means no jobs.
    public var skipInvalid = false

    public init(table: EndpointTable, detector: any FileTypeDetecting, logger: Logger) {
        self.table = table
        self.detector = detector
        self.logger = logger
    }

    /// Reads and validates the manifest at `path`. Relative media paths resolve against `mediaRoot`,
    /// or the manifest's folder when nil.
    public func validate(manifestAt path: String, mediaRoot: String? = nil) -> ManifestValidation {
        var read = ManifestReader.read(path: path)
        let folder = Self.absolute((path as NSString).deletingLastPathComponent)
        if let mediaRoot {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: mediaRoot, isDirectory: &isDirectory) || !isDirectory.boolValue {
                read.diagnostics.insert(Diagnostic(
                    path: path, line: nil, column: nil, severity: .error,
                    message: "the media root '\(mediaRoot)' is not a folder; relative media paths cannot be resolved (check --media-root)"), at: 0)
            }
        }
        return validate(read, mediaRoot: mediaRoot.map(Self.absolute) ?? folder)
    }

    /// Validates manifest bytes already in memory; `path` names them in diagnostics.
    public func validate(data: Data, path: String, mediaRoot: String) -> ManifestValidation {
        validate(ManifestReader.parse(data: data, path: path), mediaRoot: Self.absolute(mediaRoot))
    }

    private func validate(_ read: ManifestReader.Result, mediaRoot: String) -> ManifestValidation {
        guard let manifest = read.manifest else {
            return ManifestValidation(manifest: nil, diagnostics: read.diagnostics, jobs: [])
        }
        var log = DiagnosticLog(path: manifest.path)
        log.append(contentsOf: read.diagnostics)
        let idOrModelMissing = ManifestColumn.required.contains { manifest.columnNumber($0) == nil }
        if idOrModelMissing {
            // Without ids or models no row can be checked meaningfully; the header error says why.
            return finish(manifest, log: log, jobs: [])
        }

        var checker = RowChecker(table: table, manifest: manifest, mediaRoot: mediaRoot)
        let shorthand = ExtendShorthand(table: table, manifest: manifest)
        var checked: [CheckedRow] = []
        checked.reserveCapacity(manifest.rows.count)
        for row in manifest.rows {
            let written = checker.check(row, log: &log)
            checked.append(written)
            // `extend_times` rows follow their row, so jobs stay in manifest order.
            checked += shorthand.expand(written, log: &log)
        }
        checkUniqueIDs(checked, checker: checker, log: &log)
        RowReferenceCheck.check(checked, log: &log)
        ExtendChainCheck.check(checked, log: &log)
        checkFiles(checked, mediaRoot: mediaRoot, log: &log)

        var jobs = log.hasErrors ? [] : checked.flatMap(ManifestJobBuilder.jobs(for:))
        var rows = checked.map(\.row)
        var skipped: [SkippedRow] = []
        if log.hasErrors, skipInvalid, let partition = InvalidRowSkip.partition(checked, diagnostics: log.items) {
            jobs = partition.valid.flatMap(ManifestJobBuilder.jobs(for:))
            rows = partition.valid.map(\.row)
            skipped = partition.skipped
        }
        logger.debug("validated manifest", metadata: [
            "manifest": "\(manifest.path)", "rows": "\(manifest.rows.count)", "jobs": "\(jobs.count)",
            "diagnostics": "\(log.items.count)",
        ])
        var validation = finish(manifest, log: log, jobs: jobs, rows: rows)
        validation.skippedRows = skipped
        return validation
    }

    private func finish(_ manifest: Manifest, log: DiagnosticLog, jobs: [JobSpec], rows: [ManifestRow]? = nil) -> ManifestValidation {
        let sorted = log.items.enumerated().sorted { a, b in
            Diagnostic.byPosition(a.element, b.element) || (!Diagnostic.byPosition(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
        return ManifestValidation(manifest: manifest, diagnostics: sorted, jobs: jobs, rows: rows)
    }

    /// Ids name output folders and files, so they must be unique — also ignoring case (macOS and
    /// SMB shares fold case) — and no id may equal another row's take name (`a-take2`) or the name
    /// `extend_times` gives one of its extensions (`a-ext1`).
    private func checkUniqueIDs(_ rows: [CheckedRow], checker: RowChecker, log: inout DiagnosticLog) {
        var first: [String: CheckedRow] = [:]
        for row in rows {
            let id = row.row.id
            guard !id.isEmpty else { continue }
            guard let earlier = first[id.lowercased()] else {
                first[id.lowercased()] = row
                continue
            }
            let column = checker.columnNumber(row.origin == .written ? .id : .extendTimes)
            if let generated = Self.generatedName(row) ?? Self.generatedName(earlier) {
                let written = row.origin == .written ? row : earlier
                log.error(line: row.row.line, column: column,
                          "id '\(written.row.id)' (line \(written.row.line)) is also the name extend_times gives extension \(generated.index) of row '\(generated.base)'; rename the row or lower extend_times")
            } else if earlier.row.id == id {
                log.error(line: row.row.line, column: column,
                          "id '\(id)' is already used by the row on line \(earlier.row.line); ids must be unique")
            } else {
                log.error(line: row.row.line, column: column,
                          "id '\(id)' differs from '\(earlier.row.id)' (line \(earlier.row.line)) only in case; their outputs would clash on case-insensitive disks")
            }
        }
        for row in rows where row.takes > 1 {
            for take in 2...row.takes {
                let name = "\(row.row.id)-take\(take)"
                guard let other = first[name.lowercased()] else { continue }
                log.error(line: other.row.line, column: checker.columnNumber(other.origin == .written ? .id : .extendTimes),
                          "id '\(other.row.id)' is also the output name of take \(take) of row '\(row.row.id)' (line \(row.row.line)); rename the row or lower its takes")
            }
        }
    }

    private static func generatedName(_ row: CheckedRow) -> (base: String, index: Int)? {
        if case .extendTimes(let base, let index, _) = row.origin { return (base, index) }
        return nil
    }

    /// Inspects each distinct file once, then checks each use against its field's formats and size.
    private func checkFiles(_ rows: [CheckedRow], mediaRoot: String, log: inout DiagnosticLog) {
        var order: [String] = []
        var written: [String] = []
        var seen: Set<String> = []
        for row in rows {
            for media in row.media {
                guard case .file(let path) = media.source, seen.insert(path).inserted else { continue }
                order.append(path)
                written.append(media.written)
            }
        }
        let inspector = MediaFileInspector(detector: detector, mediaRoot: mediaRoot)
        let findings = Dictionary(uniqueKeysWithValues: zip(order, inspector.inspect(order, writtenAs: written)))
        for row in rows {
            for media in row.media {
                guard case .file(let path) = media.source, let finding = findings[path] else { continue }
                let name = media.written
                switch finding {
                case .problem(let message):
                    log.error(line: row.row.line, column: media.columnNumber, message)
                case .usable(let size, let type):
                    guard let field = media.field else { continue }
                    checkUse(name: name, size: size, type: type, field: field, line: row.row.line, column: media.columnNumber, log: &log)
                }
            }
        }
    }

    private func checkUse(name: String, size: Int64, type: DetectedFileType, field: EndpointField,
                          line: Int, column: Int, log: inout DiagnosticLog) {
        if !field.acceptedMIMETypes.isEmpty, !field.acceptedMIMETypes.contains(type.mimeType) {
            log.error(line: line, column: column,
                      "file '\(name)' is \(type.mimeType) by its content (\(type.description)); \(field.key) takes \(field.acceptedFormats.joined(separator: ", "))")
            return
        }
        if let suggested = MediaFileInspector.mimeTypeSuggested(byName: name), suggested != type.mimeType {
            log.warning(line: line, column: column,
                        "file '\(name)' is \(type.mimeType) by its content, not \(suggested) as its name says; it will be sent as \(type.mimeType)")
        }
        if let limit = field.maxSizeBytes, size > limit {
            let megabytes = String(format: "%.1f", Double(size) / 1_048_576)
            log.error(line: line, column: column,
                      "file '\(name)' is \(megabytes) MB; \(field.key) takes at most \(field.maxSizeText) MB per file")
        }
    }

    static func absolute(_ path: String) -> String {
        let base = path.isEmpty ? "." : path
        return URL(fileURLWithPath: base).absoluteURL.standardizedFileURL.path
    }
}
