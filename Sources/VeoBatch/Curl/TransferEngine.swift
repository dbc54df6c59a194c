import CCurl
import Foundation
import Logging
import Synchronization

/// Runs every transfer of one `CurlTransport` on one curl multi handle, on one dedicated thread.
///
/// The thread loops `curl_multi_perform` → `curl_multi_info_read` → `curl_multi_poll`. Work arrives
/// through a locked inbox followed by `curl_multi_wakeup`, which interrupts the poll; callers
/// await a continuation that the thread resumes when curl reports the transfer done. One multi
/// handle means one connection cache, so consecutive requests to a host reuse its connection.
///
/// `@unchecked Sendable` because its state is split by thread: `inbox` and `statistics` are behind
/// mutexes, `multi` and `running` belong to the engine thread alone (other threads only call
/// `multi.wakeUp()`, and only under the inbox lock while the thread is still looping).
final class TransferEngine: @unchecked Sendable {
    struct Statistics: Sendable, Hashable {
        var transfersFinished = 0
        var connectionsOpened = 0
    }

    private struct Inbox {
        var arrivals: [Transfer] = []
        var cancellations: [Transfer] = []
        var stopRequested = false
    }

    private let multi: CurlMultiHandle
    private let inbox = Mutex(Inbox())
    private let counters = Mutex(Statistics())
    private let engineThread = Mutex<pthread_t?>(nil)
    private let stopped = DispatchSemaphore(value: 0)
    private let logger: Logger
    /// Transfers inside the multi handle, by easy handle. Engine thread only.
    private var running: [UnsafeMutableRawPointer: Transfer] = [:]

    init(maxConnections: Int, logger: Logger) throws(TransportError) {
        multi = try CurlMultiHandle(maxConnections: maxConnections)
        self.logger = logger
        let thread = Thread { [self] in self.loop() }
        thread.name = "veobatch-curl"
        thread.start()
    }

    var statistics: Statistics { counters.withLock { $0 } }

    /// Runs a configured transfer to its end. Cancelling the awaiting task takes the transfer out
    /// of the engine at once and throws `TransportError` of kind `.cancelled`.
    func run(_ transfer: Transfer) async throws -> TransferOutcome {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<TransferOutcome, any Error>) in
                transfer.continuation = continuation
                submit(transfer)
            }
        } onCancel: {
            cancel(transfer)
        }
    }

    /// Stops the thread: transfers still running end with `.cancelled`, then the multi handle and
    /// its cached connections are freed. With `wait`, returns once that is done (never waits when
    /// called on the engine thread itself, e.g. from a progress handler).
    func stop(wait: Bool) {
        inbox.withLock { box in
            guard !box.stopRequested else { return }
            box.stopRequested = true
            multi.wakeUp()
        }
        guard wait, !isOnEngineThread else { return }
        stopped.wait()
        stopped.signal()  // let any other waiter through too
    }

    // MARK: Any thread

    private func submit(_ transfer: Transfer) {
        let accepted = inbox.withLock { box in
            guard !box.stopRequested else { return false }
            box.arrivals.append(transfer)
            multi.wakeUp()
            return true
        }
        if !accepted {
            // The engine never saw it, so this thread may still finish it.
            deliver(transfer, .failure(transfer.abandon(Self.closedError(transfer.url))))
        }
    }

    private func cancel(_ transfer: Transfer) {
        transfer.cancelRequested.store(true, ordering: .sequentiallyConsistent)
        inbox.withLock { box in
            guard !box.stopRequested else { return }
            box.cancellations.append(transfer)
            multi.wakeUp()
        }
    }

    private var isOnEngineThread: Bool {
        engineThread.withLock { thread in thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    // MARK: Engine thread

    private func loop() {
        engineThread.withLock { $0 = pthread_self() }
        while true {
            let (arrivals, cancellations, stopRequested) = inbox.withLock { box in
                defer {
                    box.arrivals = []
                    box.cancellations = []
                }
                return (box.arrivals, box.cancellations, box.stopRequested)
            }
            // Arrivals first: a cancellation in the same batch then finds its transfer running.
            arrivals.forEach(start)
            cancellations.forEach { takeOut($0, because: Self.cancelledError($0.url)) }
            if stopRequested { break }
            do throws(TransportError) {
                try multi.perform()
                multi.completions().forEach(complete)
                try multi.poll(timeoutMilliseconds: running.isEmpty ? 10_000 : 1_000)
            } catch {
                // The multi handle itself failed; no transfer can make progress, so none may wait.
                logger.error("libcurl's transfer engine failed; failing the transfers in flight.", metadata: ["error": "\(error.message)"])
                Array(running.values).forEach { takeOut($0, because: error) }
                usleep(10_000)
            }
        }
        for transfer in Array(running.values) {
            takeOut(transfer, because: Self.closedError(transfer.url))
        }
        multi.close()
        stopped.signal()
    }

    private func start(_ transfer: Transfer) {
        if transfer.cancelRequested.load(ordering: .sequentiallyConsistent) {
            deliver(transfer, .failure(transfer.abandon(Self.cancelledError(transfer.url))))
            return
        }
        do throws(TransportError) {
            try multi.add(transfer.easy)
            running[transfer.easy.raw] = transfer
            logger.trace("Transfer started.", metadata: ["url": "\(transfer.url)"])
        } catch {
            deliver(transfer, .failure(transfer.abandon(error)))
        }
    }

    private func complete(_ completion: CurlMultiHandle.Completion) {
        guard let transfer = running.removeValue(forKey: completion.easy) else { return }
        multi.remove(transfer.easy)
        let result = transfer.finish(completion.result)
        let opened = (try? result.get().newConnections) ?? 0
        counters.withLock {
            $0.transfersFinished += 1
            $0.connectionsOpened += opened
        }
        switch result {
        case .success(let outcome):
            logger.debug("Transfer finished.", metadata: ["url": "\(transfer.url)", "status": "\(outcome.status)", "newConnections": "\(opened)"])
        case .failure(let error):
            logger.debug("Transfer failed.", metadata: ["url": "\(transfer.url)", "error": "\(error.message)"])
        }
        deliver(transfer, result)
    }

    /// Removes a running transfer before curl finished it. A transfer that already finished, or
    /// was never started (its `start` will see `cancelRequested`), is left alone.
    private func takeOut(_ transfer: Transfer, because error: TransportError) {
        // Compare identity: a finished transfer's handle address may already belong to a new one.
        guard let current = running[transfer.easy.raw], current === transfer else { return }
        running[transfer.easy.raw] = nil
        multi.remove(transfer.easy)
        counters.withLock { $0.transfersFinished += 1 }
        deliver(transfer, .failure(transfer.abandon(error)))
    }

    private func deliver(_ transfer: Transfer, _ result: Result<TransferOutcome, TransportError>) {
        guard let continuation = transfer.continuation else { return }
        transfer.continuation = nil
        continuation.resume(with: result.mapError { $0 as any Error })
    }

    private static func cancelledError(_ url: String) -> TransportError {
        TransportError(kind: .cancelled, message: "The transfer was cancelled before it finished.", url: url)
    }

    private static func closedError(_ url: String) -> TransportError {
        TransportError(kind: .cancelled, message: "The HTTP transport was closed before this transfer finished.", url: url)
    }
}
