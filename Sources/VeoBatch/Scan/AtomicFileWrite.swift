import Foundation

/// Replaces a draft manifest in one step (`FileWrite.replaceAtomically`): a crash or a full disk
/// leaves the old manifest as it was.
enum AtomicFileWrite {
    static func replace(_ path: String, with data: Data) throws(ScanError) {
        do {
            try FileWrite.replaceAtomically(path, with: data)
        } catch {
            throw .manifestWriteFailed(path: path, reason: error.reason)
        }
    }
}
