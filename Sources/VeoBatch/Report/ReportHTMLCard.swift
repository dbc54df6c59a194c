import Foundation

/// One take's card in `report.html`. Every value from the manifest, the journal or the server is
/// escaped; the only markup is ours.
struct ReportHTMLCard {
    let entry: RunReport.Entry
    /// The row's clip was picked with `veobatch select`.
    var chosen = false
    /// `OUT/STEM`, where the report and the clips' row folders are.
    var manifestFolder = ""

    func html(thumbnails: inout InputThumbnail.Chooser, previews: ReportPreviews? = nil) -> String {
        let state = Self.stateClass(entry.state)
        var parts: [String] = []
        var badges = "<span class=\"badge \(state)\">\(e(stateText))</span>"
        if !entry.mismatches.isEmpty { badges += " <span class=\"badge s-flagged\">flagged</span>" }
        if entry.isRowClip { badges += " <span class=\"badge s-current\">\(chosen ? "chosen" : "current")</span>" }
        parts.append(
            """
            <header><h2>\(e(entry.outputName))</h2><span>\(badges)</span></header>
            <p class="sub">\(e(subtitle))</p>
            """)
        parts.append("<div class=\"clip\">\(clip)</div>")
        if let strip = filmstrip(previews) { parts.append(strip) }
        if !entry.mismatches.isEmpty {
            let items = entry.mismatches.map { "<li>\(e($0.description))</li>" }.joined()
            parts.append("<div class=\"flag\"><strong>Does not match the request</strong> (kept, not rendered again)<ul>\(items)</ul></div>")
        }
        let inputs = entry.inputs.map { figure($0, thumbnails: &thumbnails) }
        if !inputs.isEmpty {
            parts.append("<div class=\"inputs\">\(inputs.joined())</div>")
        }
        if let prompt = entry.prompt, !prompt.isEmpty {
            parts.append("<p class=\"prompt\">\(e(prompt))</p>")
        }
        parts.append("<dl class=\"facts\">\(facts.map { "<dt>\(e($0.0))</dt><dd>\($0.1)</dd>" }.joined())</dl>")
        if entry.errorCode != nil || entry.errorMessage != nil {
            let code = entry.errorCode.map { "<strong>\(e($0))</strong> " } ?? ""
            parts.append("<p class=\"error\">\(code)\(e(entry.errorMessage ?? ""))</p>")
        }
        if entry.versions.count > 1 || entry.versions.contains(where: { !$0.isRowClip && entry.isRowClip }) {
            parts.append(versionList)
        }
        if !entry.carried.isEmpty {
            let carried = entry.carried.map { "\(e($0.name)): \(e($0.value))" }.joined(separator: " · ")
            parts.append("<p class=\"carried\">\(carried)</p>")
        }
        return "<article class=\"card \(state)\" id=\"take-\(e(entry.outputName))\">\n" + parts.joined(separator: "\n") + "\n</article>\n"
    }

    /// Five frames of the clip beside its player, embedded (a `data:` JPEG of a few KB).
    private func filmstrip(_ previews: ReportPreviews?) -> String? {
        guard let previews, let clip = entry.clip, !entry.clipMissing else { return nil }
        guard let uri = previews.filmstrip(of: manifestFolder + "/" + clip, sha256: entry.clipSHA256) else {
            return nil
        }
        return "<img class=\"filmstrip\" src=\"\(e(uri))\" alt=\"\(e("Filmstrip of \(clip)"))\">"
    }

