import Foundation

/// Ends the worker when veobatch is gone although the worker is busy (a hang inside a decoder
/// never reads standard input, so it would not see it close). PR_SET_PDEATHSIG would do it
/// without a thread, but Linux sends that signal when the *thread* that started the worker
/// ends, and veobatch starts workers from pooled threads that come and go.
enum ParentWatch {
    static func start() {
        let parent = getppid()
        let thread = Thread {
            while true {
                sleep(1)
                if getppid() != parent { _exit(0) }
            }
        }
        thread.start()
    }
}
