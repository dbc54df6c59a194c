import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a `multipart/form-data` body piece by piece as it arrives, so an upload of any size goes
/// straight to disk: at most one network chunk plus a boundary's length is held at a time.
///
/// Written here rather than taken from MultipartKit to avoid a new package dependency for what is
/// one streaming state machine (RFC 7578 framing, no nested multiparts).
struct MultipartStreamParser {
    /// What the parser found.
    enum Event {
        case partBegan(PartHeaders)
        case bytes(ArraySlice<UInt8>)
        case partEnded
    }

    struct PartHeaders: Equatable {
        var name: String?
        var filename: String?
        var contentType: String?
    }

    enum Failure: Error, Equatable {
        case headersTooLong
        case malformedDelimiter
        case endedEarly
    }

    private enum State { case preamble, afterDelimiter, headers, body, epilogue }

    /// `\r\n--boundary`: what separates parts.
    private let delimiter: [UInt8]
    private var state = State.preamble
    /// Bytes not yet consumed. Starts with CRLF so the first delimiter looks like every other one.
    private var pending: [UInt8] = [13, 10]
    private static let maxHeaderBytes = 16 * 1024

    /// Nil when `contentType` is not multipart/form-data with a boundary.
    init?(contentType: String) {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let kind = parts.first, kind.lowercased() == "multipart/form-data" else { return nil }
        var boundary: String?
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                boundary = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        guard let boundary, !boundary.isEmpty, boundary.utf8.count <= 200 else { return nil }
        delimiter = [13, 10, 45, 45] + Array(boundary.utf8)
    }

    /// True once the closing delimiter has been read.
    var isFinished: Bool { state == .epilogue }

    /// Consumes the next piece of the body, reporting what it completes.
    mutating func feed(_ chunk: some Sequence<UInt8>, _ handle: (Event) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var progress = true
        while progress {
            progress = false
            switch state {
            case .preamble, .body:
                if let at = find(delimiter, in: pending) {
                    if state == .body {
                        if at > 0 { try handle(.bytes(pending[0..<at])) }
                        try handle(.partEnded)
                    }
                    pending.removeSubrange(0..<(at + delimiter.count))
                    state = .afterDelimiter
                    progress = true
                } else {
                    // Keep what could be the start of a delimiter split across chunks.
                    let keep = min(pending.count, delimiter.count - 1)
                    let emit = pending.count - keep
                    if emit > 0 {
                        if state == .body { try handle(.bytes(pending[0..<emit])) }
                        pending.removeSubrange(0..<emit)
                    }
                }
            case .afterDelimiter:
                guard pending.count >= 2 else { break }
                if pending[0] == 45, pending[1] == 45 {
                    state = .epilogue
                    pending.removeAll()
                } else if pending[0] == 13, pending[1] == 10 {
                    pending.removeSubrange(0..<2)
                    state = .headers
                    progress = true
                } else {
                    throw Failure.malformedDelimiter
                }
            case .headers:
                guard let end = find([13, 10, 13, 10], in: pending) else {
                    if pending.count > Self.maxHeaderBytes { throw Failure.headersTooLong }
                    break
                }
                let headers = Self.parseHeaders(pending[0..<end])
                pending.removeSubrange(0..<(end + 4))
                state = .body
                try handle(.partBegan(headers))
                progress = true
            case .epilogue:
                pending.removeAll()
            }
        }
    }

    /// Call at the end of the body: throws unless the closing delimiter was seen.
    func finish() throws {
        if state != .epilogue { throw Failure.endedEarly }
    }

    private static func parseHeaders(_ bytes: ArraySlice<UInt8>) -> PartHeaders {
        var headers = PartHeaders()
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "content-disposition":
                for item in pair[1].split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
                    guard kv.count == 2 else { continue }
                    let value = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    switch kv[0].lowercased() {
                    case "name": headers.name = value
                    case "filename": headers.filename = value
                    default: break
                    }
                }
            case "content-type":
                headers.contentType = pair[1]
            default:
                break
            }
        }
        return headers
    }

    /// Index of the first occurrence of `needle` in `haystack` (memchr on its first byte, then
    /// memcmp: fast even in debug builds).
    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { pin -> Int? in
                guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                let last = hay.count - pin.count
                var offset = 0
                while offset <= last {
                    guard let hit = memchr(hayBase + offset, Int32(pin[0]), last - offset + 1) else { return nil }
                    let index = hayBase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hayBase + index, pinBase, pin.count) == 0 { return index }
                    offset = index + 1
                }
                return nil
            }
        }
    }
}
