import Foundation

/// The rows of a manifest as an editor's timeline: one video track, rows in manifest order, each
/// row's current (or chosen) clip at its real, probed length; a row without a clip is a gap of
/// the length it asked for, with a marker saying why. `OTIOExport` and `EDLExport` write it.
public struct EditorialTimeline: Sendable {
    public enum Item: Sendable {
        case clip(Clip)
        case gap(Gap)
    }

    public struct Clip: Sendable {
        public var rowID: String
        /// Absolute path of the clip file itself (not the `ROW.current.mp4` link, so the timeline
        /// keeps pointing at the same picture whatever is chosen later).
        public var path: String
        public var frames: Int
        public var take: Int
        public var version: Int
        public var chosen: Bool
        public var prompt: String?
        public var estimate: PriceEstimate?
        /// What RunningHub charged for the clip's task (nil until reported).
        public var charge: Money?
        /// Frame rate as probed (`24/1`); nil when the clip could not be probed.
        public var frameRate: String?
        public var durationSeconds: Double
    }

    public struct Gap: Sendable {
        public var rowID: String
        public var frames: Int
        public var prompt: String?
        /// Why there is no clip (`failed`, `pending`, …), for the marker.
        public var reason: String
    }

    public var name: String
    /// Frames per second of the whole timeline (the first probed clip's, rounded; else 24).
    public var rate: Int
    public var items: [Item]
    /// Things a person should know (a clip that could not be probed, a missing file).
    public var notes: [String]

    /// Veo renders 24 frames a second; used when no clip could be probed.
    public static let defaultRate = 24
    /// Rates a timeline can run at. A clip that is one picture held for its whole length (the
    /// simulator's) probes at 1/length fps; it is placed on a 24 fps timeline at its real length.
    static let plausibleRates = 10.0...240.0
    /// Assumed for a row whose requested length is unknown (video-extend, rows never submitted).
    public static let defaultSeconds = 8.0

    public static func build(report: RunReport, tree: OutputTree, prober: ClipProber = ClipProber()) async -> EditorialTimeline {
        var probes: [String: ClipProbe] = [:]
        var notes: [String] = []
        for row in report.rows {
            guard let choice = report.rowClips[row.rowID], !choice.missing else { continue }
            if let probe = choice.probe {
                probes[row.rowID] = probe
                continue
            }
            let path = tree.manifestFolder + "/" + choice.clip
            switch await prober.probe(path: path) {
            case .success(let probe): probes[row.rowID] = probe
            case .failure(let failure): notes.append("\(row.rowID): \(choice.clip) could not be probed (\(failure.reason)); its requested length is used.")
            }
        }
        let firstRate = report.rows.lazy.compactMap { probes[$0.rowID]?.framesPerSecond }.first { plausibleRates.contains($0) }
        let rate = firstRate.map { Int($0.rounded()) } ?? defaultRate
        var items: [Item] = []
        for row in report.rows {
            let entries = report.entries.filter { $0.rowID == row.rowID }
            let requested = requestedSeconds(entries: entries)
            if let choice = report.rowClips[row.rowID], !choice.missing {
                let version = entries.first { $0.take == choice.take }?.versions.first { $0.version == choice.version }
                let seconds = probes[row.rowID]?.durationSeconds ?? requested ?? defaultSeconds
                items.append(
                    .clip(
                        Clip(
                            rowID: row.rowID, path: tree.manifestFolder + "/" + choice.clip, frames: frames(seconds, rate: rate),
                            take: choice.take, version: choice.version, chosen: choice.chosen, prompt: row.prompt,
                            estimate: version?.estimate, charge: version?.charge,
                            frameRate: probes[row.rowID]?.frameRate, durationSeconds: seconds)))
            } else {
                let state = entries.first?.state.rawValue ?? "pending"
                var reason = report.rowClips[row.rowID]?.missing == true ? "its clip is missing from disk" : "no clip (\(state))"
                if requested == nil { reason += "; length unknown, \(ProbeText.number(defaultSeconds)) s assumed" }
                items.append(.gap(Gap(rowID: row.rowID, frames: frames(requested ?? defaultSeconds, rate: rate), prompt: row.prompt, reason: reason)))
            }
        }
        return EditorialTimeline(name: report.manifest, rate: rate, items: items, notes: notes)
    }

    /// What take 1 asked for: `duration` in its request (or parameters), else the endpoint default.
    static func requestedSeconds(entries: [RunReport.Entry]) -> Double? {
        (entries.first(where: { $0.take == 1 }) ?? entries.first)?.requestedSeconds
    }

    static func frames(_ seconds: Double, rate: Int) -> Int {
        max(1, Int((seconds * Double(rate)).rounded()))
    }
}
