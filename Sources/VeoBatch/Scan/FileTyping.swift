/// Types many files by content at once, with a bounded number in flight.
///
/// The detector reads only the leading bytes it needs, so the work per file is small and mostly
/// waiting on the disk or on libmagic's matcher; running ~2 × cores at once keeps every core busy
/// without opening thousands of files together.
enum FileTyping {
    /// Why a file could not be typed, as a sentence fragment from the detector's error.
    struct Failure: Error, Sendable, Hashable {
        var reason: String
    }

    static func types(
        of paths: [String], detector: any FileTypeDetecting, width: Int
    ) async -> [Result<DetectedFileType, Failure>] {
        var results = [Result<DetectedFileType, Failure>](repeating: .failure(Failure(reason: "not typed")), count: paths.count)
        guard !paths.isEmpty else { return results }
        await withTaskGroup(of: (Int, Result<DetectedFileType, Failure>).self) { group in
            var next = 0
            func addTask() {
                let index = next
                let path = paths[index]
                next += 1
                group.addTask {
                    do {
                        return (index, .success(try detector.detect(fileAt: path)))
                    } catch {
                        return (index, .failure(Failure(reason: String(describing: error))))
                    }
                }
            }
            for _ in 0..<min(max(width, 1), paths.count) { addTask() }
            for await (index, result) in group {
                results[index] = result
                if next < paths.count { addTask() }
            }
        }
        return results
    }
}
