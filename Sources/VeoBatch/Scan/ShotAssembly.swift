import Foundation

/// Groups typed candidates into shots by folder and NAME, decides each shot's kind, and checks
/// every file against that kind's endpoint.
///
/// A shot is all-or-nothing: when one of its files is rejected the others are rejected too
/// (`shot-incomplete`). Otherwise a rescan after the fix would find the half-shot already in the
/// manifest and never add the whole one.
struct ShotAssembly {
    var shots: [Shot] = []
    var rejections: [ScanRejection] = []
    var notes: [ScanNote] = []

    /// One shot before ids are given out.
    private struct Planned {
        var name: String
        var folder: String
        var kind: ShotKind
        var members: [(candidate: ShotCandidate, role: ShotFileRole)]
        /// Said only if the shot is kept.
        var notes: [ScanNote] = []
        /// Set when the NAME has several kinds: all but the first get `NAME-<kind>`.
        var idSuffix: String?
    }

    private let requirements: [ShotKind: ShotRequirements]
    /// `scan --id-prefix-folder`: ids start with the folder name (`seq010/sh010_start.png` → `seq010_sh010`).
    private let prefixFolder: Bool

    private init(requirements: [ShotKind: ShotRequirements], prefixFolder: Bool) {
        self.requirements = requirements
        self.prefixFolder = prefixFolder
    }

    static func assemble(_ candidates: [ShotCandidate], requirements: [ShotKind: ShotRequirements], prefixFolder: Bool = false) -> ShotAssembly {
        var assembly = ShotAssembly(requirements: requirements, prefixFolder: prefixFolder)
        var groups: [String: [ShotCandidate]] = [:]
        for candidate in candidates {
            groups[candidate.folder + "\u{0}" + candidate.fileName.name.lowercased(), default: []].append(candidate)
        }
        var planned: [[Planned]] = []
        for members in groups.values {
            let sorted = members.sorted { $0.path < $1.path }
            let group = assembly.plan(sorted)
            if !group.isEmpty { planned.append(group) }
        }
        // Manifest order: by the id a shot will get, then by folder; the same on every rescan.
        // Keys are computed once: sanitising inside the comparator made sorting dominate big scans.
        planned =
            planned
            .map { group in
                (key: (ShotIdentifier.sanitised(group[0].name) ?? group[0].name).lowercased(), folder: group[0].folder, group: group)
            }
            .sorted { ($0.key, $0.folder) < ($1.key, $1.folder) }
            .map(\.group)
        var ids = ShotIdentifier()
        for group in planned {
            for shot in group { assembly.finish(shot, ids: &ids) }
        }
        return assembly
    }

