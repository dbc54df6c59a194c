/// What the simulator saw, so a test can prove for example that nothing was submitted twice.
/// The same data is served as JSON by `GET /_sim/stats`.
public struct SimulatorStats: Codable, Sendable, Equatable {
    /// Uploads stored (including those whose answer was then dropped by a fault).
    public var uploads: Int = 0
    /// Bytes of file content stored by those uploads.
    public var uploadBytes: Int = 0
    /// SHA-256 (hex) of the canonical submit body (sorted keys, compact, slashes unescaped) →
    /// how many submits with that body created a task. A value above 1 is a double submit.
    public var submitsByFingerprint: [String: Int] = [:]
    /// Tasks created by submits, whatever became of the submit's answer.
    public var tasksCreated: Int = 0
    /// GET requests on `/files/…` that started sending file bytes (200 or 206).
    public var downloads: Int = 0
    /// File bytes sent by those downloads (a truncated answer counts what was sent).
    public var downloadBytes: Int = 0
    /// Masked key (e.g. `sk-a…f3`) → the most tasks it ever had QUEUED or RUNNING at once.
    public var maxInFlightPerKey: [String: Int] = [:]
    /// Route name (`upload`, `submit`, `query`, `download`, `queueStatus`, `accountStatus`,
    /// `pricePreview`) → requests received, faults included.
    public var requestsByRoute: [String: Int] = [:]
    /// Fault (`http503`, `capacity:421`, `failTask:1501`, …) → times injected.
    public var faultsInjected: [String: Int] = [:]
    /// Requests to `/files/*` that carried an `Authorization` header. Result and upload URLs live
    /// on third-party object storage, so a well-behaved client keeps this at 0.
    public var authHeaderOnFileURLs: Int = 0
    /// Submits answered with an error code instead of a task (auth, validation, capacity).
    public var rejectedSubmits: Int = 0
    /// Submits over the key's limit that were created and waited in the server queue.
    public var queuedOverLimit: Int = 0

    public init() {}
}

/// How a key appears in statistics and logs: never whole. `sk-abcdef12f3` → `sk-a…f3`.
func maskKey(_ key: String) -> String {
    guard key.count >= 8 else { return String(key.prefix(1)) + "…" }
    return String(key.prefix(4)) + "…" + String(key.suffix(2))
}
