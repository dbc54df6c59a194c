import Foundation
import Testing

@testable import RunningHubSimulator

@Suite("Fault plan")
struct FaultPlanTests {
    @Test("scripted faults are used in order, per route, and `any` waits for a route it suits")
    func scriptedOrder() {
        var plan = FaultPlan(rate: 0, capacityCode: "421", seed: 1)
        let refused = plan.add([
            ScriptedFault(route: .any, fault: .failTask(code: "1501")),
            ScriptedFault(route: .query, fault: .http502, count: 2),
            ScriptedFault(route: .submit, fault: .dropConnection),
            ScriptedFault(route: .download, fault: .capacity(code: "421")),
        ])
        #expect(refused == [ScriptedFault(route: .download, fault: .capacity(code: "421"))])
        #expect(plan.next(for: .query) == .http502)
        #expect(plan.next(for: .submit) == .failTask(code: "1501"))
        #expect(plan.next(for: .query) == .http502)
        #expect(plan.next(for: .query) == nil)
        #expect(plan.next(for: .submit) == .dropConnection)
        #expect(plan.next(for: .submit) == nil)
    }

    @Test("random faults are replayed exactly from the same seed and suit their route")
    func seeded() {
        var first = FaultPlan(rate: 0.5, capacityCode: "1520", seed: 99)
        var second = FaultPlan(rate: 0.5, capacityCode: "1520", seed: 99)
        let routes: [SimRoute] = [.submit, .query, .download, .upload]
        let a = (0..<400).map { first.next(for: routes[$0 % 4]) }
        let b = (0..<400).map { second.next(for: routes[$0 % 4]) }
        #expect(a == b)
        let hits = a.compactMap { $0 }.count
        #expect((120...280).contains(hits), "rate 0.5 gave \(hits) of 400")
        for (index, fault) in a.enumerated() {
            guard let fault else { continue }
            #expect(fault.suits(routes[index % 4]))
            if case .capacity(let code) = fault { #expect(code == "1520") }
            if case .failTask(let code) = fault { #expect(FaultPlan.taskFailureCodes.contains(code)) }
        }
    }

    @Test("fault kinds read and write their JSON string form")
    func codable() throws {
        let json = #"[{"route":"submit","fault":"capacity:1520","count":2},{"route":"any","fault":"slowBody"}]"#
        let faults = try JSONDecoder().decode([ScriptedFault].self, from: Data(json.utf8))
        #expect(
            faults == [
                ScriptedFault(route: .submit, fault: .capacity(code: "1520"), count: 2), ScriptedFault(route: .any, fault: .slowBody),
            ])
        let encoded = String(decoding: try JSONEncoder().encode(FaultKind.failTask(code: "1505")), as: UTF8.self)
        #expect(encoded == #""failTask:1505""#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ScriptedFault].self, from: Data(#"[{"route":"submit","fault":"explode"}]"#.utf8))
        }
    }
}
