import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's own peak memory, which `veobatch transfer` prints so a run without
/// `/usr/bin/time -v` still shows whether transfers stream (a 50 MB file must not cost 50 MB).
public enum PeakMemory {
    /// Peak resident set size in kilobytes (`ru_maxrss`: kilobytes on Linux, bytes on macOS);
    /// 0 if `getrusage` fails.
    public static func residentKilobytes() -> Int {
        var usage = rusage()
        #if os(Linux)
            let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if canImport(Darwin)
            return Int(usage.ru_maxrss) / 1024
        #else
            return Int(usage.ru_maxrss)
        #endif
    }
}
