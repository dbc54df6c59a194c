#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import VeoBatch

/// Writes to file descriptor 1 with `write(2)`, whole strings at once, ignoring a reader that
/// went away (EPIPE) instead of failing the run.
enum StandardOutput {
    static func put(_ text: String) {
        let bytes = Array(text.utf8)
        // A reader that went away (EPIPE) or a full disk loses the line, never the run.
        _ = bytes.withUnsafeBytes { FileWrite.all(STDOUT_FILENO, $0) }
    }
}
