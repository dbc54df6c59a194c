import Foundation

/// The embedded vendor data could not be turned into an endpoint table. This is a build problem
/// (the data and the code disagree), reported in a sentence rather than with a crash.
public struct EndpointTableError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String {
        "The embedded Veo 3.1 endpoint table is unusable: \(message). Regenerate Sources/VendorData with scripts/embed-vendor-data.sh from a valid vendor file."
    }
}