    /// Sorts one group's files into shots by role and content; records the files that fit nowhere.
    private mutating func plan(_ members: [ShotCandidate]) -> [Planned] {
        var starts: [ShotCandidate] = []
        var ends: [ShotCandidate] = []
        var references: [Int: [ShotCandidate]] = [:]
        var images: [ShotCandidate] = []
        var videos: [ShotCandidate] = []
        for candidate in members {
            switch candidate.fileName.role {
            case .start: starts.append(candidate)
            case .end: ends.append(candidate)
            case .reference(let index): references[index, default: []].append(candidate)
            case .plain:
                // A plain file is a frame or a clip by content; one that failed early stands alone.
                if let rejection = candidate.rejection {
                    rejections.append(rejection)
                } else if let type = candidate.type, type.mimeType.hasPrefix("image/") {
                    images.append(candidate)
                } else if let type = candidate.type, type.mimeType.hasPrefix("video/") {
                    videos.append(candidate)
                } else if let type = candidate.type {
                    rejections.append(
                        ScanRejection(
                            path: candidate.path, reason: .wrongType,
                            message: "\(candidate.path) is \(Self.describe(type)), neither an image nor a video; "
                                + "shots need JPEG/PNG frames or MP4 clips."))
                }
            }
        }
        let name = members[0].fileName.name
        let folder = members[0].folder
        var planned: [Planned] = []
        let start = firstKeepingRestAsDuplicates(starts, what: "start frame")
        let end = firstKeepingRestAsDuplicates(ends, what: "end frame")
        let image = firstKeepingRestAsDuplicates(images, what: "single frame")
        switch (start, end) {
        case (let start?, let end?):
            planned.append(Planned(name: name, folder: folder, kind: .startEnd, members: [(start, .start), (end, .end)]))
        case (nil, let end?):
            let ext = end.fileName.fileExtension.isEmpty ? "png" : end.fileName.fileExtension
            rejections.append(
                end.rejection
                    ?? ScanRejection(
                        path: end.path, reason: .unpairedEndFrame,
                        message: "\(end.path) is an end frame without a start frame; add \(name)_start.png (or .jpg) beside it, "
                            + "or rename it to \(name).\(ext) to use it as a single frame."))
        case (let start?, nil) where image == nil:
            let note = ScanNote(path: start.path, message: "\(start.path) has no end frame; it is used as a single frame.")
            planned.append(Planned(name: name, folder: folder, kind: .frame, members: [(start, .frame)], notes: [note]))
        case (let start?, nil):
            rejections.append(
                start.rejection
                    ?? ScanRejection(
                        path: start.path, reason: .duplicate,
                        message: "\(start.path) is a start frame without an end frame, and \(image?.path ?? name) is already "
                            + "this shot's single frame; add \(name)_end beside it or remove one of the two."))
        case (nil, nil):
            break
        }
        if let image {
            planned.append(Planned(name: name, folder: folder, kind: .frame, members: [(image, .frame)]))
        }
        let refs = references.keys.sorted().compactMap { firstKeepingRestAsDuplicates(references[$0] ?? [], what: "reference image \($0)") }
        if !refs.isEmpty {
            planned.append(Planned(name: name, folder: folder, kind: .reference, members: refs.map { ($0, .reference) }))
        }
        if let video = firstKeepingRestAsDuplicates(videos, what: "clip") {
            planned.append(Planned(name: name, folder: folder, kind: .clip, members: [(video, .clip)]))
        }
        // Suffixes are decided before any file is checked, so a shot keeps its id when a sibling of
        // another kind is rejected and later fixed (the manifest matches rows by id).
        for index in planned.indices.dropFirst() { planned[index].idSuffix = planned[index].kind.idSuffix }
        return planned.filter { check($0) }
    }

    /// The first file for a place in a shot; every further one is rejected as a duplicate.
    private mutating func firstKeepingRestAsDuplicates(_ files: [ShotCandidate], what: String) -> ShotCandidate? {
        guard let first = files.first else { return nil }
        for extra in files.dropFirst() {
            rejections.append(
                ScanRejection(
                    path: extra.path, reason: .duplicate,
                    message: "\(extra.path) is a second \(what) for shot \(first.fileName.name) (\(first.path) is used); "
                        + "remove or rename one of them."))
        }
        return first
    }

    /// Checks a planned shot's files against its endpoint; records rejections and returns false
    /// when any file fails.
    private mutating func check(_ shot: Planned) -> Bool {
        guard let needs = requirements[shot.kind] else { return false }
        let checked = shot.members.map { member in
            member.candidate.rejection ?? problem(with: member.candidate, role: member.role, needs: needs)
        }
        let failures = checked.compactMap { $0 }
        guard let firstFailure = failures.first else { return true }
        rejections.append(contentsOf: failures)
        for (member, failure) in zip(shot.members, checked) where failure == nil {
            rejections.append(
                ScanRejection(
                    path: member.candidate.path, reason: .shotIncomplete,
                    message: "\(member.candidate.path) is left out because \(firstFailure.path), of the same shot, was "
                        + "rejected; fix that file and scan again."))
        }
        return false
    }

    private func problem(with candidate: ShotCandidate, role: ShotFileRole, needs: ShotRequirements) -> ScanRejection? {
        guard let type = candidate.type else { return nil }
        let isVideo = role == .clip
        let accepted = isVideo ? needs.videoTypes : needs.imageTypes
        let limit = isVideo ? needs.maxVideoBytes : needs.maxImageBytes
        let what = Self.roleName(role)
        if !accepted.contains(type.mimeType) {
            return ScanRejection(
                path: candidate.path, reason: .wrongType,
                message: "\(candidate.path) is \(Self.describe(type)), but \(what) for \(needs.endpoint) must be "
                    + "\(MediaTypeNames.list(accepted))\(Self.conversionHint(type.mimeType))."
            )
        }
        if candidate.byteCount > limit {
            return ScanRejection(
                path: candidate.path, reason: .tooLarge,
                message: "\(candidate.path) is \(Self.megabytes(candidate.byteCount)), over the \(Self.megabytes(limit)) "
                    + "limit for \(what) on \(needs.endpoint); make it smaller and scan again.")
        }
        return nil
    }

