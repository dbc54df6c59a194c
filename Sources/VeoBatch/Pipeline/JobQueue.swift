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
    private let jobs: PlannedJobs?
    /// Indexes into `jobs`, in the order they are handed out.
    private let order: [Int]
    private var nextLeftover = 0
    private var nextJob = 0

    init(leftovers: [JobRecord], jobs: PlannedJobs? = nil, order: [Int] = []) {
        self.leftovers = leftovers
        self.jobs = jobs
        self.order = order
    }

    /// The next job, read from the plan when a worker is free to take it.
    func next() throws -> Next? {
        if nextLeftover < leftovers.count {
            defer { nextLeftover += 1 }
            return .leftover(leftovers[nextLeftover])
        }
        guard let jobs, nextJob < order.count else { return nil }
        defer { nextJob += 1 }
        return .job(try jobs.job(at: order[nextJob]), ordinal: nextJob)
    }

    /// The plan's indexes in manifest order, except that a job comes after every job of a row it
    /// takes as input, and the rows some job takes as input. Validation refuses cycles; a job
    /// whose input row is not among the jobs keeps its place (it settles as blocked or waits
    /// for a later run).
    static func dependenciesFirst(_ jobs: PlannedJobs) throws -> (indexes: [Int], inputRows: Set<String>) {
        var links: [(rowID: String, dependencies: [String])] = []
        links.reserveCapacity(jobs.count)
        try jobs.forEachOutline { _, job in links.append((job.rowID, job.dependencies)) }
        let rowsInRun = Set(links.map(\.rowID))
        var placed = Set<String>()
        var ordered: [Int] = []
        ordered.reserveCapacity(links.count)
        var waiting: [String: [Int]] = [:]

        func place(_ index: Int) {
            ordered.append(index)
            // A row counts as placed once its last take is (jobs of one row are adjacent).
            placed.insert(links[index].rowID)
            for dependant in waiting.removeValue(forKey: links[index].rowID) ?? [] {
                tryPlace(dependant)
            }
        }
        func tryPlace(_ index: Int) {
            let job = links[index]
            if let missing = job.dependencies.first(where: { rowsInRun.contains($0) && !placed.contains($0) && $0 != job.rowID }) {
                waiting[missing, default: []].append(index)
            } else {
                place(index)
            }
        }
        for index in links.indices {
            tryPlace(index)
        }
        // Anything still waiting names a row that never got placed (a cycle validation missed):
        // keep it rather than drop a job.
        ordered.append(contentsOf: waiting.values.joined())
        return (ordered, Set(links.flatMap(\.dependencies)))
    }
}
