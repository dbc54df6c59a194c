import Foundation
import Logging

/// Finds shots in folders: walks them, recognises shots by the naming conventions, types every
/// file by content and checks it against the endpoint its kind will use.
///
/// Nothing here prints or touches the network; rejected files are part of the result, and only
/// problems with the folders themselves throw.
public struct ShotScanner: Sendable {
    public var detector: any FileTypeDetecting
    /// What each kind's files must be (from `ShotModels.requirements()`).
    public var requirements: [ShotKind: ShotRequirements]
    /// How many files are typed at once.
    public var typingWidth: Int
    public var logger: Logger
    /// `--settle`: files changed less than this many seconds ago get a "settling" note (a run
    /// would leave their rows for later). 0: no check.
    public var settleSeconds: Double = 0
    /// `--id-prefix-folder`: ids are FOLDER_NAME (`seq010_sh010`), so shots named alike in
    /// different sequence folders keep readable, distinct ids.
    public var idPrefixFolder = false

    public init(
        detector: any FileTypeDetecting, requirements: [ShotKind: ShotRequirements] = ShotRequirements.defaults,
        typingWidth: Int = 2 * ProcessInfo.processInfo.activeProcessorCount, logger: Logger
    ) {
        self.detector = detector
        self.requirements = requirements
        self.typingWidth = typingWidth
        self.logger = logger
    }

    /// Scans `folders` (and their subfolders), skipping hidden entries and everything under or at
    /// the `excluding` paths (the output folder, the manifest being written).
    public func scan(folders: [String], excluding: [String] = []) async throws(ScanError) -> ScanResult {
        let walk = try FolderWalk.walk(roots: folders, excluding: excluding)
        logger.debug("Walked folders", metadata: ["stage": "scan", "files": "\(walk.files.count)"])

        var candidates: [ShotCandidate] = []
        var rejections = walk.rejections
        var toType: [Int] = []
        for file in walk.files {
            let folderName = (file.folder as NSString).lastPathComponent
            switch ShotFileName.parse(fileName: file.fileName, folderName: folderName) {
            case .failure(let unusable):
                rejections.append(
                    ScanRejection(
                        path: file.path, reason: .unknownNaming,
                        message: "\(file.path) does not follow the naming conventions: \(unusable.reason)."))
            case .success(let name):
                let candidate = Self.candidate(file, name: name)
                if case .pending = candidate.status { toType.append(candidates.count) }
                candidates.append(candidate)
            }
        }

        let types = await FileTyping.types(of: toType.map { candidates[$0].path }, detector: detector, width: typingWidth)
        for (index, type) in zip(toType, types) {
            switch type {
            case .success(let detected):
                candidates[index].status = .typed(detected)
            case .failure(let failure):
                candidates[index] = candidates[index].rejected(
                    .unreadable, "\(candidates[index].path) cannot be read (\(failure.reason)); check its permissions.")
            }
        }

        let assembly = ShotAssembly.assemble(candidates, requirements: requirements, prefixFolder: idPrefixFolder)
        rejections += assembly.rejections
        let result = ScanResult(
            shots: assembly.shots,
            rejections: rejections.sorted { ($0.path, $0.reason.rawValue) < ($1.path, $1.reason.rawValue) },
            notes: (walk.notes + assembly.notes + settlingNotes(walk.files.map(\.path))).sorted { ($0.path, $0.message) < ($1.path, $1.message) })
        logger.debug(
            "Scanned folders",
            metadata: [
                "stage": "scan", "files": "\(walk.files.count)", "shots": "\(result.shots.count)",
                "rejected": "\(result.rejections.count)",
            ])
        return result
    }

    /// A note for each file still settling: a run now would not upload it yet.
    private func settlingNotes(_ paths: [String]) -> [ScanNote] {
        let now = Date()
        return paths.compactMap { path in
            InputSettle.reason(path: path, window: settleSeconds, now: now).map {
                ScanNote(path: path, message: "settling: \($0); `veobatch run` leaves its row for a later run.")
            }
        }
    }

    /// A candidate for typing, or one already rejected for what the walk and the name tell.
    private static func candidate(_ file: FoundFile, name: ShotFileName) -> ShotCandidate {
        var candidate = ShotCandidate(path: file.path, folder: file.folder, fileName: name, byteCount: 0, status: .pending)
        switch file.state {
        case .brokenSymlink(let target):
            return candidate.rejected(
                .brokenSymlink, "\(file.path) is a symbolic link to \(target), which does not exist; fix or remove the link.")
        case .notRegular(let what):
            return candidate.rejected(.unreadable, "\(file.path) is \(what), not a regular file; remove it from the shot folder.")
        case .file(let byteCount):
            candidate.byteCount = byteCount
            if byteCount == 0 {
                return candidate.rejected(.empty, "\(file.path) is empty (0 bytes); export it again or remove it.")
            }
            if case .reference = name.role, file.path.contains(";") {
                return candidate.rejected(
                    .unknownNaming,
                    "\(file.path) contains `;`, which separates reference images in the manifest; rename the file or folder.")
            }
            return candidate
        }
    }
}
