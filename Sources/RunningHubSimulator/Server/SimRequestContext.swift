import Hummingbird
import NIOCore

/// The request context of the simulator's router: it keeps the connection, because some faults
/// act on the connection itself (closing it half-way through an answer).
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Thrown to end a connection without an answer: the server's connection handler closes the
/// socket when a responder throws, so the client sees the connection end (no status line at all,
/// or a body cut short) exactly as when a real server or proxy dies mid-request.
struct SimulatedDrop: Error {}
