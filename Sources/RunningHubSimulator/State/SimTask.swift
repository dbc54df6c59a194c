import Foundation

/// One task created by a Veo submit. Its status is computed from its age when asked (no timers):
/// QUEUED until `start` (a submit over the key's limit waits in the server queue for a free slot),
/// then QUEUED for the first quarter of `taskSeconds`, RUNNING until `taskSeconds`, then terminal.
struct SimTask: Sendable {
    let id: String
    let key: String
    let endpoint: String
    let created: ContinuousClock.Instant
    let createdWall: Date
    /// When the task got a slot: `created`, or later for a submit queued over the limit.
    var start: ContinuousClock.Instant
    var startWall: Date
    let taskSeconds: Double
    /// Length of the clip this task produces.
    let outputSeconds: Double
    let portrait: Bool
    /// The result's resolution (`720p`, …) and whether it has a sound track.
    let resolution: String?
    let audio: Bool
    /// How many `video-extend` calls led to this clip.
    let extensions: Int
    /// What the task charges when it ends, in the simulator's currency (a failed task charges 0).
    let price: Decimal
    /// Set when the task is to end FAILED (scripted or random `failTask`).
    let failure: Rejection?

    /// What the wallet is charged once the task has ended: its price, or 0 for a failed task.
    var charge: Decimal { failure == nil ? price : 0 }
    /// Token of the result file, for tasks that succeed.
    let resultToken: String?

    enum Phase: String { case queued = "QUEUED", running = "RUNNING", success = "SUCCESS", failed = "FAILED" }

    /// Where a task of `taskSeconds` stands `elapsed` seconds after its submit.
    static func phase(elapsed: Double, taskSeconds: Double, fails: Bool) -> Phase {
        if elapsed < 0 || elapsed < taskSeconds * 0.25 { return .queued }
        if elapsed < taskSeconds { return .running }
        return fails ? .failed : .success
    }

    func phase(at now: ContinuousClock.Instant) -> Phase {
        Self.phase(elapsed: seconds(from: start, to: now), taskSeconds: taskSeconds, fails: failure != nil)
    }

    /// Whether it has not ended yet (queued in the server queue, queued or running).
    func isInFlight(at now: ContinuousClock.Instant) -> Bool {
        seconds(from: start, to: now) < taskSeconds
    }

    /// Whether it holds one of its key's slots at `now` (started, not ended).
    func holdsSlot(at now: ContinuousClock.Instant) -> Bool {
        let elapsed = seconds(from: start, to: now)
        return elapsed >= 0 && elapsed < taskSeconds
    }

    /// When it ends and gives its slot back.
    var end: ContinuousClock.Instant { start + .seconds(taskSeconds) }

    /// Unix time the result link stops working: `lifetime` after the task ends.
    func resultExpiry(lifetime: Double) -> Int {
        Int((startWall.timeIntervalSince1970 + taskSeconds + lifetime).rounded(.down))
    }
}

/// Seconds between two instants of the continuous clock.
func seconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
    let duration = start.duration(to: end)
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// A file the `/files/` route can serve.
enum StoredFile: Sendable {
    /// Bytes received by the upload route, kept on disk.
    case upload(UploadedFile)
    /// A task's result clip: generated on the fly from the task, never stored.
    case result(taskID: String)
}

struct UploadedFile: Sendable {
    let path: String
    let size: Int64
    let format: MediaFormat
    /// Present when the file is an MP4 the simulator could read.
    let clip: MP4Facts?
}
