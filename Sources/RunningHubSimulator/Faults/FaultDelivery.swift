import Foundation
import Hummingbird
import NIOCore

/// An answer before faults are applied to it.
struct Reply: Sendable {
    var status: HTTPResponse.Status = .ok
    var bytes: [UInt8]
    var contentType: String = "application/json;charset=UTF-8"
    var headers: HTTPFields = [:]

    static func json(_ value: SimJSON, status: HTTPResponse.Status = .ok) -> Reply {
        Reply(status: status, bytes: Array(encodeResponseJSON(value)))
    }
}

/// Turns faults into what the client sees on the wire.
struct FaultDelivery: Sendable {
    let chunkDelay: Double

    /// Faults that replace the whole exchange before the route does anything. Nil when the
    /// request should go ahead (possibly with a fault applied to its answer afterwards).
    func before(_ fault: FaultKind?, route: SimRoute) throws -> Response? {
        switch fault {
        case .http500: return gateway(500, "Internal Server Error")
        case .http502: return gateway(502, "Bad Gateway")
        case .http503: return gateway(503, "Service Temporarily Unavailable")
        case .http429: return gateway(429, "Too Many Requests")
        case .capacity(let code): return response(.json(WireShapes.capacityError(route: route, code: code)))
        case .dropConnection: throw SimulatedDrop()
        default: return nil
        }
    }

    /// Delivers the route's answer, applying the faults that act after the request took effect.
    func after(_ fault: FaultKind?, _ reply: Reply, channel: any Channel) throws -> Response {
        switch fault {
        case .createThenDrop:
            throw SimulatedDrop()
        case .slowBody:
            let pieces = Self.pieces(reply.bytes)
            let delay = chunkDelay
            return response(
                reply,
                body: ResponseBody(contentLength: reply.bytes.count) { writer in
                    for (index, piece) in pieces.enumerated() {
                        if index > 0 { try await Task.sleep(for: .seconds(delay)) }
                        try await writer.write(ByteBuffer(bytes: piece))
                    }
                    try await writer.finish(nil)
                })
        case .truncatedBody:
            let half = Array(reply.bytes.prefix(reply.bytes.count / 2))
            return response(
                reply,
                body: ResponseBody(contentLength: reply.bytes.count) { writer in
                    try await writer.write(ByteBuffer(bytes: half))
                    try await Self.cut(channel)
                })
        default:
            return response(reply)
        }
    }

    /// Ends the answer here: the bytes already written are flushed, then the connection closes.
    /// (Half-closing the output waits for pending writes, unlike a full close.)
    static func cut(_ channel: any Channel) async throws -> Never {
        try? await channel.close(mode: .output)
        throw SimulatedDrop()
    }

    func response(_ reply: Reply, body: ResponseBody? = nil) -> Response {
        var headers = reply.headers
        headers[.contentType] = reply.contentType
        return Response(status: reply.status, headers: headers, body: body ?? ResponseBody(byteBuffer: ByteBuffer(bytes: reply.bytes)))
    }

    private func gateway(_ status: Int, _ reason: String) -> Response {
        var headers: HTTPFields = [.contentType: "text/html"]
        if status == 429 || status == 503 { headers[.retryAfter] = "1" }
        let page = WireShapes.gatewayPage(status: status, reason: reason)
        return Response(
            status: .init(code: status, reasonPhrase: reason), headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// About ten pieces, at least one byte each.
    static func pieces(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        guard !bytes.isEmpty else { return [] }
        let size = max(1, (bytes.count + 9) / 10)
        return stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
    }
}
