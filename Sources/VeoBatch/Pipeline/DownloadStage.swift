import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fetches a finished task's clip: into `NAME.mp4.part` beside where it belongs (calling
/// `downloadResult` again resumes it with `Range`), then checks the length against what the
/// server announced, checks the type by content, hashes it, and moves it into place without
/// ever replacing an existing clip.
struct DownloadStage: Sendable {
    enum Outcome: Sendable, Equatable {
        /// The clip is in place. `path` is absolute.
        case saved(path: String, sha256: String, size: Int64, mimeType: String)
        /// Not this time; the job stays `downloading` and the next run tries again.
        case retryLater(String)
        /// The result cannot be had (not a video): the job fails.
        case failed(code: String, message: String)
        /// The result URL is past RunningHub's 24 h and did not answer: the paid clip is lost.
        case expired(String)
        case interrupted
    }

    let api: any RunningHubAPI
    let detector: any FileTypeDetecting
    let tree: OutputTree
    let timing: RunTiming
    let acceptedTypes: Set<String>
    let limit: WorkLimit
    let logger: Logger
    var transfers = TransferReporter(sink: nil)

    /// `fresh`: this job starts its download now, so a `.part` already there can only be a left-over
    /// of another job of the same take and is removed first. Otherwise it is resumed.
    func fetch(url: String, rowID: String, outputName: String, resultSeenAt: Date?, fresh: Bool) async -> Outcome {
        await limit.run {
            await attempt(url: url, rowID: rowID, outputName: outputName, resultSeenAt: resultSeenAt, fresh: fresh)
        }
    }

    private func attempt(url: String, rowID: String, outputName: String, resultSeenAt: Date?, fresh: Bool) async -> Outcome {
        let part: String
        do {
            part = try tree.partPath(rowID: rowID, outputName: outputName)
            try FileWrite.makeFolder((part as NSString).deletingLastPathComponent)
        } catch {
            return .failed(code: "output-path", message: "The clip of \(outputName) cannot be placed: \(error)")
        }
        if fresh { FileWrite.remove(part) }
        var problem = "no attempt was made"
        var wrongType = false
        for attempt in 1...max(1, timing.downloadAttempts) {
            if attempt > 1 {
                guard await pause(timing.jittered(timing.downloadRetryDelay)) else { return .interrupted }
            }
            if Task.isCancelled { return .interrupted }
            wrongType = false
            let result: DownloadResult
            do {
                let id = "\(rowID)/\(outputName)"
                defer { transfers.finish(.download, id: id, name: outputName) }
                result = try await api.downloadResult(url: url, partPath: part, progress: transfers.handler(.download, id: id, name: outputName))
            } catch {
                if Task.isCancelled { return .interrupted }
                problem = "the download failed: \(error)"
                logger.info("Download failed.", metadata: ["row": "\(rowID)", "attempt": "\(attempt)", "error": "\(error)"])
                continue
            }
            let onDisk = Self.size(of: part)
            if let expected = result.expectedLength, onDisk != expected {
                problem = "the server announced \(expected) bytes but \(onDisk) arrived"
                continue
            }
            if onDisk == 0 {
                problem = "the result is empty"
                FileWrite.remove(part)
                continue
            }
            // libmagic over the first bytes (`clipType`): an MP4 is known by its `ftyp` brand.
            // The full description, which runs every test over 256 KB (two passes, 6 % of a
            // run's CPU when made for every clip), is read only to say what a refused result is.
            let mimeType: String
            do {
                mimeType = try detector.clipType(fileAt: part)
            } catch {
                problem = "its type could not be read: \(error)"
                continue
            }
            guard acceptedTypes.contains(mimeType) else {
                let type = (try? detector.detect(fileAt: part)).map { "\($0.mimeType) (\($0.description))" } ?? mimeType
                problem = "it is \(type), not an MP4 video"
                wrongType = true
                FileWrite.remove(part)
                continue
            }
            do {
                let digest = try FileDigest.sha256(ofFileAt: part)
                // On disk before it gets its final name and the journal calls the job done.
                try FileDurability.flush(file: part)
                let placed = try place(part: part, rowID: rowID, outputName: outputName, sha256: digest.hex)
                FileDurability.flushFolder(containing: placed)
                return .saved(path: placed, sha256: digest.hex, size: digest.size, mimeType: mimeType)
            } catch {
                problem = "the clip could not be moved into place: \(error)"
            }
        }
        let message = "The result of \(outputName) could not be downloaded after \(max(1, timing.downloadAttempts)) attempts: \(problem)."
        if wrongType {
            return .failed(code: "output-not-video", message: message)
        }
        if let seen = resultSeenAt, Date().timeIntervalSince(seen) > timing.resultURLLifetime.seconds {
            let hours = Self.hoursText(timing.resultURLLifetime.seconds)
            return .expired(message + " Its URL is older than the \(hours) RunningHub keeps results, so the paid clip is lost for good; change the row to render it again.")
        }
        return .retryLater(message + " The next run tries again.")
    }

    /// Moves the checked `.part` into the first free clip name: `NAME.mp4`, then `NAME.v2.mp4`, …
    /// A name that already holds these exact bytes is used as it is. `link` + `unlink` is an
    /// atomic rename that fails instead of replacing.
    func place(part: String, rowID: String, outputName: String, sha256: String) throws -> String {
        for version in 1...999 {
            let target = try tree.clipPath(rowID: rowID, outputName: outputName, version: version)
            if link(part, target) == 0 {
                unlink(part)
                return target
            }
            let code = errno
            if code == EEXIST {
                if let existing = try? FileDigest.sha256(ofFileAt: target), existing.hex == sha256 {
                    unlink(part)
                    return target
                }
                continue
            }
            // No hard links on this file system: reserve the name exclusively, then rename onto
            // the empty placeholder we own.
            let fd = open(target, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if fd >= 0 {
                close(fd)
                if rename(part, target) == 0 { return target }
                let renameError = String(cString: strerror(errno))
                unlink(target)
                throw DownloadPlacementError(message: "renaming \(part) to \(target) failed: \(renameError)")
            }
            if errno == EEXIST { continue }
            throw DownloadPlacementError(message: "linking \(part) to \(target) failed: \(String(cString: strerror(code)))")
        }
        throw DownloadPlacementError(message: "999 different clips already stand in \(try tree.rowFolder(rowID: rowID))")
    }

    /// `24 h`, or seconds when the lifetime is shorter than an hour (tests).
    static func hoursText(_ seconds: Double) -> String {
        seconds >= 3600 ? "\(Int((seconds / 3600).rounded())) h" : "\(Int(seconds.rounded())) s"
    }

    /// The file's size; 0 when it is missing (the attempt then counts as empty).
    static func size(of path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}

struct DownloadPlacementError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
