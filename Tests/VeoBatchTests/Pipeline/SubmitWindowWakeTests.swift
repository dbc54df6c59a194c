import Foundation
import Synchronization
import Testing
@testable import VeoBatch

/// The capacity watch sleeps until the window has a reason to read the queue status: a task of
/// the run ended while jobs wait for a place. It used to look every quarter second.
@Suite("Pipeline: a task that ends wakes the queue-status watch")
struct SubmitWindowWakeTests {
    @Test("A task that ends while a job waits wakes the watch at once, with the reason")
    func endWakesTheWatch() async throws {
        let window = SubmitWindow(concurrency: 1)
        let ticket = await window.statusRequestStarted()
        await window.update(PipelineWindowTests.status(limit: 1, running: 0), ticket: ticket)
        #expect(await window.acquire(ordinal: 0) == .granted)
        await window.confirm()
        // The account's status now counts the task: its end must be read before its place is reused.
        let counted = await window.statusRequestStarted()
        await window.update(PipelineWindowTests.status(limit: 1, running: 1), ticket: counted)
        let next = Task { await window.acquire(ordinal: 1) }
        while await window.waitingCount < 1 { await Task.yield() }
        #expect(await window.refreshDemand().urgent == nil)

        let watch = await Self.sleepingWatch(window)
        await window.release(confirmed: true)
        // No timer runs here: only the release can end the wait (the test would hang otherwise,
        // so a deadline fails it instead).
        try await Self.finishes(watch, within: .seconds(20))
        #expect(await window.refreshDemand().urgent == .taskEnded)
        // The task that ended still counts as possibly foreign until the status is read again.
        #expect(await window.waitingCount == 1)
        let reread = await window.statusRequestStarted()
        await window.update(PipelineWindowTests.status(limit: 1, running: 0), ticket: reread)
        #expect(await next.value == .granted)
    }

    @Test("With nobody waiting, a task that ends asks for no read and the watch sleeps on")
    func endWithoutWaitersLetsTheWatchSleep() async throws {
        let window = SubmitWindow(concurrency: 2)
        let ticket = await window.statusRequestStarted()
        await window.update(PipelineWindowTests.status(limit: 2, running: 0), ticket: ticket)
        #expect(await window.acquire(ordinal: 0) == .granted)
        await window.confirm()
        await window.release(confirmed: true)
        #expect(await window.refreshDemand().urgent == nil)
        let watch = await Self.sleepingWatch(window)
        // The watch's own timer (here: this call) is what ends its wait.
        await window.wakeWatch()
        try await Self.finishes(watch, within: .seconds(20))
    }

    /// Starts a watch waiting on `window` and checks that it stays asleep while nothing happens.
    static func sleepingWatch(_ window: SubmitWindow) async -> Task<Void, Never> {
        let woken = Flag()
        let watch = Task {
            await window.waitForUrgentDemand()
            woken.set()
        }
        for _ in 0..<200 { await Task.yield() }
        #expect(!woken.isSet, "the watch woke with no reason")
        return watch
    }

    /// Waits for `task`; throws when it has not finished within `limit` (a hang, not a speed).
    static func finishes(_ task: Task<Void, Never>, within limit: Duration) async throws {
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await task.value; return true }
            group.addTask { try? await Task.sleep(for: limit); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(finished, "the watch was not woken")
        if !finished { task.cancel() }
    }
}

final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
