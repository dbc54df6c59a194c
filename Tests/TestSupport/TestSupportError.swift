/// Why a piece of test support could not do its part (a product not built, a simulator with no
/// key); the message says what to do.
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
