import Foundation
import MediaWorkerProtocol
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Clip probes, thumbnails and filmstrips, done by `veobatch-media` child processes that link
/// FFmpeg's libraries and stay up for the whole run.
///
/// Why a worker process rather than FFmpeg's libraries in veobatch: veobatch's own start-up stays
/// free of the ~150 shared libraries the worker loads (`--version`, cron and `status` runs pay
/// nothing), a crash in a decoder cannot take the run and its journal writes down, and the worker
/// is built against the system's FFmpeg at build time. Why not the `ffprobe`/`ffmpeg` tools: starting one costs 60–80 ms
/// of CPU here, twice per clip, which bound 1,000-clip runs on two cores.
///
/// A worker is started the first time a request needs one and reused; at most `width` run at once
/// (one per core, at least 2) and a request waits for a free one. A worker that crashes or does not
/// answer within `timeout` is killed and that request fails with the reason; the next request
/// starts a fresh worker. Without the executable (`locate` finds none) veobatch carries on without
/// the figures and pictures, saying so once.
public final class MediaWorker: @unchecked Sendable {
    public let executable: String
    let timeout: Duration
    let width: Int
    /// Async callers queue here, so a burst of finished downloads waits as tasks, not as threads.
    private let slots: WorkLimit
    /// Guards what follows; synchronous callers (report pictures) wait on it for a free place.
    private let state = NSCondition()
    /// Workers between requests.
    private var idle: [MediaWorkerProcess] = []
    /// Requests holding a place (at most `width`).
    private var places = 0
    /// Every worker process alive, idle or busy.
    private var running: Set<pid_t> = []

    public init(executable: String, timeout: Duration = .seconds(60),
                width: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) {
        self.executable = executable
        self.timeout = timeout
        self.width = max(1, width)
        slots = WorkLimit(width: self.width)
    }

    deinit {
        shutDown()
    }

    /// The worker of this process, found once (`locate`); nil when there is none.
    public static let shared: MediaWorker? = {
        guard let executable = locate() else { return nil }
        // Reaps the workers when veobatch exits (their CPU then counts as veobatch's children's).
        atexit { MediaWorker.shared?.shutDown() }
        return MediaWorker(executable: executable)
    }()

    /// `VEOBATCH_MEDIA_WORKER` when set (empty or not executable: no worker), else `veobatch-media`
    /// beside the running executable (an install, or `.build/debug` for tests), else on `PATH`.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executableFolder: String = (URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
    ) -> String? {
        let name = "veobatch-media"
        if let explicit = environment["VEOBATCH_MEDIA_WORKER"] {
            return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for folder in [executableFolder] + path where !folder.isEmpty {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The figures of the clip at `path`.
    public func probe(path: String) async -> Result<MediaProbe, MediaWorkerError> {
        await figures(MediaRequest(operation: .probe, path: path))
    }

    /// The figures of the clip at `path`, and its filmstrip drawn at `filmstrip`, in one exchange
    /// (a saved clip needs both). The figures come back even when the picture fails (the answer's
    /// `pictureError`): the report tries the picture again and says what is missing.
    func inspect(path: String, filmstrip: String) async -> Result<MediaProbe, MediaWorkerError> {
        await figures(MediaRequest(operation: .inspect, path: path, output: filmstrip))
    }

    /// The figures a probe or an inspection answers; an answer without them is a failure.
    private func figures(_ request: MediaRequest) async -> Result<MediaProbe, MediaWorkerError> {
        await answer(request).flatMap { answer in
            answer.probe.map { .success($0) } ?? .failure(MediaWorkerError("the media worker answered a \(request.operation.rawValue) without figures"))
        }
    }

    /// Writes a thumbnail or filmstrip of `path` to `output`.
    func picture(_ kind: MediaRequest.Operation, of path: String, to output: String) async -> Result<Void, MediaWorkerError> {
        await answer(MediaRequest(operation: kind, path: path, output: output)).map { _ in () }
    }

    /// `picture`, blocking the calling thread (reports are written from synchronous code). It waits
    /// for a free worker like everyone else; the workers run on threads of their own, so this never
    /// waits on the task it blocks.
    func pictureNow(_ kind: MediaRequest.Operation, of path: String, to output: String) -> Result<Void, MediaWorkerError> {
        answerNow(MediaRequest(operation: kind, path: path, output: output)).map { _ in () }
    }

    func answer(_ request: MediaRequest) async -> Result<MediaAnswer, MediaWorkerError> {
        await slots.run {
            await withCheckedContinuation { done in
                DispatchQueue.global().async { done.resume(returning: self.answerNow(request)) }
            }
        }
    }

    /// One request on one worker. A worker reused from an earlier request may have died since
    /// (killed from outside, or ended by the system): when it is gone before answering, the
    /// request is tried once more on a fresh one. A fresh worker that dies is not retried: the
    /// request itself is what crashed it.
    func answerNow(_ request: MediaRequest) -> Result<MediaAnswer, MediaWorkerError> {
        var line: Data
        do {
            line = try JSONEncoder().encode(request)
        } catch {
            return .failure(MediaWorkerError("the request could not be encoded: \(error)"))
        }
        line.append(0x0A)
        var worker = take()
        var fresh = false
        while true {
            if worker == nil {
                switch MediaWorkerProcess.start(executable, environment: Self.environment()) {
                case .success(let started):
                    state.withLock { _ = running.insert(started.pid) }
                    worker = started
                    fresh = true
                case .failure(let failure):
                    give(back: nil)
                    return .failure(failure)
                }
            }
            guard let current = worker else { continue }
            switch current.exchange(line, timeout: timeout) {
            case .success(let text):
                guard let answer = try? JSONDecoder().decode(MediaAnswer.self, from: text) else {
                    retire(current)
                    give(back: nil)
                    return .failure(MediaWorkerError("the media worker gave an unreadable answer"))
                }
                give(back: current)
                if let error = answer.error { return .failure(MediaWorkerError(error)) }
                return .success(answer)
            case .failure(let failure):
                retire(current)
                if fresh {
                    give(back: nil)
                    return .failure(failure)
                }
                worker = nil
            }
        }
    }

    /// The processes running now, idle or busy (tests end one to check the restart).
    var processIDs: [pid_t] {
        state.withLock { Array(running) }
    }

    /// Ends every idle worker (closing its input) and reaps it; busy ones end when veobatch does.
    public func shutDown() {
        let ending: [MediaWorkerProcess] = state.withLock {
            defer { idle.removeAll() }
            return idle
        }
        for worker in ending {
            worker.finish(grace: .seconds(2))
            state.withLock { _ = running.remove(worker.pid) }
        }
    }

    /// Waits for a place and holds it; returns an idle worker to reuse, or nil to start one.
    private func take() -> MediaWorkerProcess? {
        state.lock()
        defer { state.unlock() }
        while places >= width { state.wait() }
        places += 1
        return idle.popLast()
    }

    /// Frees the place of a request; `worker` (when it is still good) waits for the next one.
    private func give(back worker: MediaWorkerProcess?) {
        state.withLock {
            if let worker { idle.append(worker) }
            places -= 1
            state.signal()
        }
    }

    /// Kills a worker that failed (its request keeps its place).
    private func retire(_ worker: MediaWorkerProcess) {
        worker.stop()
        state.withLock { _ = running.remove(worker.pid) }
    }

    /// All the worker gets from veobatch's environment: where shared libraries are, if that was
    /// set. Never the API key (nor anything else the environment may hold).
    static func environment(_ base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        base.filter { $0.key == "LD_LIBRARY_PATH" }
    }
}
