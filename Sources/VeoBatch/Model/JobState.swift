/// Where one job (one take of one manifest row) stands. The journal stores the raw value.
///
/// `pending → uploading → submitting → queued → running → downloading → done`; the other
/// states end a run for that job: `failed`, `blocked`, `unknown`, `timeout`, `expired`.
public enum JobState: String, Sendable, Codable, CaseIterable, Comparable {
    case pending, uploading, submitting, queued, running, downloading, done
    case failed, blocked, unknown, timeout
    /// The task succeeded (and was paid) but its result was not downloaded within RunningHub's
    /// 24 h: the link is gone for good, so no run tries it again (runninghub-api.md section A item 6).
    case expired

    /// A task exists on RunningHub and has not been settled: a rerun keeps following it and
    /// never submits it again.
    public var hasLiveTask: Bool {
        switch self {
        case .queued, .running, .downloading, .timeout: return true
        default: return false
        }
    }

    /// A state that needs a person or a rerun flag before the row can be done.
    public var isProblem: Bool {
        switch self {
        case .failed, .blocked, .unknown, .timeout, .expired: return true
        default: return false
        }
    }

    /// The position in the happy path, then the problem states; used to sort summaries.
    public static func < (lhs: JobState, rhs: JobState) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
