import GRDB
import Synchronization

/// The jobs a run is moving, as this journal last committed them, so that a move does not read
/// its job back from SQLite first (each job moves five times or more a run, and decoding its
/// 47 columns was the costliest part of a move).
///
/// It stays true by watching the `jobs` table itself (a GRDB transaction observer on the
/// connection that writes): a transaction that commits a change to a job row the writer did not
/// hand in with `stage` drops that job's copy, whatever statement made the change, and a
/// transaction that rolls back keeps nothing it staged. Only the process holding the run lock
/// writes the journal (`JournalLock`), so no other connection changes a row behind it.
///
/// A copy holds its dates as they were set, to the nanosecond, where the table keeps
/// milliseconds: the same stored text, and the same precision a move has always returned for the
/// stamp it sets.
///
/// Bounded: a job that reaches a verdict (`done` or a problem state) is dropped, and the whole
/// set is dropped past `limit`, so a 10,000-job run holds no more than the jobs in flight.
final class CommittedJobs: TransactionObserver, Sendable {
    private struct State {
        var copies: [Int64: JobRecord] = [:]
        /// Handed in by the transaction now open: kept only if it commits.
        var staged: [Int64: JobRecord] = [:]
        /// Job rows the open transaction changed.
        var changed: Set<Int64> = []
    }

    private let state = Mutex(State())
    let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
    }

    /// The job as last committed, if this journal holds it.
    func copy(of id: Int64) -> JobRecord? {
        state.withLock { $0.copies[id] }
    }

    /// `job` as the open transaction writes it; the copy of record once that transaction commits.
    func stage(_ job: JobRecord) {
        guard let id = job.id else { return }
        state.withLock { $0.staged[id] = job }
    }

    /// How many jobs it holds (the tests check the bound with it).
    var count: Int { state.withLock { $0.copies.count } }

    // MARK: - TransactionObserver (called on the writing connection)

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == "jobs"
    }

    func databaseDidChange(with event: DatabaseEvent) {
        let id = event.rowID
        state.withLock { _ = $0.changed.insert(id) }
    }

    func databaseDidCommit(_ db: Database) {
        let limit = limit
        state.withLock { state in
            for id in state.changed {
                if let job = state.staged[id], !(job.state == .done || job.state.isProblem) {
                    state.copies[id] = job
                } else {
                    state.copies[id] = nil
                }
            }
            if state.copies.count > limit { state.copies.removeAll() }
            state.staged.removeAll(keepingCapacity: true)
            state.changed.removeAll(keepingCapacity: true)
        }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { state in
            state.staged.removeAll(keepingCapacity: true)
            state.changed.removeAll(keepingCapacity: true)
        }
    }
}