    /// Every clip of the take, newest last, with seed, cost and date.
    private var versionList: String {
        let items = entry.versions.map { version -> String in
            var text = "v\(version.version) \((version.clip as NSString).lastPathComponent)"
            if let seed = version.seed { text += " · seed \(seed)" }
            if let charge = version.charge {
                text += " · \(charge)"
            } else if let estimate = version.estimate {
                text += " · est. \(estimate.text)"
            }
            if let date = version.date { text += " · " + HTMLText.time(date) }
            if let probe = version.probe { text += " · " + probe.summary }
            if !version.mismatches.isEmpty { text += " · flagged" }
            return "<li\(version.isRowClip ? " class=\"current\"" : "")>\(e(text))</li>"
        }
        return "<div class=\"versions\"><strong>Versions</strong><ul>\(items.joined())</ul></div>"
    }

    private var stateText: String {
        entry.resolution.map { "\(entry.state.rawValue) (\($0))" } ?? entry.state.rawValue
    }

    private var subtitle: String {
        var parts = ["row \(entry.rowID)"]
        if entry.take > 1 { parts.append("take \(entry.take)") }
        parts.append("line \(entry.line)")
        if let endpoint = entry.endpoint { parts.append(endpoint) }
        return parts.joined(separator: " · ")
    }

    private var clip: String {
        if let clip = entry.clip, !entry.clipMissing {
            return "<video controls preload=\"metadata\" src=\"\(e(HTMLText.urlPath(clip)))\"></video>"
        }
        let why: String
        if entry.clip != nil {
            why = "The clip \(entry.clip ?? "") is missing from disk."
        } else {
            switch entry.state {
            case .done: why = "No clip recorded."
            case .failed, .blocked, .unknown, .timeout, .expired: why = "No clip: \(entry.state.rawValue)."
            default: why = "No clip yet (\(entry.state.rawValue))."
            }
        }
        return "<div class=\"none\">\(e(why))</div>"
    }

    private func figure(_ input: InputFile, thumbnails: inout InputThumbnail.Chooser) -> String {
        let name = input.source.rowID.map { "@\($0)" } ?? (input.location as NSString).lastPathComponent
        let caption = "\(Self.fieldLabel(input.field)): \(name)"
        let (thumbnail, changed) = thumbnails.thumbnail(for: input)
        let picture: String
        switch thumbnail {
        case .embeddedImage(let uri):
            picture = "<img src=\"\(e(uri))\" alt=\"\(e(caption))\">"
        case .linkedImage(let url):
            picture = "<img src=\"\(e(url))\" alt=\"\(e(caption))\" loading=\"lazy\">"
        case .video(let url):
            // A still of the input clip; the link opens it to play.
            picture = "<a href=\"\(e(url))\"><video preload=\"metadata\" muted src=\"\(e(url))\" title=\"\(e(caption))\"></video></a>"
        case .file:
            picture = "<div class=\"file\">\(e(name))</div>"
        case .remote(let url):
            let scheme = url.lowercased()
            let link =
                scheme.hasPrefix("https://") || scheme.hasPrefix("http://")
                ? "<a href=\"\(e(url))\" rel=\"noreferrer\">URL</a>" : "URL"
            picture = "<div class=\"file\" title=\"\(e(url))\">\(link)</div>"
        case .missing:
            picture = "<div class=\"file\">missing</div>"
        }
        let note = changed ? " <span class=\"changed\">(changed since)</span>" : ""
        return
            "<figure>\(picture)<figcaption title=\"\(e(input.location))\"><b>\(e(Self.fieldLabel(input.field)))</b><br>\(e(name))\(note)</figcaption></figure>"
    }

    /// `firstFrameUrl` → `first frame`, `imageUrls` → `image`, `video` → `video`.
    static func fieldLabel(_ field: String) -> String {
        var base = field
        for suffix in ["Urls", "Url", "URLs", "URL"] where base.hasSuffix(suffix) && base.count > suffix.count {
            base.removeLast(suffix.count)
            break
        }
        var words: [String] = []
        var word = ""
        for character in base {
            if character.isUppercase, !word.isEmpty {
                words.append(word)
                word = ""
            }
            word.append(Character(character.lowercased()))
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }

    /// Label and HTML (already escaped) of each fact worth showing.
    private var facts: [(String, String)] {
        var facts: [(String, String)] = []
        if let clip = entry.clip { facts.append(("Clip file", e((clip as NSString).lastPathComponent))) }
        if let probe = entry.probe {
            facts.append(("Duration", e("\(ProbeText.number(probe.durationSeconds)) s")))
            facts.append(("Resolution", e("\(probe.width)×\(probe.height)")))
            facts.append(("Frame rate", e(probe.framesPerSecond.map { "\(ProbeText.number($0)) fps" } ?? probe.frameRate)))
            facts.append(("Audio", probe.hasAudio ? "yes" : "no"))
        } else if entry.clip != nil {
            facts.append(("Probe", e(entry.probeError ?? "not probed")))
        }
        if let seed = entry.seed { facts.append(("Seed", "\(seed)")) }
        facts.append(("Estimated", e(entry.estimate?.text ?? "–")))
        if let actual = entry.charge {
            var charged = e("\(actual)")
            if let estimate = entry.estimate?.money, estimate != actual, estimate.currency == actual.currency {
                let difference = actual.amount - estimate.amount
                charged += " <span class=\"diff\">(\(difference > 0 ? "+" : "")\(Money.text(difference)) vs estimate)</span>"
            }
            facts.append(("Charged", charged))
        } else {
            facts.append(("Charged", entry.taskID != nil ? "pending (the estimate stands in)" : "–"))
        }
        if let task = entry.taskID { facts.append(("Task", e(task))) }
        if let submitted = entry.submittedAt { facts.append(("Submitted", HTMLText.time(submitted))) }
        if let finished = entry.finishedAt { facts.append(("Finished", HTMLText.time(finished))) }
        if let seconds = entry.taskSeconds { facts.append(("Task time", e(ProgressUnits.duration(seconds)))) }
        if entry.attempts > 1 { facts.append(("Submit attempts", "\(entry.attempts)")) }
        if let size = entry.clipSize { facts.append(("Clip", e(ProgressUnits.bytes(size)))) }
        return facts
    }

    private func e(_ text: String) -> String {
        HTMLText.escape(text)
    }

    static func stateClass(_ state: JobState) -> String {
        switch state {
        case .done, .failed, .blocked, .unknown, .timeout, .expired: return "s-\(state.rawValue)"
        case .pending: return "s-pending"
        case .uploading, .submitting, .queued, .running, .downloading: return "s-moving"
        }
    }
}
