import Foundation
import Hummingbird

/// `/_sim/*`: what a test uses to steer the simulator and read what it saw. Not part of the
/// RunningHub contract, needs no key, and is never faulted.
struct AdminRoutes: Sendable {
    let state: SimulatorState

    func register(on router: Router<SimRequestContext>) {
        router.get("/_sim/stats") { _, _ in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return Self.json(try encoder.encode(await state.currentStats()))
        }
        router.get("/_sim/tasks") { _, _ in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            return Self.json(try encoder.encode(await state.taskRecords()))
        }
        router.post("/_sim/reset-stats") { _, _ in
            await state.resetStats()
            return Self.json(Data(#"{"ok":true}"#.utf8))
        }
        router.post("/_sim/script") { request, _ in
            let body = try await ApiRoutes.readBody(request)
            let faults: [ScriptedFault]
            do {
                faults = try JSONDecoder().decode([ScriptedFault].self, from: body)
            } catch {
                let message = "The body must be a JSON array of {\"route\": …, \"fault\": …, \"count\": n}: \(error)"
                return Self.json(encodeResponseJSON(.object(["ok": .bool(false), "error": .string(message)])), status: .badRequest)
            }
            let refused = await state.script(faults)
            guard refused.isEmpty else {
                let names = refused.map { "\($0.fault) on \($0.route.rawValue)" }.joined(separator: ", ")
                let message = "These faults cannot happen on the route they name (or have a count below 1) and were ignored: \(names)."
                return Self.json(encodeResponseJSON(.object(["ok": .bool(false), "error": .string(message)])), status: .badRequest)
            }
            return Self.json(Data(#"{"ok":true}"#.utf8))
        }
        router.delete("/_sim/script") { _, _ in
            await state.clearScript()
            return Self.json(Data(#"{"ok":true}"#.utf8))
        }
    }

    private static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
