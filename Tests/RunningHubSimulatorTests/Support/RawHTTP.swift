import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What came back on one connection, byte for byte: lets a test tell a dropped connection (no
/// bytes), a cut body (fewer bytes than Content-Length) and a complete answer apart.
struct RawResponse: Sendable {
    /// Nil when the connection closed before a status line.
    let status: Int?
    /// Header names in lower case.
    let headers: [String: String]
    let body: [UInt8]
    /// Every byte received, headers included.
    let totalBytes: Int
    /// Number of `recv` calls that returned data (a slow body arrives in several).
    let reads: Int

    var declaredLength: Int? { headers["content-length"].flatMap { Int($0) } }
    var isComplete: Bool { status != nil && (declaredLength.map { $0 == body.count } ?? true) }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw RawHTTPError(message: "The body is not a JSON object: \(text)")
        }
        return object
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A deliberately small HTTP/1.1 client over a blocking socket on its own thread (so it never
/// blocks the test's concurrency pool). One request per connection, `Connection: close`.
enum RawHTTP {
    static func send(
        port: Int, method: String, path: String, headers: [String: String] = [:], body: [UInt8] = [], head: Bool = false
    ) async throws -> RawResponse {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { request += "Content-Length: \(body.count)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8) + body
        let raw = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(bytes: [UInt8], reads: Int), any Error>) in
            Thread {
                continuation.resume(with: Result { try exchange(port: port, bytes: bytes) })
            }.start()
        }
        return parse(raw.bytes, reads: raw.reads, head: head || method == "HEAD")
    }

    /// JSON POST with an optional Bearer key.
    static func postJSON(port: Int, path: String, key: String?, json: String) async throws -> RawResponse {
        var headers = ["Content-Type": "application/json"]
        if let key { headers["Authorization"] = "Bearer \(key)" }
        return try await send(port: port, method: "POST", path: path, headers: headers, body: Array(json.utf8))
    }

    /// GET of an absolute URL on the simulator (as returned in `download_url` or a result `url`).
    static func get(_ url: String, headers: [String: String] = [:], method: String = "GET") async throws -> RawResponse {
        guard let components = URLComponents(string: url), let port = components.port else {
            throw RawHTTPError(message: "Not a URL with a port: \(url)")
        }
        var target = components.percentEncodedPath
        if let query = components.percentEncodedQuery { target += "?" + query }
        return try await send(port: port, method: method, path: target, headers: headers)
    }

    private static func exchange(port: Int, bytes: [UInt8]) throws -> (bytes: [UInt8], reads: Int) {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RawHTTPError(message: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawHTTPError(message: "connect() to port \(port) failed: errno \(errno)") }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
                let flags = Int32(MSG_NOSIGNAL)
            #else
                let flags: Int32 = 0
            #endif
            let sent = bytes[offset...].withUnsafeBytes { socketSend(fd, $0.baseAddress, $0.count, flags) }
            // The server may close early (a dropped connection): stop sending and read what came.
            if sent <= 0 { break }
            offset += sent
        }
        var received: [UInt8] = []
        var reads = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            reads += 1
            received += buffer[0..<count]
        }
        return (received, reads)
    }

    private static func parse(_ raw: [UInt8], reads: Int, head: Bool) -> RawResponse {
        var rest = raw[...]
        while true {
            guard let end = find([13, 10, 13, 10], in: rest) else {
                return RawResponse(status: nil, headers: [:], body: [], totalBytes: raw.count, reads: reads)
            }
            let lines = String(decoding: rest[rest.startIndex..<end], as: UTF8.self).components(separatedBy: "\r\n")
            let status = lines.first.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2 { headers[pair[0].lowercased()] = pair[1] }
            }
            rest = rest[(end + 4)...]
            // Skip interim answers such as 100 Continue.
            if let status, (100..<200).contains(status) { continue }
            return RawResponse(status: status, headers: headers, body: head ? [] : Array(rest), totalBytes: raw.count, reads: reads)
        }
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// The C `send`, out of reach of `RawHTTP.send`'s name.
private func socketSend(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(fd, buffer, count, flags)
}
