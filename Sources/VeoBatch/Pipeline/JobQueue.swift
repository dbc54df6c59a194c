/// The jobs of a run not yet picked up by a worker, in the order they are handed out: first the
/// superseded jobs whose task is still live (so a paid result is never left behind), then the
/// manifest's jobs with every job after the rows its `@ROW` inputs name.
///
/// Handing out parents before their dependants is what keeps the bounded worker set free of
/// deadlock: a worker that waits for an `@ROW` input waits only for a job another worker
/// already holds, and that job never waits for a later one.
actor JobQueue {
    enum Next: Sendable {
        /// A job no longer current whose task is still on RunningHub: followed, never submitted.
        case leftover(JobRecord)
        /// A manifest job; `ordinal` orders submit places.
        case job(JobSpec, ordinal: Int)
    }

    private let leftovers: [JobRecord]
    private let jobs: [JobSpec]
    private var nextLeftover = 0
    private var nextJob = 0

    init(leftovers: [JobRecord], jobs: [JobSpec]) {
        self.leftovers = leftovers
        self.jobs = jobs
    }

    func next() -> Next? {
        if nextLeftover < leftovers.count {
            defer { nextLeftover += 1 }
            return .leftover(leftovers[nextLeftover])
        }
        guard nextJob < jobs.count else { return nil }
        defer { nextJob += 1 }
        return .job(jobs[nextJob], ordinal: nextJob)
    }

    /// The jobs in manifest order, except that a job comes after every job of a row it takes as
    /// input. Validation refuses cycles; a job whose input row is not among the jobs keeps its
    /// place (it settles as blocked or waits for a later run).
    static func dependenciesFirst(_ jobs: [JobSpec]) -> [JobSpec] {
        let rowsInRun = Set(jobs.map(\.rowID))
        var placed = Set<String>()
        var remaining = jobs[...]
        var ordered: [JobSpec] = []
        ordered.reserveCapacity(jobs.count)
        var waiting: [String: [JobSpec]] = [:]

        func place(_ job: JobSpec) {
            ordered.append(job)
            // A row counts as placed once its last take is (jobs of one row are adjacent).
            placed.insert(job.rowID)
            for dependant in waiting.removeValue(forKey: job.rowID) ?? [] {
                tryPlace(dependant)
            }
        }
        func tryPlace(_ job: JobSpec) {
            if let missing = job.dependencies.first(where: { rowsInRun.contains($0) && !placed.contains($0) && $0 != job.rowID }) {
                waiting[missing, default: []].append(job)
            } else {
                place(job)
            }
        }
        while let job = remaining.popFirst() {
            tryPlace(job)
        }
        // Anything still waiting names a row that never got placed (a cycle validation missed):
        // keep it rather than drop a job.
        ordered.append(contentsOf: waiting.values.joined())
        return ordered
    }
}
