/// Types many files by content at once, with a bounded number in flight.
///
/// Each file costs one libmagic pass (`mediaType(fileAt:)`: the MIME type from the first few KB)
/// and, for images, a read of the few header bytes that hold the pixel size. The work is small
/// and CPU-bound, so running ~2 × cores at once keeps every core busy without opening thousands
/// of files together.
enum FileTyping {
    /// What typing found: the MIME type by content and, for images, the pixel size.
    struct Typed: Sendable, Hashable {
        var mimeType: String
        var pixelSize: PixelSize?
    }

    /// Why a file could not be typed, as a sentence fragment from the detector's error.
    struct Failure: Error, Sendable, Hashable {
        var reason: String
    }

    static func types(
        of paths: [String], detector: any FileTypeDetecting, width: Int
    ) async -> [Result<Typed, Failure>] {
        var results = [Result<Typed, Failure>](repeating: .failure(Failure(reason: "not typed")), count: paths.count)
        guard !paths.isEmpty else { return results }
        await withTaskGroup(of: (Int, Result<Typed, Failure>).self) { group in
            var next = 0
            func addTask() {
                let index = next
                let path = paths[index]
                next += 1
                group.addTask { (index, type(path, detector: detector)) }
            }
            for _ in 0..<min(max(width, 1), paths.count) { addTask() }
            for await (index, result) in group {
                results[index] = result
                if next < paths.count { addTask() }
            }
        }
        return results
    }

    static func type(_ path: String, detector: any FileTypeDetecting) -> Result<Typed, Failure> {
        do {
            let mimeType = try detector.mediaType(fileAt: path)
            let pixelSize = mimeType.hasPrefix("image/") ? ImageHeader.pixelSize(ofFileAt: path, mimeType: mimeType) : nil
            return .success(Typed(mimeType: mimeType, pixelSize: pixelSize))
        } catch {
            return .failure(Failure(reason: String(describing: error)))
        }
    }
}
