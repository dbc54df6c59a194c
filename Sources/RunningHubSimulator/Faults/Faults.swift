/// The routes a fault can be aimed at. `any` matches the next request of any route the fault suits.
public enum SimRoute: String, Codable, Sendable, CaseIterable {
    case upload, submit, query, download, queueStatus, accountStatus, pricePreview, any
}

/// What goes wrong with one request.
///
/// In JSON (`POST /_sim/script`) a kind is a string: `"http500"`, `"dropConnection"`,
/// `"capacity:421"`, `"failTask:1501"`.
public enum FaultKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The HTTP status alone, with a gateway-style HTML body (no JSON envelope).
    case http500, http502, http503, http429
    /// The route's own error shape with this code (421, 415, 1520, 1003) and HTTP 200.
    case capacity(code: String)
    /// The connection closes before any byte of the answer. A submit creates no task.
    case dropConnection
    /// The request takes effect (a submit creates its task, an upload stores its file), then the
    /// connection closes before any byte of the answer: the client cannot know the outcome.
    case createThenDrop
    /// The whole answer arrives, in about ten pieces spaced by `slowBodyChunkDelay`.
    case slowBody
    /// The answer announces `Content-Length: N` and the connection closes after N/2 bytes.
    /// The request takes effect first (a submit creates its task).
    case truncatedBody
    /// Submit only: the task is created normally and ends FAILED with this code
    /// (1501, 1505, 1015, 1006, 1504).
    case failTask(code: String)
    /// Submit only: the task succeeds, but its clip lasts this many seconds whatever was asked
    /// (the unstable low-price channels do this; veobatch must flag it).
    case clipSeconds(Double)

    public var description: String {
        switch self {
        case .http500: return "http500"
        case .http502: return "http502"
        case .http503: return "http503"
        case .http429: return "http429"
        case .capacity(let code): return "capacity:\(code)"
        case .dropConnection: return "dropConnection"
        case .createThenDrop: return "createThenDrop"
        case .slowBody: return "slowBody"
        case .truncatedBody: return "truncatedBody"
        case .failTask(let code): return "failTask:\(code)"
        case .clipSeconds(let seconds): return "clipSeconds:\(seconds)"
        }
    }

    /// Parses the string form used in JSON.
    public init?(text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first ?? "", parts.count > 1 ? parts[1] : nil) {
        case ("http500", nil): self = .http500
        case ("http502", nil): self = .http502
        case ("http503", nil): self = .http503
        case ("http429", nil): self = .http429
        case ("capacity", let code?) where !code.isEmpty: self = .capacity(code: code)
        case ("dropConnection", nil): self = .dropConnection
        case ("createThenDrop", nil): self = .createThenDrop
        case ("slowBody", nil): self = .slowBody
        case ("truncatedBody", nil): self = .truncatedBody
        case ("failTask", let code?) where !code.isEmpty: self = .failTask(code: code)
        case ("clipSeconds", let text?):
            guard let seconds = Double(text), seconds > 0, seconds < 1000 else { return nil }
            self = .clipSeconds(seconds)
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let kind = FaultKind(text: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "Unknown fault \"\(text)\"; use http500, http502, http503, http429, capacity:<code>, dropConnection, createThenDrop, slowBody, truncatedBody, failTask:<code> or clipSeconds:<seconds>."
                ))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Whether this kind means something on `route`. A scripted fault waits for a route it suits.
    public func suits(_ route: SimRoute) -> Bool {
        switch self {
        case .failTask, .clipSeconds: return route == .submit || route == .any
        case .capacity: return route != .download
        default: return true
        }
    }

    /// The statistics key: the kind without its code for capacity, with it for failTask.
    var statsKey: String { description }
}

/// A fault to inject into the next `count` requests of `route`.
public struct ScriptedFault: Codable, Sendable, Hashable {
    public var route: SimRoute
    public var fault: FaultKind
    public var count: Int = 1

    public init(route: SimRoute, fault: FaultKind, count: Int = 1) {
        self.route = route
        self.fault = fault
        self.count = count
    }

    private enum CodingKeys: String, CodingKey { case route, fault, count }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.route = try container.decode(SimRoute.self, forKey: .route)
        self.fault = try container.decode(FaultKind.self, forKey: .fault)
        self.count = try container.decodeIfPresent(Int.self, forKey: .count) ?? 1
    }
}

/// Decides which fault, if any, hits each request: scripted faults first (in order, per route),
/// then a random one with probability `rate`, drawn from the kinds that suit the route.
struct FaultPlan: Sendable {
    private(set) var script: [ScriptedFault] = []
    let rate: Double
    let capacityCode: String
    var random: SeededRandom

    init(rate: Double, capacityCode: String, seed: UInt64) {
        self.rate = rate
        self.capacityCode = capacityCode
        self.random = SeededRandom(seed: seed)
    }

    /// Queues faults behind those already waiting. Faults that suit no route are refused.
    mutating func add(_ faults: [ScriptedFault]) -> [ScriptedFault] {
        var refused: [ScriptedFault] = []
        for fault in faults {
            if fault.count > 0, fault.fault.suits(fault.route) { script.append(fault) } else { refused.append(fault) }
        }
        return refused
    }

    mutating func clear() { script.removeAll() }

    /// The fault for the next request on `route`, consuming it.
    mutating func next(for route: SimRoute) -> FaultKind? {
        if let index = script.firstIndex(where: { ($0.route == route || $0.route == .any) && $0.fault.suits(route) }) {
            let kind = script[index].fault
            script[index].count -= 1
            if script[index].count <= 0 { script.remove(at: index) }
            return kind
        }
        guard rate > 0, random.nextDouble() < rate else { return nil }
        let mix = Self.randomMix(for: route, capacityCode: capacityCode)
        let kind = mix[random.nextInt(below: mix.count)]
        if case .failTask = kind {
            return .failTask(code: Self.taskFailureCodes[random.nextInt(below: Self.taskFailureCodes.count)])
        }
        return kind
    }

    /// Failure codes a random `failTask` picks from (runninghub-api.md §3.1).
    static let taskFailureCodes = ["1501", "1505", "1015", "1006", "1504"]

    /// The kinds a random fault picks from, per route: whatever a client could meet there.
    static func randomMix(for route: SimRoute, capacityCode: String) -> [FaultKind] {
        let transport: [FaultKind] = [.http500, .http502, .http503, .http429, .dropConnection, .slowBody]
        switch route {
        case .submit:
            // One failTask entry; `next(for:)` picks its code.
            return transport + [.capacity(code: capacityCode), .createThenDrop, .truncatedBody, .failTask(code: "1015")]
        case .upload:
            return transport + [.createThenDrop]
        case .download:
            return [.http500, .http503, .dropConnection, .slowBody, .truncatedBody]
        case .query:
            return transport + [.truncatedBody]
        case .queueStatus, .accountStatus, .pricePreview, .any:
            return transport
        }
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same run. Public so
/// the test targets seed their own sequences (kill moments, sample dates) with the same one.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in [0, bound).
    public mutating func nextInt(below bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
}
