import Foundation

extension TransferBatch {
    /// What one successful transfer moved, and a short note for its line (status, where it went).
    public struct Done: Sendable, Hashable {
        public var bytes: Int64
        public var detail: String

        public init(bytes: Int64, detail: String) {
            self.bytes = bytes
            self.detail = detail
        }
    }

    /// A transfer that ended, well or not, with the line `veobatch transfer` prints for it.
    public struct Ending: Sendable, Hashable {
        /// The file or URL it moved.
        public var item: String
        public var done: Done?
        /// Why it failed, when it did.
        public var failure: String?

        public init(item: String, done: Done?, failure: String?) {
            self.item = item
            self.done = done
            self.failure = failure
        }

        /// `ok      ITEM  BYTES bytes  DETAIL` or `failed  ITEM  REASON`: columns a person can scan
        /// and a benchmark script can split on.
        public var line: String {
            if let done { return "ok      \(item)  \(done.bytes) bytes  \(done.detail)" }
            return "failed  \(item)  \(failure ?? "unknown error")"
        }
    }

    /// Why one transfer failed although the transport moved bytes (an HTTP error status, a
    /// refused upload, a file that could not be put in place).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }
}
