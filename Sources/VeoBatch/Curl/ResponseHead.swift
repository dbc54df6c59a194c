/// The status line and headers of the response being received, built one header line at a time
/// from libcurl's header callback.
///
/// curl hands over every head it sees: `100 Continue`, a proxy's `200 Connection established`,
/// then the real answer. A new status line starts over, so once the body begins this holds the
/// final response's head only.
struct ResponseHead {
    private(set) var status = 0
    private(set) var headers: [HTTPHeader] = []

    /// Feeds one raw header line (including its CRLF).
    mutating func consume(line bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingLineEnd
        if line.hasPrefix("HTTP/") {
            // "HTTP/1.1 206 Partial Content", "HTTP/2 200"
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            status = fields.count >= 2 ? Int(fields[1]) ?? 0 : 0
            headers = []
        } else if let colon = line.firstIndex(of: ":"), colon != line.startIndex {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingOptionalWhitespace
            headers.append(HTTPHeader(name, value))
        }
        // Blank lines end a head; obsolete folded continuation lines are ignored.
    }

    /// The first header with this name, compared case-insensitively.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// `Content-Length`, when present and valid.
    var contentLength: Int64? {
        header("Content-Length").flatMap { Int64($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// `Content-Range` of a 206 or 416 answer.
    var contentRange: ContentRange? {
        header("Content-Range").flatMap(ContentRange.init(parsing:))
    }
}

extension ResponseHead {
    /// A parsed `Content-Range: bytes first-last/complete` (or `bytes */complete` on a 416).
    struct ContentRange: Hashable {
        /// First byte sent, or nil for the `*` form.
        var first: Int64?
        var last: Int64?
        /// The whole resource's length, or nil when the server wrote `*`.
        var completeLength: Int64?

        init?(parsing text: String) {
            let trimmed = text.trimmingOptionalWhitespace
            guard trimmed.lowercased().hasPrefix("bytes ") else { return nil }
            let spec = trimmed.dropFirst("bytes ".count).trimmingOptionalWhitespace
            let halves = spec.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard halves.count == 2 else { return nil }
            if halves[1] == "*" {
                completeLength = nil
            } else if let total = Int64(halves[1]), total >= 0 {
                completeLength = total
            } else {
                return nil
            }
            if halves[0] == "*" {
                first = nil
                last = nil
            } else {
                let bounds = halves[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
                guard bounds.count == 2, let first = Int64(bounds[0]), let last = Int64(bounds[1]), first >= 0, last >= first else {
                    return nil
                }
                self.first = first
                self.last = last
            }
        }
    }
}

extension StringProtocol {
    fileprivate var trimmingLineEnd: Substring {
        var text = Substring(self)
        while let last = text.last, last == "\r\n" || last == "\n" || last == "\r" {
            text.removeLast()
        }
        return text
    }

    /// HTTP's optional whitespace (OWS: spaces and tabs) around a header value.
    fileprivate var trimmingOptionalWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
