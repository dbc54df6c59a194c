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

    public init(manifest: Manifest?, diagnostics: [Diagnostic], jobs: [JobSpec]) {
        self.manifest = manifest
        self.diagnostics = diagnostics
        self.jobs = jobs
    }

    /// The rows as written, for reports.
    public var rows: [ManifestRow] { manifest?.rows ?? [] }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var isValid: Bool { errorCount == 0 }

    /// Sum of the jobs' table estimates; jobs without an estimate are counted in `unpricedJobs`.
    public var estimatedTotal: Decimal {
        jobs.reduce(Decimal(0)) { $0 + ($1.estimatedCost ?? 0) }
    }

    public var unpricedJobs: Int { jobs.count { $0.estimatedCost == nil } }
}
