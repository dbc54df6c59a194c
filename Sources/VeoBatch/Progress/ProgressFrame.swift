import Foundation

/// Draws a `ProgressSnapshot` as the lines of the live display (no escape codes: the terminal
/// side moves the cursor). Pure, so a test can compare a frame with an exact string.
///
///     shots: 10 jobs · 3 done · 2 running · 1 queued · 4 pending   elapsed 1:05  ETA 2:10
///       ↑ shot010_start.png          1.2 MB / 4.0 MB   30%  2.1 MB/s
///       ↓ opening-take2              300.0 KB             900.0 KB/s
///       running      opening                  0:42  task 4247177941895417417
///       … 3 more in flight
public enum ProgressFrame {
    /// The frame's lines, none wider than `width` characters. At most `maxFlights` takes in
    /// flight and `maxTransfers` transfers are listed; the rest are counted on one line.
    public static func lines(_ snapshot: ProgressSnapshot, width: Int = 80, maxTransfers: Int = 4, maxFlights: Int = 8) -> [String] {
        var lines = [headline(snapshot)]
        for transfer in snapshot.transfers.prefix(maxTransfers) {
            lines.append(line(transfer))
        }
        if snapshot.transfers.count > maxTransfers {
            lines.append("  … \(snapshot.transfers.count - maxTransfers) more transfers")
        }
        for flight in snapshot.inFlight.prefix(maxFlights) {
            lines.append(line(flight))
        }
        if snapshot.inFlight.count > maxFlights {
            lines.append("  … \(snapshot.inFlight.count - maxFlights) more in flight")
        }
        return lines.map { clipped($0, to: width) }
    }

    /// The frame as one string, lines ended by newlines.
    public static func text(_ snapshot: ProgressSnapshot, width: Int = 80, maxTransfers: Int = 4, maxFlights: Int = 8) -> String {
        lines(snapshot, width: width, maxTransfers: maxTransfers, maxFlights: maxFlights).map { $0 + "\n" }.joined()
    }

    static func headline(_ snapshot: ProgressSnapshot) -> String {
        let counts = snapshot.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }
        var line = (["\(snapshot.manifest): \(snapshot.total) job\(snapshot.total == 1 ? "" : "s")"] + counts).joined(separator: " · ")
        line += "   elapsed \(ProgressUnits.clock(snapshot.elapsed))"
        line += "  ETA " + (snapshot.eta.map(ProgressUnits.clock) ?? "–")
        return line
    }

    static func line(_ transfer: ProgressSnapshot.Transfer) -> String {
        let arrow = transfer.direction == .upload ? "↑" : "↓"
        var amount = ProgressUnits.bytes(transfer.bytesDone)
        var percent = ""
        if let total = transfer.bytesTotal, total > 0 {
            amount += " / " + ProgressUnits.bytes(total)
            percent = "\(min(100, Int(Double(transfer.bytesDone) * 100 / Double(total))))%"
        }
        let rate = transfer.bytesPerSecond.map(ProgressUnits.rate) ?? ""
        return "  \(arrow) \(padded(transfer.name, 26)) \(padded(amount, 19)) \(padded(percent, 4, right: true))  \(rate)"
            .trimmingTrailingSpaces()
    }

    static func line(_ flight: ProgressSnapshot.Flight) -> String {
        var line =
            "  \(padded(flight.state.rawValue, 12)) \(padded(flight.outputName, 24)) \(padded(ProgressUnits.clock(flight.elapsed), 7, right: true))"
        if let task = flight.taskID { line += "  task \(task)" }
        return line
    }

    /// Pads (or cuts with `…`) to exactly `width` characters.
    static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
        if text.count > width { return String(text.prefix(max(0, width - 1))) + "…" }
        let pad = String(repeating: " ", count: width - text.count)
        return right ? pad + text : text + pad
    }

    static func clipped(_ line: String, to width: Int) -> String {
        guard width > 1, line.count > width else { return line }
        return String(line.prefix(width - 1)) + "…"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
