import Foundation
import Testing
@testable import VeoBatch

@Suite("Progress: the board the display reads")
struct ProgressBoardTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ row: String, take: Int = 1, _ from: JobState?, _ to: JobState, task: String? = nil, at seconds: Double) -> RunEvent {
        RunEvent(
            manifest: "shots", rowID: row, take: take, outputName: take == 1 ? row : "\(row)-take\(take)", from: from, to: to,
            taskID: task, message: nil, time: start.addingTimeInterval(seconds))
    }

    @Test("Counts start from the journal's states and follow every event; done takes of a rerun count as done")
    func counts() {
        let board = ProgressBoard(
            manifest: "shots",
            takes: [
                .init(rowID: "a", take: 1, outputName: "a", state: .done),
                .init(rowID: "b", take: 1, outputName: "b"),
                .init(rowID: "c", take: 1, outputName: "c", state: .running, taskID: "T-c", since: start.addingTimeInterval(-30)),
            ], start: start)
        board.record(event("b", .pending, .submitting, at: 1))
        board.record(event("b", .submitting, .queued, task: "T-b", at: 2))
        let snapshot = board.snapshot(at: start.addingTimeInterval(10))
        #expect(snapshot.total == 3)
        #expect(snapshot.counts == [.done: 1, .queued: 1, .running: 1])
        // Oldest first: c was submitted by an earlier run 30 s before this one started.
        #expect(snapshot.inFlight.map(\.outputName) == ["c", "b"])
        #expect(snapshot.inFlight.map(\.elapsed) == [40, 9])
        #expect(snapshot.inFlight.map(\.taskID) == ["T-c", "T-b"])
        #expect(snapshot.eta == nil, "no take finished in this run yet")
    }

    @Test("The ETA follows this run's pace; settled takes leave the in-flight list")
    func eta() {
        let board = ProgressBoard(
            manifest: "shots", takes: ["a", "b", "c", "d"].map { .init(rowID: $0, take: 1, outputName: $0) }, start: start)
        board.record(event("a", .pending, .submitting, at: 0))
        board.record(event("a", .running, .done, at: 20))
        board.record(event("b", .pending, .submitting, at: 1))
        board.record(event("b", .submitting, .failed, at: 20))
        let snapshot = board.snapshot(at: start.addingTimeInterval(20))
        // Two settled in 20 s, two left: 20 s more.
        #expect(snapshot.eta == 20)
        #expect(snapshot.inFlight.isEmpty)
        #expect(snapshot.counts == [.done: 1, .failed: 1, .pending: 2])
        // A take new to the journal (no seed) joins the board.
        board.record(event("e", nil, .pending, at: 21))
        #expect(board.snapshot(at: start.addingTimeInterval(21)).total == 5)
    }

    @Test("Transfers show bytes, total and a rate over the last seconds, and leave when finished")
    func transfers() {
        let board = ProgressBoard(manifest: "shots", takes: [], start: start)
        func update(_ done: Int64, at seconds: Double, finished: Bool = false) -> TransferUpdate {
            TransferUpdate(
                direction: .upload, id: "sha", name: "big.png", bytesDone: done, bytesTotal: 10_000_000, finished: finished,
                time: start.addingTimeInterval(seconds))
        }
        board.record(update(0, at: 0))
        board.record(update(1_000_000, at: 1))
        board.record(update(2_000_000, at: 2))
        var transfer = board.snapshot(at: start.addingTimeInterval(2)).transfers.first
        #expect(transfer?.name == "big.png" && transfer?.direction == .upload)
        #expect(transfer?.bytesDone == 2_000_000)
        #expect(transfer?.bytesTotal == 10_000_000)
        #expect(transfer?.bytesPerSecond == 1_000_000)
        // Stalled for a while: the rate falls instead of freezing at its last value.
        board.record(update(2_000_000, at: 6))
        transfer = board.snapshot(at: start.addingTimeInterval(6)).transfers.first
        #expect((transfer?.bytesPerSecond ?? 1e9) < 500_000, "\(String(describing: transfer))")
        board.record(update(0, at: 7, finished: true))
        #expect(board.snapshot(at: start.addingTimeInterval(7)).transfers.isEmpty)
    }
}
