import Foundation

/// Bytes moved by one upload or download of a run, for the live progress display. Uploads are
/// per distinct input file (several rows may share one); downloads are per take.
public struct TransferUpdate: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case upload, download
    }

    public var direction: Direction
    /// Tells one transfer from another: the content hash for uploads, row and take for downloads.
    public var id: String
    /// What a person recognises: the input's file name, or the take's output name.
    public var name: String
    public var bytesDone: Int64
    public var bytesTotal: Int64?
    /// The transfer ended (either way); it leaves the display.
    public var finished: Bool
    public var time: Date

    public init(direction: Direction, id: String, name: String, bytesDone: Int64, bytesTotal: Int64?, finished: Bool, time: Date = Date()) {
        self.direction = direction
        self.id = id
        self.name = name
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.finished = finished
        self.time = time
    }
}

/// Turns the transport's byte counts into `TransferUpdate`s for `BatchRunConfiguration.onTransfer`.
/// Inactive (no handler, nothing sent) when nobody listens, so runs without a display pay nothing.
struct TransferReporter: Sendable {
    let sink: (@Sendable (TransferUpdate) -> Void)?

    /// The handler to give the transport for this transfer, or nil when nobody listens.
    func handler(_ direction: TransferUpdate.Direction, id: String, name: String) -> ProgressHandler? {
        guard let sink else { return nil }
        return { progress in
            sink(
                TransferUpdate(
                    direction: direction, id: id, name: name, bytesDone: progress.bytesDone,
                    bytesTotal: progress.bytesTotal, finished: false))
        }
    }

    /// Tells the listener the transfer is over, whether it worked or not.
    func finish(_ direction: TransferUpdate.Direction, id: String, name: String) {
        sink?(TransferUpdate(direction: direction, id: id, name: name, bytesDone: 0, bytesTotal: nil, finished: true))
    }
}
