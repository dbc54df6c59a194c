/// A `RunningHubAPI` that refuses every call: for `run --dry-run` and other paths that must
/// never touch the network. If one of them ever tries, it fails loudly instead of sending
/// (as `.transient`, which is the truth: nothing left the machine).
public struct OfflineRunningHub: RunningHubAPI {
    public init() {}

    private func refuse(_ route: String) -> RunningHubError {
        RunningHubError(category: .transient, message: "veobatch tried to call RunningHub during an offline command; nothing was sent", route: route)
    }

    public func upload(fileAt path: String, progress: ProgressHandler?) async throws -> UploadedMedia { throw refuse("media/upload/binary") }
    public func submit(endpoint: String, body: JSONValue) async throws -> TaskSnapshot { throw refuse(endpoint) }
    public func query(taskID: String) async throws -> TaskSnapshot { throw refuse("query") }
    public func queueStatus() async throws -> QueueStatus { throw refuse("queue/status") }
    public func accountStatus() async throws -> AccountStatus { throw refuse("accountStatus") }
    public func pricePreview(endpoint: String, body: JSONValue) async throws -> PricePreview { throw refuse("price-preview/\(endpoint)") }
    public func downloadResult(url: String, partPath: String, progress: ProgressHandler?) async throws -> DownloadResult { throw refuse("download") }
}
