/// Checks the jobs a run is handed for what would make the pipeline misbehave: duplicate takes,
/// `@ROW` references to rows that are not there or that loop, names that cannot be files.
/// Validation already rejects all of these; the run defends itself anyway.
enum JobCheck {
    static func check(_ jobs: PlannedJobs, tree: OutputTree) throws {
        var takes = Set<String>()
        var outputNames = Set<String>()
        var dependencies: [String: Set<String>] = [:]
        var uses: [(rowID: String, line: Int, dependency: String)] = []
        try jobs.forEachOutline { _, job in
            guard takes.insert("\(job.rowID)\u{0}\(job.take)").inserted else {
                throw BatchRunError("Row \(job.rowID) (line \(job.line)) has take \(job.take) twice; row ids must be unique in a manifest.")
            }
            guard outputNames.insert("\(job.rowID)\u{0}\(job.outputName)").inserted else {
                throw BatchRunError("Row \(job.rowID) (line \(job.line)) names two takes \(job.outputName); each take needs its own output name.")
            }
            do {
                _ = try tree.clipPath(rowID: job.rowID, outputName: job.outputName)
            } catch {
                throw BatchRunError("Row \(job.rowID) (line \(job.line)): \(error)")
            }
            dependencies[job.rowID, default: []].formUnion(job.dependencies)
            uses += job.dependencies.map { (job.rowID, job.line, $0) }
        }
        for use in uses where dependencies[use.dependency] == nil {
            throw BatchRunError("Row \(use.rowID) (line \(use.line)) uses @\(use.dependency), but the manifest has no row \(use.dependency).")
        }
        // Depth-first search for a loop of @ROW references.
        var finished = Set<String>()
        var onPath = Set<String>()
        func visit(_ row: String, path: [String]) throws {
            if finished.contains(row) { return }
            if onPath.contains(row) {
                let loop = (path.drop { $0 != row } + [row]).joined(separator: " → ")
                throw BatchRunError("The @ROW references loop (\(loop)); no row in a loop can ever start.")
            }
            onPath.insert(row)
            for next in (dependencies[row] ?? []).sorted() {
                try visit(next, path: path + [row])
            }
            onPath.remove(row)
            finished.insert(row)
        }
        for row in dependencies.keys.sorted() {
            try visit(row, path: [])
        }
    }
}
