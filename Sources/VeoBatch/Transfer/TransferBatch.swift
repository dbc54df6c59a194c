import Foundation

/// Many transfers with bounded parallelism, each reported as it ends: the driver of
/// `veobatch transfer`, the developer's tool that moves files through the same HTTP engine as a
/// run so its throughput and peak memory can be measured on their own. It lives in the library so
/// the command only parses arguments and prints what this hands back.
public enum TransferBatch {
    /// Runs `transfer(index)` for each of `items`, at most `parallel` at a time, and hands each
    /// ending to `ended` in the order they end, on the calling task (so it may print). `items`
    /// label the endings; a thrown error fails that item only.
    public static func run(
        _ items: [String], parallel: Int,
        transfer: @escaping @Sendable (Int) async throws -> Done,
        ended: (Ending) -> Void
    ) async -> Summary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = Summary(items: items.count)
        // Each child hands back a plain struct: with `(Int, Result<Done, any Error>)` as the child
        // result, the release build (Swift 6.3, -O) read a garbage index on success and trapped.
        await withTaskGroup(of: ChildEnd.self) { group in
            var pending = items.indices[...]
            func startNext() {
                guard let index = pending.popFirst() else { return }
                group.addTask {
                    do { return ChildEnd(index: index, done: try await transfer(index), failure: nil) } catch {
                        return ChildEnd(index: index, done: nil, failure: String(describing: error))
                    }
                }
            }
            for _ in 0..<max(parallel, 1) { startNext() }
            for await child in group {
                let ending = Ending(item: items[child.index], done: child.done, failure: child.failure)
                summary.count(ending)
                ended(ending)
                startNext()
            }
        }
        summary.elapsed = clock.now - start
        return summary
    }

    /// One transfer's end as a child task reports it.
    struct ChildEnd: Sendable {
        var index: Int
        var done: Done?
        var failure: String?
    }
}
