import Foundation

/// One clip a take produced: `NAME.mp4` is version 1, `NAME.v2.mp4` version 2, … (a clip is never
/// overwritten, so a re-render goes beside the earlier one). The version is read from the file
/// name, so `select --version 2` means the file a person sees as `NAME.v2.mp4`.
public struct ClipVersion: Sendable {
    public var take: Int
    public var version: Int
    public var job: JobRecord
    /// Relative to the output folder, as the journal keeps it.
    public var outputPath: String

    public var fileName: String { (outputPath as NSString).lastPathComponent }
}

/// Which clip stands for a row: the one chosen with `veobatch select`, else take 1's newest.
public struct RowClip: Sendable {
    public var clip: ClipVersion
    /// True when a person chose it with `veobatch select`.
    public var chosen: Bool
}

public enum ClipVersions {
    /// `shot010.v3.mp4` → 3, `shot010.mp4` → 1.
    public static func version(ofFile name: String) -> Int {
        let stem = (name as NSString).deletingPathExtension
        let last = (stem as NSString).pathExtension
        if last.hasPrefix("v"), let number = Int(last.dropFirst()), number >= 2 { return number }
        return 1
    }

    /// Every version of every take of one row, by take then version. Jobs that landed on the
    /// same file (the same bytes came back) count once, as the newest of them.
    public static func of(rowJobs jobs: [JobRecord]) -> [ClipVersion] {
        var byPath: [String: ClipVersion] = [:]
        for job in jobs.sorted(by: { ($0.id ?? 0) < ($1.id ?? 0) }) {
            guard let path = job.outputPath else { continue }
            byPath[path] = ClipVersion(take: job.take, version: version(ofFile: path), job: job, outputPath: path)
        }
        return byPath.values.sorted { ($0.take, $0.version) < ($1.take, $1.version) }
    }

    /// The newest version of a take: the clip of its current job when it has one (what the last
    /// run made), else its highest version.
    public static func newest(take: Int, in versions: [ClipVersion]) -> ClipVersion? {
        let mine = versions.filter { $0.take == take }
        return mine.last { $0.job.isCurrent && $0.job.state == .done } ?? mine.last
    }

    /// The row's clip: the selection when there is one (nil if it names a clip that does not
    /// exist), else take 1's newest, else the lowest take that has a clip.
    public static func current(versions: [ClipVersion], selection: SelectionRecord?) -> RowClip? {
        if let selection {
            if let version = selection.version {
                return versions.first { $0.take == selection.take && $0.version == version }.map { RowClip(clip: $0, chosen: true) }
            }
            return newest(take: selection.take, in: versions).map { RowClip(clip: $0, chosen: true) }
        }
        for take in Set(versions.map(\.take)).sorted() {
            if let clip = newest(take: take, in: versions) { return RowClip(clip: clip, chosen: false) }
        }
        return nil
    }
}
