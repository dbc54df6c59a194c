import Foundation

/// Checks chains of `video-extend` rows against the vendor's limits — at most 20 extensions of one
/// clip, at most 148 s (runninghub-api.md §1.2) — before anything is sent: a link RunningHub refuses
/// would only show up after every link before it was paid for and rendered.
///
/// The lengths are worked out statically. A chain starts at a row that renders from text or frames
/// (its `duration`, else the endpoint's default, else 8 s) or at a row that extends a local clip
/// (its real length, from the MP4's `mvhd`); every extension adds 7 s. A clip given by URL has an
/// unknown length, so only its number of extensions is checked. Only the first link over a limit is
/// reported: the links after it are over too, and removing that one is the fix.
enum ExtendChainCheck {
    /// Where a row's clip stands in its chain.
    struct Link {
        /// Extensions from the start of the chain to this row's clip (0 for a rendered clip).
        var extensions: Int
        /// Length of this row's clip, when it can be known.
        var seconds: Double?
        /// The row the chain starts at.
        var start: Int
        /// Length of the clip the chain starts from (before any extension), when known.
        var startSeconds: Double?
        /// The local clip the chain starts from, as written in the manifest.
        var startClip: String?
    }

    static func check(_ rows: [CheckedRow], log: inout DiagnosticLog) {
        var walker = Walker(rows: rows)
        for index in rows.indices {
            if let parent = walker.parent(of: index), rows[index].endpoint?.kind == .videoExtend,
               let estimate = inputEstimate(parent, walker: &walker, rows: rows) {
                // Only the first link whose input passes the limit: the ones after it pass it too.
                let parentWarned = rows[parent].endpoint?.kind == .videoExtend
                    && walker.parent(of: parent).flatMap { inputEstimate($0, walker: &walker, rows: rows) } != nil
                if !parentWarned {
                    reportSize(index, parent: parent, estimate: estimate, rows: rows, log: &log)
                }
            }
            guard let link = walker.link(index), isOver(link) else { continue }
            let parentOver = walker.parent(of: index).flatMap { walker.link($0) }.map(isOver) ?? false
            if !parentOver {
                report(index, link: link, rows: rows, log: &log)
            }
        }
    }

    /// The estimated size in MB of row `parent`'s clip when it is over the extend input limit, else nil.
    private static func inputEstimate(_ parent: Int, walker: inout Walker, rows: [CheckedRow]) -> (seconds: Double, resolution: String, megabytes: Double)? {
        guard let seconds = walker.link(parent)?.seconds, let endpoint = rows[parent].endpoint else { return nil }
        let resolution = (rows[parent].parameters["resolution"] ?? endpoint.field("resolution")?.defaultValue)?.stringValue ?? "720p"
        let megabytes = seconds * VideoExtendRules.estimatedMegabytesPerSecond(resolution: resolution)
        return megabytes > VideoExtendRules.maxInputMegabytes ? (seconds, resolution, megabytes) : nil
    }

    private static func reportSize(_ index: Int, parent: Int, estimate: (seconds: Double, resolution: String, megabytes: Double),
                                   rows: [CheckedRow], log: inout DiagnosticLog) {
        let row = rows[index]
        let column = row.media.first { $0.column == .video }?.columnNumber ?? 1
        let rate = VideoExtendRules.estimatedMegabytesPerSecond(resolution: estimate.resolution)
        log.warning(
            line: row.row.line, column: column,
            "row '\(row.row.id)' extends the clip of row '\(rows[parent].row.id)' (\(format(estimate.seconds)) s at \(estimate.resolution)), "
                + "estimated at \(String(format: "%.1f", estimate.megabytes)) MB (\(format(rate)) MB/s, an estimate from observed clips); "
                + "the extend `video` input takes at most \(format(VideoExtendRules.maxInputMegabytes)) MB, so if the real clip is larger "
                + "the run blocks this row (and the links after it) before submitting")
    }

    static func isOver(_ link: Link) -> Bool {
        link.extensions > VideoExtendRules.maxExtensions
            || (link.seconds ?? 0) > VideoExtendRules.maxSeconds + VideoExtendRules.tolerance
    }

