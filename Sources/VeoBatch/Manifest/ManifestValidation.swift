import Foundation

/// The outcome of validating a manifest: every problem found, and — only when there is no
/// error — the jobs to submit.
public struct ManifestValidation: Sendable {
    /// The manifest as read (nil when it could not be read at all).
    public var manifest: Manifest?
    /// Every problem, ordered by line and column.
    public var diagnostics: [Diagnostic]
    /// One per take, in manifest order; empty when there is any error.
    public var jobs: [JobSpec]

    /// The rows the jobs come from, for reports, in manifest order: every row as written, each
    /// followed by the rows its `extend_times` stands for (`ROW-ext1` …, with the row's line and
    /// `x_*`/`note*` columns).
    public var rows: [ManifestRow]
    /// With `skipInvalid`: the rows set aside (their errors are in `diagnostics`); `jobs` and
    /// `rows` then hold the others.
    public var skippedRows: [SkippedRow] = []

    /// Whether a run may go ahead: no error, or `--skip-invalid` left some rows to render.
    public var canRun: Bool { isValid || !jobs.isEmpty }

    /// `rows` defaults to the manifest's rows as written.
    public init(manifest: Manifest?, diagnostics: [Diagnostic], jobs: [JobSpec], rows: [ManifestRow]? = nil) {
        self.manifest = manifest
        self.diagnostics = diagnostics
        self.jobs = jobs
        self.rows = rows ?? manifest?.rows ?? []
    }

    /// How many rows the manifest file has (without the ones `extend_times` generated).
    public var writtenRowCount: Int { manifest?.rows.count ?? 0 }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var isValid: Bool { errorCount == 0 }

    /// Sum of the jobs' table estimates; jobs without an estimate are counted in `unpricedJobs`.
    public var estimatedTotal: Decimal {
        jobs.reduce(Decimal(0)) { $0 + ($1.estimatedCost ?? 0) }
    }

    public var unpricedJobs: Int { jobs.count { $0.estimatedCost == nil } }
}
