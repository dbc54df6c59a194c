import Foundation

/// How the progress display and the summaries write sizes, rates and durations: short,
/// decimal units, fixed formats that read the same on every machine.
public enum ProgressUnits {
    /// `512 B`, `1.2 KB`, `34.0 MB`, `1.5 GB` (powers of 1000, like network rates).
    public static func bytes(_ count: Int64) -> String {
        let value = Double(max(0, count))
        if value < 1000 { return "\(Int64(value)) B" }
        for (unit, scale) in [("KB", 1e3), ("MB", 1e6), ("GB", 1e9)] where value < scale * 1000 {
            return String(format: "%.1f", value / scale) + " " + unit
        }
        return String(format: "%.1f TB", value / 1e12)
    }

    public static func rate(_ bytesPerSecond: Double) -> String {
        bytes(Int64(bytesPerSecond.isFinite ? bytesPerSecond.rounded() : 0)) + "/s"
    }

    /// `0:07`, `12:34`, `1:02:03`.
    public static func clock(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds.isFinite ? seconds : 0).rounded(.down))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }

    /// `45 s`, `3 min 05 s`, `2 h 04 min`: for wall and task times in reports.
    public static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds.isFinite ? seconds : 0).rounded())
        if total < 60 { return "\(total) s" }
        if total < 3600 { return String(format: "%d min %02d s", total / 60, total % 60) }
        return String(format: "%d h %02d min", total / 3600, total / 60 % 60)
    }
}