    private static func report(_ index: Int, link: Link, rows: [CheckedRow], log: inout DiagnosticLog) {
        let row = rows[index]
        let column = row.media.first { $0.column == .video }?.columnNumber ?? 1
        let start = rows[link.start]
        let origin: String
        if let clip = link.startClip {
            origin =
                "the chain that starts from the clip '\(clip)'\(link.startSeconds.map { " (\(format($0)) s)" } ?? "") of row '\(start.row.id)' (line \(start.row.line))"
        } else {
            origin =
                "the chain that starts at row '\(start.row.id)' (line \(start.row.line)\(link.startSeconds.map { ", \(format($0)) s" } ?? ""))"
        }
        let problem: String
        if link.extensions > VideoExtendRules.maxExtensions {
            problem =
                "would be extension \(link.extensions) of \(origin); Veo extends a clip at most \(VideoExtendRules.maxExtensions) times (\(format(VideoExtendRules.defaultClipSeconds)) s + \(VideoExtendRules.maxExtensions) × \(format(VideoExtendRules.secondsPerExtension)) s = \(format(VideoExtendRules.maxSeconds)) s)"
        } else {
            problem =
                "would make \(origin) \(link.seconds.map(format) ?? "?") s long (\(link.startSeconds.map(format) ?? "?") s + \(link.extensions) × \(format(VideoExtendRules.secondsPerExtension)) s); Veo's limit is \(format(VideoExtendRules.maxSeconds)) s"
        }
        switch row.origin {
        case .extendTimes(let base, let extensionIndex, let count):
            let fix =
                extensionIndex > 1
                ? "set extend_times to at most \(extensionIndex - 1) on row '\(base)'"
                : "row '\(base)' cannot be extended any further, so leave its extend_times empty"
            log.error(
                line: row.row.line, column: column,
                "extend_times \(count) asks for too much: its extension \(extensionIndex) ('\(row.row.id)') \(problem); \(fix)")
        case .written:
            log.error(
                line: row.row.line, column: column,
                "row '\(row.row.id)' \(problem); end the chain before this row or start it from a shorter clip")
        }
    }

    /// `8`, `15.5`, `148.04`: at most two decimals, trailing zeros dropped.
    static func format(_ seconds: Double) -> String {
        var text = String(format: "%.2f", seconds)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Follows `@ROW` references with memoization, so the whole check is linear in the rows, and
    /// reads each local clip's length once. It walks iteratively: a (wrong) manifest with a chain
    /// of thousands of rows must not exhaust a worker thread's stack.
    private struct Walker {
        let rows: [CheckedRow]
        var indexByID: [String: Int] = [:]
        var links: [Int: Link?] = [:]
        var clipSeconds: [String: Double?] = [:]

        init(rows: [CheckedRow]) {
            self.rows = rows
            for (index, row) in rows.enumerated() where indexByID[row.row.id] == nil && !row.row.id.isEmpty {
                indexByID[row.row.id] = index
            }
        }

        /// The row whose output this row extends (`@ROW`), if any.
        func parent(of index: Int) -> Int? {
            for media in rows[index].media where media.column == .video {
                if case .rowOutput(let target) = media.source { return indexByID[target] }
            }
            return nil
        }

        /// True for a video-extend row whose input is another row's clip.
        private func extendsRow(_ index: Int) -> Bool {
            guard rows[index].endpoint?.kind == .videoExtend else { return false }
            return rows[index].media.contains { media in
                if media.column == .video, case .rowOutput = media.source { return true }
                return false
            }
        }

        mutating func link(_ index: Int) -> Link? {
            if let known = links[index] { return known }
            // Up the references to a row already known or one that starts a chain.
            var path: [Int] = []
            var onPath = Set<Int>()
            var above: Link?
            var current: Int? = index
            while let row = current {
                if let known = links[row] {
                    above = known
                    break
                }
                // A cycle is reported by RowReferenceCheck; it has no length.
                guard onPath.insert(row).inserted else { break }
                path.append(row)
                current = extendsRow(row) ? parent(of: row) : nil
            }
            // Then down again, one extension per step.
            for row in path.reversed() {
                let found: Link?
                if extendsRow(row) {
                    found = above.map { link in
                        var next = link
                        next.extensions += 1
                        next.seconds = link.seconds.map { $0 + VideoExtendRules.secondsPerExtension }
                        return next
                    }
                } else {
                    found = start(row)
                }
                links[row] = .some(found)
                above = found
            }
            return links[index] ?? nil
        }

        /// The link of a row that starts a chain: a render from text or frames, or an extend of a
        /// local file or a URL.
        private mutating func start(_ index: Int) -> Link? {
            let row = rows[index]
            guard let endpoint = row.endpoint else { return nil }
            guard endpoint.kind == .videoExtend else {
                let seconds = endpoint.renderedSeconds(parameters: row.parameters)
                return Link(extensions: 0, seconds: seconds, start: index, startSeconds: seconds, startClip: nil)
            }
            guard let video = row.media.first(where: { $0.column == .video }) else { return nil }
            let step = VideoExtendRules.secondsPerExtension
            switch video.source {
            case .rowOutput:
                return nil
            case .file(let path):
                let seconds = duration(of: path)
                return Link(extensions: 1, seconds: seconds.map { $0 + step }, start: index, startSeconds: seconds, startClip: video.written)
            case .url(let url):
                return Link(extensions: 1, seconds: nil, start: index, startSeconds: nil, startClip: url)
            }
        }

        private mutating func duration(of path: String) -> Double? {
            if let known = clipSeconds[path] { return known }
            let seconds = ClipDuration.seconds(ofFileAt: path)
            clipSeconds[path] = .some(seconds)
            return seconds
        }
    }
}