    /// NAME, or FOLDER_NAME with `--id-prefix-folder` (unless NAME already starts with FOLDER).
    private func idName(_ planned: Planned) -> String {
        guard prefixFolder else { return planned.name }
        let folder = (planned.folder as NSString).lastPathComponent
        guard !folder.isEmpty, !planned.name.lowercased().hasPrefix(folder.lowercased()) else { return planned.name }
        return "\(folder)_\(planned.name)"
    }

    /// Gives the shot its id and records it with its notes.
    private mutating func finish(_ planned: Planned, ids: inout ShotIdentifier) {
        guard let base = ShotIdentifier.sanitised(idName(planned)) else {
            for member in planned.members {
                rejections.append(
                    ScanRejection(
                        path: member.candidate.path, reason: .unknownNaming,
                        message: "\(member.candidate.path): the name \(planned.name) has no letters or digits an id can "
                            + "hold ([A-Za-z0-9._-]); rename the file."))
            }
            return
        }
        let id = ids.claim(planned.idSuffix.map { "\(base)-\($0)" } ?? base)
        let files = planned.members.map { member in
            let type = member.candidate.type
            return ShotFile(
                path: member.candidate.path, role: member.role, mimeType: type?.mimeType ?? "",
                byteCount: member.candidate.byteCount,
                pixelSize: member.role == .clip ? nil : type?.pixelSize)
        }
        if id != planned.name {
            notes.append(
                ScanNote(
                    path: planned.members[0].candidate.path, message: "Shot \(planned.name) (\(planned.kind.rawValue)) has the id \(id)."))
        }
        notes += planned.notes
        for member in planned.members {
            if let note = Self.mislabelNote(member.candidate) { notes.append(note) }
        }
        shots.append(Shot(id: id, name: planned.name, kind: planned.kind, folder: planned.folder, files: files))
    }

    private static func mislabelNote(_ candidate: ShotCandidate) -> ScanNote? {
        guard let type = candidate.type else { return nil }
        let ext = candidate.fileName.fileExtension
        let claimed = MediaTypeNames.claimedType(ofExtension: ext)
        guard claimed != type.mimeType else { return nil }
        let named = ext.isEmpty ? "has no extension" : "is named .\(ext)"
        return ScanNote(
            path: candidate.path,
            message: "\(candidate.path) \(named) but its content is \(describe(type)); it is used as "
                + "\(MediaTypeNames.describe(type.mimeType)).")
    }

    static func describe(_ type: FileTyping.Typed) -> String {
        let name = MediaTypeNames.describe(type.mimeType)
        return name == type.mimeType ? type.mimeType : "\(name) (\(type.mimeType))"
    }

    private static func roleName(_ role: ShotFileRole) -> String {
        switch role {
        case .start: "a start frame"
        case .end: "an end frame"
        case .frame: "a single frame"
        case .reference: "a reference image"
        case .clip: "a clip"
        }
    }

    private static func conversionHint(_ mimeType: String) -> String {
        switch mimeType {
        case "video/quicktime": " (remux it: ffmpeg -i IN.mov -c copy OUT.mp4)"
        case let type where type.hasPrefix("image/"): " (convert it, e.g. ffmpeg -i IN OUT.png)"
        default: ""
        }
    }

    /// "10 MB" for whole megabytes (limits), "10.4 MB (10905190 bytes)" otherwise (file sizes).
    static func megabytes(_ bytes: Int64) -> String {
        let mebibyte: Int64 = 1_048_576
        if bytes % mebibyte == 0 { return "\(bytes / mebibyte) MB" }
        return String(format: "%.1f MB (%lld bytes)", Double(bytes) / Double(mebibyte), bytes)
    }
}
