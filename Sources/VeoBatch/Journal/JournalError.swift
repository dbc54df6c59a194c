/// Why the journal of an output folder could not be used. Each description is a full sentence
/// that names the folder and says what to do.
public enum JournalError: Error, Sendable, CustomStringConvertible {
    /// Another process holds the run lock on this output folder.
    case locked(lockPath: String)
    /// The lock file could not be created or locked for a reason other than another holder.
    case lockFailed(lockPath: String, reason: String)
    /// `status`/`resolve` on a folder that has no journal yet.
    case missing(journalPath: String)
    /// The journal was written by a newer veobatch with migrations this one does not know.
    case newerSchema(journalPath: String)
    /// The journal was opened read-only and a change was asked for.
    case readOnly(journalPath: String)
    /// A job the caller expected is not in the journal.
    case noSuchJob(id: Int64, journalPath: String)
    /// A job row whose stored value cannot be read back (damaged, or written by an unknown
    /// format): that job stops instead of going on with defaults.
    case undecodableJob(id: Int64, column: String, reason: String)
    /// SQLite refused an operation.
    case database(journalPath: String, reason: String)

    public var description: String {
        switch self {
        case .locked(let path):
            return "Another veobatch run holds the lock \(path) on this output folder; wait for it to finish (or stop it) and run again."
        case .lockFailed(let path, let reason):
            return "Could not take the run lock \(path): \(reason). Check that the output folder is writable."
        case .missing(let path):
            return "There is no journal at \(path): nothing has run into this output folder yet. Check --out, or start with `veobatch run`."
        case .newerSchema(let path):
            return "The journal \(path) was written by a newer veobatch; upgrade veobatch to use this output folder."
        case .readOnly(let path):
            return "The journal \(path) is open read-only, so it cannot be changed."
        case .noSuchJob(let id, let path):
            return "Job \(id) is not in the journal \(path)."
        case .undecodableJob(let id, let column, let reason):
            return "Job \(id) in the journal has a \(column) value veobatch cannot read (\(reason)); it is not submitted. Settle the row with `veobatch resolve --abandon`, or restore the journal from a backup."
        case .database(let path, let reason):
            return "The journal \(path) could not be read or written: \(reason). Check free disk space and permissions."
        }
    }
}
