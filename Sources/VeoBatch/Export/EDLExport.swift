import Foundation

/// The timeline as a CMX 3600 EDL: one video event per row, record times back to back from
/// 01:00:00:00, non-drop-frame at the timeline's whole frame rate. Each clip event names the row
/// (`* FROM CLIP NAME:`) and the file (`* FROM CLIP:`, an absolute path). A row without a clip is
/// a black (`BL`) event of its requested length with a red locator saying why, since an EDL can
/// only carry a marker on an event. Checked in the tests with OTIO's CMX 3600 adapter.
public enum EDLExport {
    public static func render(_ timeline: EditorialTimeline) -> Data {
        let rate = timeline.rate
        var lines = ["TITLE: \(title(timeline.name))", "FCM: NON-DROP FRAME", ""]
        var record = 3600 * rate
        for (index, item) in timeline.items.enumerated() {
            let number = String(format: "%03d", (index + 1) % 1000)
            let frames: Int
            switch item {
            case .clip(let clip): frames = clip.frames
            case .gap(let gap): frames = gap.frames
            }
            let reel: String
            switch item {
            case .clip: reel = "AX"
            case .gap: reel = "BL"
            }
            let times = [timecode(0, rate), timecode(frames, rate), timecode(record, rate), timecode(record + frames, rate)]
            lines.append("\(number)  \(reel.padding(toLength: 8, withPad: " ", startingAt: 0)) V     C        \(times.joined(separator: " "))")
            switch item {
            case .clip(let clip):
                lines.append("* FROM CLIP NAME: \(oneLine(clip.rowID))")
                lines.append("* FROM CLIP: \(oneLine(clip.path))")
            case .gap(let gap):
                lines.append("* FROM CLIP NAME: \(oneLine(gap.rowID))")
                lines.append("* LOC: \(timecode(record, rate)) RED     \(oneLine("\(gap.rowID): \(gap.reason)"))")
            }
            lines.append("")
            record += frames
        }
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// `HH:MM:SS:FF` at a whole rate.
    static func timecode(_ frames: Int, _ rate: Int) -> String {
        let seconds = frames / rate
        return String(format: "%02d:%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60, frames % rate)
    }

    /// EDL lines are line-based: no line breaks or control characters inside a field.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }

    static func title(_ name: String) -> String {
        String(oneLine(name).prefix(70))
    }
}
