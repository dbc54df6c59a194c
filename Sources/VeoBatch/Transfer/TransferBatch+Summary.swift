import Foundation

extension TransferBatch {
    /// The totals of a batch: what the benchmark compares with the curl command line.
    public struct Summary: Sendable, Hashable {
        public var items = 0
        public var failures = 0
        public var bytes: Int64 = 0
        public var elapsed: Duration = .zero

        public init(items: Int = 0, failures: Int = 0, bytes: Int64 = 0, elapsed: Duration = .zero) {
            self.items = items
            self.failures = failures
            self.bytes = bytes
            self.elapsed = elapsed
        }

        mutating func count(_ ending: Ending) {
            if let done = ending.done {
                bytes += done.bytes
            } else {
                failures += 1
            }
        }

        /// `uploaded 3 of 4 files, N bytes in S s (R MB/s); peak RSS K KB`. The peak is passed in
        /// (`PeakMemory.residentKilobytes()` when printed) so the text itself depends on nothing
        /// but its inputs.
        public func text(verb: String, peakResidentKilobytes: Int) -> String {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = seconds > 0 ? Double(bytes) / 1_048_576 / seconds : 0
            return "\(verb) \(items - failures) of \(items) files, \(bytes) bytes in \(String(format: "%.3f", seconds)) s "
                + "(\(String(format: "%.1f", rate)) MB/s); peak RSS \(peakResidentKilobytes) KB"
        }
    }
}
