import Foundation

/// `veobatch status` as a table: per manifest a headline with counts and money (estimate beside
/// charge), then one line per take.
public enum StatusText {
    public static func lines(_ report: RunReport, now: Date = Date()) -> [String] {
        let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        let money = MoneyText.spent(report.spent, tasks: report.ledger.count)
        var rows = [["TAKE", "STATE", "TASK", "EST", "CHARGED", "OUTPUT", "CHECK", "ERROR"]]
        for entry in report.entries {
            var state = entry.state.rawValue
            if let resolution = entry.resolution { state += " (\(resolution))" }
            var output = entry.clip ?? ""
            if entry.clipMissing { output += " (missing)" }
            rows.append([
                entry.outputName, state, entry.taskID ?? "-", MoneyText.text(entry.estimate),
                MoneyText.text(entry.charge, standingIn: entry.taskID != nil), output.isEmpty ? "-" : output, check(entry), entry.errorMessage.map(EventLine.oneLine) ?? "",
            ])
        }
        let queued = report.entries.filter { $0.state == .queued }.count
        let onServer = queued == 0 ? "" : " \(queued) queued on RunningHub (paid; they run when the key has room)."
        var lines = ["\(report.manifest): \(report.entries.count) job\(report.entries.count == 1 ? "" : "s") — \(counts). \(money)\(onServer)"]
        lines += TextTable.lines(rows)
        let flagged = report.flaggedEntries
        if !flagged.isEmpty {
            lines.append("Flagged: \(flagged.count) clip\(flagged.count == 1 ? " does" : "s do") not match the request (kept, not rendered again).")
        }
        lines += notDownloaded(report, now: now)
        lines += versionLines(report)
        return lines
    }

    /// `ok`, `FLAGGED duration 4 s, asked 8 s`, `unprobed`, or `-` without a clip.
    static func check(_ entry: RunReport.Entry) -> String {
        guard entry.clip != nil else { return "-" }
        if !entry.mismatches.isEmpty { return "FLAGGED " + entry.mismatches.map(\.description).joined(separator: "; ") }
        return entry.probe == nil ? "unprobed" : "ok"
    }

    /// Every clip of every take, and which one stands for its row (`*`, `chosen` when picked
    /// with `veobatch select`).
    static func versionLines(_ report: RunReport) -> [String] {
        var rows = [["ROW", "TAKE", "V", "CLIP", "SEED", "EST", "CHARGED", "DATE", "PROBE", "CURRENT"]]
        let dates = ISO8601DateFormatter()
        for entry in report.entries {
            for version in entry.versions {
                var current = ""
                if version.isRowClip { current = report.rowClips[entry.rowID]?.chosen == true ? "* chosen" : "*" }
                var probe = version.probe?.summary ?? "-"
                if !version.mismatches.isEmpty { probe += " FLAGGED" }
                rows.append([
                    entry.rowID, String(entry.take), String(version.version), version.clip, version.seed.map(String.init) ?? "-",
                    MoneyText.text(version.estimate), MoneyText.text(version.charge, standingIn: false), version.date.map { dates.string(from: $0) } ?? "-",
                    probe, current,
                ])
            }
        }
        guard rows.count > 1 else { return [] }
        var lines = ["", "Clips (every version; * = the row's current clip, ROW/ROW.current.mp4):"]
        lines += TextTable.lines(rows)
        for (row, selection) in report.unresolvedSelections.sorted(by: { $0.key < $1.key }) {
            lines.append("\(row): the chosen take \(selection.take)\(selection.version.map { " version \($0)" } ?? "") has no clip.")
        }
        return lines
    }

    /// Every task that succeeded but whose clip is not on disk yet, with the hours its result has
    /// left: RunningHub deletes results 24 h after they are ready, and a lost result stays paid.
    static func notDownloaded(_ report: RunReport, now: Date, lifetime: TimeInterval = RunTiming.standard.resultURLLifetime.seconds) -> [String] {
        report.entries.filter { $0.state == .downloading }.map { entry in
            let task = entry.taskID.map { " (task \($0))" } ?? ""
            guard let seen = entry.resultSeenAt else {
                return "Not downloaded yet: \(entry.outputName)\(task); run again to fetch it."
            }
            let left = (lifetime - now.timeIntervalSince(seen)) / 3600
            if left <= 0 {
                return "Not downloaded yet: \(entry.outputName)\(task); its result is past RunningHub's 24 h and is likely gone (the next run marks it expired if so)."
            }
            return "Not downloaded yet: \(entry.outputName)\(task); \(String(format: "%.1f", left)) h left before RunningHub deletes its result — run again now to fetch it."
        }
    }
}
