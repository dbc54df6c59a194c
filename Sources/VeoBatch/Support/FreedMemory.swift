#if canImport(Glibc)
    import Glibc
#endif

/// Hands the heap pages freed by a finished phase of a run back to the system.
///
/// glibc keeps freed memory in its arenas (one per thread that allocated), so the pages a
/// 10,000-row validation or the report pass let go of stay resident under the phase that
/// follows, and a run's peak becomes the sum of its phases rather than the largest of them.
/// `malloc_trim` returns every whole free page of every arena (not only the top of the heap)
/// in a few milliseconds; it is called between phases, never per job.
///
/// It is looked up at run time: `<malloc.h>` is not part of Swift's Glibc module, and a C
/// library without it (musl) simply keeps its pages.
enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: Trim.self)
        #else
            return nil
        #endif
    }()

    static func release() {
        _ = trim?(0)
    }
}
