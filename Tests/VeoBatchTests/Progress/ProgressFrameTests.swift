import Foundation
import Testing
@testable import VeoBatch

@Suite("Progress: the live display drawn from a snapshot")
struct ProgressFrameTests {
    static let snapshot = ProgressSnapshot(
        manifest: "shots", total: 10, counts: [.done: 3, .running: 2, .queued: 1, .pending: 4],
        transfers: [
            .init(direction: .upload, name: "shot010_start.png", bytesDone: 1_200_000, bytesTotal: 4_000_000, bytesPerSecond: 2_100_000),
            .init(direction: .download, name: "opening-take2", bytesDone: 300_000, bytesTotal: nil, bytesPerSecond: 900_000),
        ],
        inFlight: [
            .init(outputName: "opening", state: .running, taskID: "4247177941895417417", elapsed: 42.7),
            .init(outputName: "a-very-long-output-name-that-is-cut", state: .queued, taskID: nil, elapsed: 3),
            .init(outputName: "title-card", state: .submitting, taskID: nil, elapsed: 0.2),
        ],
        elapsed: 65.4, eta: 130)

    @Test("A snapshot draws as an exact frame: counts, transfers with bytes and rate, takes in flight, ETA")
    func exactFrame() {
        let expected = """
            shots: 10 jobs · 4 pending · 1 queued · 2 running · 3 done   elapsed 1:05  ETA 2:10
              ↑ shot010_start.png          1.2 MB / 4.0 MB      30%  2.1 MB/s
              ↓ opening-take2              300.0 KB                  900.0 KB/s
              running      opening                     0:42  task 4247177941895417417
              queued       a-very-long-output-name…    0:03
              … 1 more in flight

            """
        #expect(ProgressFrame.text(Self.snapshot, width: 100, maxFlights: 2) == expected)
    }

    @Test("No line is wider than the terminal, and an unknown ETA shows a dash")
    func narrowTerminal() {
        var snapshot = Self.snapshot
        snapshot.eta = nil
        let lines = ProgressFrame.lines(snapshot, width: 40)
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        #expect(lines.first == "shots: 10 jobs · 4 pending · 1 queued ·…")
        #expect(ProgressFrame.lines(snapshot, width: 200).first?.hasSuffix("ETA –") == true)
        #expect(lines.count == 6)
    }

    @Test("Sizes, rates and durations read the same everywhere")
    func units() {
        #expect(ProgressUnits.bytes(0) == "0 B")
        #expect(ProgressUnits.bytes(999) == "999 B")
        #expect(ProgressUnits.bytes(1_500) == "1.5 KB")
        #expect(ProgressUnits.bytes(34_000_000) == "34.0 MB")
        #expect(ProgressUnits.bytes(1_500_000_000) == "1.5 GB")
        #expect(ProgressUnits.rate(2_100_000) == "2.1 MB/s")
        #expect(ProgressUnits.clock(7) == "0:07")
        #expect(ProgressUnits.clock(754) == "12:34")
        #expect(ProgressUnits.clock(3723) == "1:02:03")
        #expect(ProgressUnits.duration(45) == "45 s")
        #expect(ProgressUnits.duration(185) == "3 min 05 s")
        #expect(ProgressUnits.duration(7440) == "2 h 04 min")
    }
}
