import Foundation

/// One task the simulator created: the stand-in for a line of RunningHub's call record.
public struct SimulatorTaskRecord: Codable, Sendable, Hashable {
    public var taskID: String
    public var endpoint: String
    /// SHA-256 (hex) of the canonical submit body, as in `SimulatorStats.submitsByFingerprint`.
    public var fingerprint: String
    public var prompt: String?
    /// The `seed` the submit body carried, if any (lets tests see that takes differ).
    public var seed: Int64? = nil
    public var created: Date
}
