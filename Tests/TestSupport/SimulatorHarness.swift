import Foundation
import RunningHubSimulator

/// The RunningHub simulator running in the test process on 127.0.0.1 (port 0): the one way every
/// test target starts it. It names no VeoBatch type, so the simulator's own tests use it too.
///
/// `key` is the first enterprise key; `environment` is what a `veobatch` command needs to talk to
/// this simulator. Stop it with `stop()`, or let `with` start and stop it around a body.
public struct SimulatorHarness: Sendable {
    public let server: RunningHubSimulatorServer
    public let key: String

    public var baseURL: String { server.baseURL }
    public var port: Int { server.port }

    /// `RUNNINGHUB_API_KEY` and `RUNNINGHUB_BASE_URL` for this simulator.
    public var environment: [String: String] { ["RUNNINGHUB_API_KEY": key, "RUNNINGHUB_BASE_URL": baseURL] }

    /// A key no other simulator of this process accepts.
    public static func freshKey() -> String { "sk-test-\(UUID().uuidString.lowercased())" }

    /// Starts a simulator with one fresh enterprise key (unless `apiKeys` names them), the timing
    /// given, and whatever else `configure` sets. The defaults suit end-to-end runs: tasks of a
    /// fraction of a second, a fixed seed, no faults, list prices in USD.
    public static func start(
        apiKeys: [String] = [freshKey()], nonEnterpriseKeys: [String] = [],
        concurrentLimit: Int = 50, taskSeconds: Double = 0.3, faultRate: Double = 0, seed: UInt64 = 1,
        currency: String = "USD", priceScale: Decimal = 1,
        configure: (inout SimulatorConfiguration) -> Void = { _ in }
    ) async throws -> SimulatorHarness {
        var configuration = SimulatorConfiguration(
            apiKeys: apiKeys, nonEnterpriseKeys: nonEnterpriseKeys, concurrentLimit: concurrentLimit, taskSeconds: taskSeconds,
            faultRate: faultRate, seed: seed, currency: currency, priceScale: priceScale)
        configure(&configuration)
        return try await start(configuration)
    }

    /// Starts a simulator exactly as `configuration` says; `key` is its first enterprise key.
    public static func start(_ configuration: SimulatorConfiguration) async throws -> SimulatorHarness {
        guard let key = configuration.apiKeys.first else { throw TestSupportError("a simulator for tests needs an enterprise key") }
        let server = RunningHubSimulatorServer(configuration: configuration)
        try await server.start()
        return SimulatorHarness(server: server, key: key)
    }

    /// Runs `body` against a simulator started from `configuration`, and stops it afterwards,
    /// whether `body` returned or threw.
    public static func with<T>(_ configuration: SimulatorConfiguration, _ body: (SimulatorHarness) async throws -> T) async throws -> T {
        let harness = try await start(configuration)
        do {
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }

    /// Stops the server and frees its port (and its storage, unless the configuration chose a folder).
    public func stop() async { await server.stop() }
}
