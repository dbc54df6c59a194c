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
    /// What the task charges when it succeeds (decimal text such as `"0.58"`), in `currency`.
    public var price: String = "0"
    public var currency: String = "USD"
    /// What it has charged so far: nil while it runs, its price once it succeeded, `"0"` once it
    /// failed. The sum over every task is what the account was billed.
    public var charged: String? = nil
    /// The submit body as received, canonical JSON (lets tests see which URL a field carried).
    public var body: String? = nil
    /// True when the submit came over the key's limit and waited in the server queue.
    public var queuedOverLimit: Bool? = nil
}
