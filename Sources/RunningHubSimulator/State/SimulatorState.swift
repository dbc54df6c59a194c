import Crypto
import Foundation
import Logging

/// Everything the simulator remembers: keys, tasks, files, faults and statistics. One actor, so
/// the capacity check and the task creation of a submit happen as one step.
actor SimulatorState {
    let configuration: SimulatorConfiguration
    let catalog: VeoCatalog
    let signer = URLSigner()
    let storageDirectory: String
    let logger: Logger

    /// `http://127.0.0.1:PORT`, known once the server is bound.
    private(set) var baseURL = ""
    private(set) var port = 0
    var faults: FaultPlan
    var ids: SeededRandom
    var tasks: [String: SimTask] = [:]
    /// Every task created, in order, as `GET /_sim/tasks` lists them.
    var taskLog: [SimulatorTaskRecord] = []
    var files: [String: StoredFile] = [:]
    var stats = SimulatorStats()

    enum KeyRole { case enterprise, normal }

    init(configuration: SimulatorConfiguration, catalog: VeoCatalog, storageDirectory: String) {
        self.configuration = configuration
        self.catalog = catalog
        self.storageDirectory = storageDirectory
        self.logger = configuration.logger
        self.faults = FaultPlan(rate: configuration.faultRate, capacityCode: configuration.capacityCode, seed: configuration.seed)
        self.ids = SeededRandom(seed: configuration.seed ^ 0x5EED_1D5)
    }

    func setAddress(host: String, port: Int) {
        self.port = port
        self.baseURL = httpBase(host: host, port: port)
    }

    // MARK: Keys

    /// The key from `Authorization: Bearer <key>`, if the header has that form.
    nonisolated static func bearerKey(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : key
    }

    nonisolated func role(of key: String?) -> KeyRole? {
        guard let key else { return nil }
        if configuration.apiKeys.contains(key) { return .enterprise }
        if configuration.nonEnterpriseKeys.contains(key) { return .normal }
        return nil
    }

    /// A per-key client id, as the API returns in `clientId` (a digest, never the key).
    nonisolated func clientID(for key: String) -> String {
        String(SHA256.hash(data: Data("client:\(key)".utf8)).hexString.prefix(32))
    }

    // MARK: Faults and statistics

    /// Counts a request and decides its fault.
    func begin(_ route: SimRoute) -> FaultKind? {
        stats.requestsByRoute[route.rawValue, default: 0] += 1
        let fault = faults.next(for: route)
        if let fault {
            stats.faultsInjected[fault.statsKey, default: 0] += 1
            logger.info("Injecting a fault", metadata: ["route": "\(route.rawValue)", "fault": "\(fault)"])
        }
        return fault
    }

    /// Queues scripted faults; returns the ones refused because they suit no route they name.
    @discardableResult
    func script(_ scripted: [ScriptedFault]) -> [ScriptedFault] {
        let refused = faults.add(scripted)
        for fault in refused {
            logger.warning(
                "Ignoring a scripted fault that cannot happen on its route",
                metadata: ["fault": "\(fault.fault)", "route": "\(fault.route.rawValue)"])
        }
        return refused
    }

    func clearScript() { faults.clear() }

    func currentStats() -> SimulatorStats { stats }

    func resetStats() { stats = SimulatorStats() }

    func countRejectedSubmit() { stats.rejectedSubmits += 1 }

    func countAuthHeaderOnFile() { stats.authHeaderOnFileURLs += 1 }

    func countDownload(bytes: Int, started: Bool) {
        if started { stats.downloads += 1 }
        stats.downloadBytes += bytes
    }

    // MARK: Files

    /// A fresh random token for a stored file, ending in its extension like a real object key.
    func newToken(fileExtension: String) -> String {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        return bytes.hexString + "." + fileExtension
    }

    /// The signed URL of a stored file, valid until `expires` (unix seconds).
    func signedURL(token: String, expires: Int) -> String {
        "\(baseURL)/files/\(token)?\(signer.query(token: token, expires: expires))"
    }

    /// Records a finished upload and returns its signed URL.
    func registerUpload(token: String, file: UploadedFile) -> String {
        files[token] = .upload(file)
        stats.uploads += 1
        stats.uploadBytes += Int(file.size)
        let expires = Int((Date().timeIntervalSince1970 + configuration.resultURLLifetime).rounded(.down))
        return signedURL(token: token, expires: expires)
    }

    /// What a `/files/<token>?expires=…&sig=…` request may get.
    enum FileLookup {
        case notFound, badSignature, expired
        case upload(UploadedFile)
        case result(clip: [UInt8])
    }

    func lookUpFile(token: String, expires: String?, signature: String?) -> FileLookup {
        guard let expires = expires.flatMap({ Int($0) }), let signature,
            signer.isValid(token: token, expires: expires, signature: signature)
        else {
            return files[token] == nil ? .notFound : .badSignature
        }
        if Date().timeIntervalSince1970 > Double(expires) { return .expired }
        switch files[token] {
        case .upload(let file): return .upload(file)
        case .result(let taskID):
            guard let task = tasks[taskID] else { return .notFound }
            return .result(
                clip: MP4Clip.make(
                    seconds: task.outputSeconds, portrait: task.portrait, taskID: task.id, extensions: task.extensions,
                    resolution: task.resolution, audio: task.audio))
        case nil: return .notFound
        }
    }

    /// The file behind a media URL that points at this simulator, or the reason it cannot be used.
    /// Nil when the URL points elsewhere (the simulator cannot fetch the internet and trusts it).
    func ownFile(at url: String, field: String) -> Result<StoredFile, Rejection>? {
        guard let components = URLComponents(string: url), let host = components.host,
            ["127.0.0.1", "localhost", "[::1]", "::1", configuration.host].contains(host), components.port == port,
            components.path.hasPrefix("/files/")
        else { return nil }
        let token = String(components.path.dropFirst("/files/".count))
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        let unusable = { (why: String) in
            Result<StoredFile, Rejection>.failure(Rejection(code: "1013", message: WireShapes.v2Message("1013") + ": `\(field)` " + why))
        }
        switch lookUpFile(token: token, expires: query["expires"], signature: query["sig"]) {
        case .notFound: return unusable("points at /files/\(token), which does not exist")
        case .badSignature: return unusable("has a signature that does not match; use the download_url exactly as returned")
        case .expired: return unusable("is a signed URL that has expired; upload the file again for a fresh URL")
        case .upload, .result: return files[token].map { .success($0) }
        }
    }
}
