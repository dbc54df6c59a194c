import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// A local RunningHub: every route of runninghub-api.md that veobatch uses, on 127.0.0.1.
///
/// Where the contract is UNCONFIRMED the simulator picks one answer and sticks to it:
/// business errors come with HTTP 200 (the upload's bad key too: `{"code":401,…}`); schema
/// violations, unknown fields included, are `1007`; a media URL of this simulator that is
/// missing, wrongly signed or expired is `1013`, over the field's `maxSize` `1008`, of a format
/// the field does not accept `1007`; outside media URLs are trusted (and an outside `video` counts
/// as a fresh 8 s clip); over the per-key limit a submit is refused with `capacityCode`, never
/// queued; unknown `/openapi/` paths are HTTP 404 with `1001`; queue status by POST is `1009`.
///
/// ```swift
/// let sim = RunningHubSimulatorServer(configuration: .init(apiKeys: ["sk-test"]))
/// try await sim.start()
/// // … point a client at sim.baseURL …
/// await sim.stop()
/// ```
public final class RunningHubSimulatorServer: Sendable {
    public let configuration: SimulatorConfiguration
    private let state: SimulatorState
    private let storage: (path: String, owned: Bool)
    private let catalogError: String?
    private let running = Mutex<Running?>(nil)

    private struct Running {
        let port: Int
        let server: Server<HTTP1Channel>
        let task: Task<Void, Never>
    }

    public init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        if let directory = configuration.storageDirectory {
            storage = (directory, false)
        } else {
            storage = (FileManager.default.temporaryDirectory.appendingPathComponent("rh-sim-\(UUID().uuidString)").path, true)
        }
        var catalog = VeoCatalog(endpoints: [:], prices: [:])
        var catalogError: String?
        do {
            catalog = try VeoCatalog.load()
        } catch {
            catalogError =
                "The embedded vendor endpoint table could not be decoded (\(error)); rebuild from ../shared/data with scripts/embed-vendor-data.sh."
        }
        self.catalogError = catalogError
        state = SimulatorState(configuration: configuration, catalog: catalog, storageDirectory: storage.path)
    }

    /// The bound port; 0 before `start()` returns.
    public var port: Int { running.withLock { $0?.port ?? 0 } }

    /// `http://127.0.0.1:PORT`, the base of every API route and file URL.
    public var baseURL: String { httpBase(host: configuration.host, port: port) }

    /// Binds the port and starts answering. Returns once connections are accepted.
    public func start() async throws {
        if let catalogError { throw SimulatorError(message: catalogError) }
        guard ["127.0.0.1", "localhost", "::1"].contains(configuration.host) else {
            throw SimulatorError(
                message: "The simulator listens on loopback only; \(configuration.host) is not 127.0.0.1, ::1 or localhost.")
        }
        guard running.withLock({ $0 == nil }) else { return }
        try FileManager.default.createDirectory(atPath: storage.path, withIntermediateDirectories: true)

        let logger = configuration.logger
        let responder = makeRouter().buildResponder()
        let childChannel = HTTP1Channel(responder: { request, responseWriter, channel in
            let context = SimRequestContext(source: .init(channel: channel, logger: logger))
            // curl asks before sending a large body; answer at once, as nginx does.
            if request.headers[.expect]?.lowercased() == "100-continue" {
                try await responseWriter.writeInformationalHead(HTTPResponse(status: .continue))
            }
            // The path only: file URLs carry their signature in the query string.
            logger.debug("Request", metadata: ["method": "\(request.method.rawValue)", "path": "\(request.uri.path)"])
            var response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch let drop as SimulatedDrop {
                throw drop
            } catch {
                // Most often the client went away in the middle of its request body.
                logger.info("A request ended with an error: \(error)", metadata: ["path": "\(request.uri.path)"])
                response = Response(status: .internalServerError)
            }
            let path = request.uri.path
            if response.status == .notFound, path.hasPrefix("/openapi/") || path.hasPrefix("/uc/") || path.hasPrefix("/task/") {
                response = Response(
                    status: .notFound, headers: [.contentType: "application/json;charset=UTF-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: encodeResponseJSON(WireShapes.unknownPath(path)))))
            }
            try await responseWriter.write(response: response.head, body: response.body)
        })

        let (bound, boundContinuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let server = Server(
            childChannelSetup: childChannel,
            configuration: ServerConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? 0)
            },
            eventLoopGroup: EventLoopGroupProvider.singleton.eventLoopGroup,
            logger: logger
        )
        let task = Task {
            do {
                try await server.run()
                boundContinuation.finish()
            } catch {
                boundContinuation.finish(throwing: error)
            }
        }
        var port = 0
        do {
            for try await value in bound {
                port = value
                break
            }
        } catch {
            throw SimulatorError(
                message:
                    "The simulator could not listen on \(configuration.host):\(configuration.port): \(error). Pick another port or use 0.")
        }
        guard port > 0 else {
            task.cancel()
            throw SimulatorError(message: "The simulator stopped before it was listening on \(configuration.host):\(configuration.port).")
        }
        await state.setAddress(host: configuration.host, port: port)
        running.withLock { $0 = Running(port: port, server: server, task: task) }
        logger.info("RunningHub simulator listening", metadata: ["url": "\(httpBase(host: configuration.host, port: port))"])
    }

    /// Stops accepting, lets answers in progress finish (for up to two seconds), then removes the
    /// temporary storage folder if the simulator made it.
    public func stop() async {
        guard
            let current = running.withLock({ value -> Running? in
                defer { value = nil }; return value
            })
        else { return }
        let shutdown = Task { try? await current.server.shutdownGracefully() }
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(2))
            if !Task.isCancelled { current.task.cancel() }
        }
        await current.task.value
        watchdog.cancel()
        _ = shutdown
        if storage.owned { try? FileManager.default.removeItem(atPath: storage.path) }
    }

    /// What the simulator saw so far (the same data as `GET /_sim/stats`).
    public func stats() async -> SimulatorStats { await state.currentStats() }

    /// Every task created so far, in order (the same data as `GET /_sim/tasks`): what a user would
    /// find in RunningHub's console when settling a submit whose outcome is unknown.
    public func tasks() async -> [SimulatorTaskRecord] { await state.taskRecords() }

    /// Zeroes the statistics (the same as `POST /_sim/reset-stats`).
    public func resetStats() async { await state.resetStats() }

    /// Queues faults for coming requests, behind those already queued (`POST /_sim/script`).
    /// Faults that cannot happen on the route they name are ignored with a warning in the log.
    public func script(_ faults: [ScriptedFault]) async { await state.script(faults) }

    private func makeRouter() -> Router<SimRequestContext> {
        let router = Router(context: SimRequestContext.self)
        let delivery = FaultDelivery(chunkDelay: configuration.slowBodyChunkDelay)
        UploadRoute(state: state, delivery: delivery).register(on: router)
        ApiRoutes(state: state, delivery: delivery).register(on: router, endpoints: state.catalog.endpointNames)
        FileRoute(state: state, delivery: delivery).register(on: router)
        AdminRoutes(state: state).register(on: router)
        return router
    }
}

/// `http://host:port`, with an IPv6 literal in brackets.
func httpBase(host: String, port: Int) -> String {
    host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
}

/// A simulator that cannot start, said in a sentence.
public struct SimulatorError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
