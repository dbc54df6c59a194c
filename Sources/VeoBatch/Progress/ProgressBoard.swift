import Foundation
import Synchronization

/// The live state of a run for the progress display: fed by `RunEvent`s and `TransferUpdate`s
/// (from any thread, never blocking for long), read as a `ProgressSnapshot` a few times a second.
public final class ProgressBoard: Sendable {
    /// Where one take stands when the run starts (from the journal, or `pending` for new ones).
    public struct Seed: Sendable, Hashable {
        public var rowID: String
        public var take: Int
        public var outputName: String
        public var state: JobState
        public var taskID: String?
        /// When it started moving, if it is in flight already (a task an earlier run submitted).
        public var since: Date?

        public init(rowID: String, take: Int, outputName: String, state: JobState = .pending, taskID: String? = nil, since: Date? = nil) {
            self.rowID = rowID
            self.take = take
            self.outputName = outputName
            self.state = state
            self.taskID = taskID
            self.since = since
        }
    }

    private struct Take {
        var outputName: String
        var state: JobState
        var taskID: String?
        var since: Date?
    }

    private struct Transfer {
        var direction: TransferUpdate.Direction
        var name: String
        var bytesDone: Int64
        var bytesTotal: Int64?
        /// (time, bytes) points of the last few seconds, oldest first, for the rate.
        var samples: [(Date, Int64)]
    }

    private struct State {
        var takes: [String: Take] = [:]
        var order: [String] = []
        var transfers: [String: Transfer] = [:]
        var transferOrder: [String] = []
        var finishedThisRun = 0
    }

    /// States that end a take for this run.
    static let settled: Set<JobState> = [.done, .failed, .blocked, .unknown, .timeout, .expired]
    /// States of a take on its way (upload to download).
    static let moving: Set<JobState> = [.uploading, .submitting, .queued, .running, .downloading]
    /// The rate is measured over this many seconds.
    static let rateWindow: TimeInterval = 3

    public let manifest: String
    public let start: Date
    private let state: Mutex<State>

    public init(manifest: String, takes: [Seed], start: Date = Date()) {
        self.manifest = manifest
        self.start = start
        var initial = State()
        for seed in takes {
            let key = Self.key(seed.rowID, seed.take)
            if initial.takes[key] == nil { initial.order.append(key) }
            initial.takes[key] = Take(
                outputName: seed.outputName, state: seed.state, taskID: seed.taskID,
                since: Self.moving.contains(seed.state) ? (seed.since ?? start) : nil)
        }
        state = Mutex(initial)
    }

    public func record(_ event: RunEvent) {
        let key = Self.key(event.rowID, event.take)
        state.withLock { state in
            var take = state.takes[key] ?? Take(outputName: event.outputName, state: .pending, taskID: nil, since: nil)
            if state.takes[key] == nil { state.order.append(key) }
            let wasSettled = event.from.map { Self.settled.contains($0) } ?? false
            if Self.settled.contains(event.to), !wasSettled { state.finishedThisRun += 1 }
            if Self.moving.contains(event.to) {
                if take.since == nil { take.since = event.time }
            } else {
                take.since = nil
            }
            take.state = event.to
            take.outputName = event.outputName
            if let task = event.taskID { take.taskID = task }
            state.takes[key] = take
        }
    }

    public func record(_ update: TransferUpdate) {
        state.withLock { state in
            if update.finished {
                state.transfers[update.id] = nil
                state.transferOrder.removeAll { $0 == update.id }
                return
            }
            var transfer =
                state.transfers[update.id]
                ?? Transfer(direction: update.direction, name: update.name, bytesDone: 0, bytesTotal: nil, samples: [])
            if state.transfers[update.id] == nil { state.transferOrder.append(update.id) }
            transfer.bytesDone = update.bytesDone
            transfer.bytesTotal = update.bytesTotal ?? transfer.bytesTotal
            // One point per tenth of a second is plenty; drop what the window no longer needs,
            // keeping one older point as the base.
            if let last = transfer.samples.last, update.time.timeIntervalSince(last.0) < 0.1 {
                transfer.samples[transfer.samples.count - 1].1 = update.bytesDone
            } else {
                transfer.samples.append((update.time, update.bytesDone))
            }
            let cutoff = update.time.addingTimeInterval(-Self.rateWindow)
            while transfer.samples.count > 2, transfer.samples[1].0 <= cutoff { transfer.samples.removeFirst() }
            state.transfers[update.id] = transfer
        }
    }

    public func snapshot(at now: Date = Date()) -> ProgressSnapshot {
        state.withLock { state in
            var counts: [JobState: Int] = [:]
            var flights: [(since: Date, flight: ProgressSnapshot.Flight)] = []
            for key in state.order {
                guard let take = state.takes[key] else { continue }
                counts[take.state, default: 0] += 1
                if let since = take.since, Self.moving.contains(take.state) {
                    flights.append(
                        (
                            since,
                            .init(
                                outputName: take.outputName, state: take.state, taskID: take.taskID,
                                elapsed: max(0, now.timeIntervalSince(since)))
                        ))
                }
            }
            let transfers = state.transferOrder.compactMap { id -> ProgressSnapshot.Transfer? in
                guard let transfer = state.transfers[id] else { return nil }
                return .init(
                    direction: transfer.direction, name: transfer.name, bytesDone: transfer.bytesDone,
                    bytesTotal: transfer.bytesTotal, bytesPerSecond: Self.rate(transfer, now: now))
            }
            let elapsed = max(0, now.timeIntervalSince(start))
            let remaining = state.order.count - counts.filter { Self.settled.contains($0.key) }.map(\.value).reduce(0, +)
            var eta: TimeInterval?
            if state.finishedThisRun > 0 {
                eta = remaining <= 0 ? 0 : elapsed / Double(state.finishedThisRun) * Double(remaining)
            }
            // Stable order: oldest first, ties by name.
            let ordered = flights.sorted { $0.since != $1.since ? $0.since < $1.since : $0.flight.outputName < $1.flight.outputName }
            return ProgressSnapshot(
                manifest: manifest, total: state.order.count, counts: counts, transfers: transfers,
                inFlight: ordered.map(\.flight), elapsed: elapsed, eta: eta)
        }
    }

    /// Bytes per second from the oldest point in the window to now; a stalled transfer's rate
    /// falls as time passes.
    private static func rate(_ transfer: Transfer, now: Date) -> Double? {
        guard let base = transfer.samples.first else { return nil }
        let seconds = now.timeIntervalSince(base.0)
        guard seconds >= 0.25 else { return nil }
        return Double(max(0, transfer.bytesDone - base.1)) / seconds
    }

    static func key(_ rowID: String, _ take: Int) -> String {
        "\(rowID)\u{0}\(take)"
    }
}
