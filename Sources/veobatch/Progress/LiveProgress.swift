import Foundation
import Synchronization
import VeoBatch
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live display of `veobatch run` on a terminal: the board redrawn in place four times a
/// second, with lines worth keeping (takes that failed, blocked, timed out or need `resolve`)
/// printed above it so they stay in the scrollback. `stop()` erases the board for the summary.
final class LiveProgress: Sendable {
    private struct Screen {
        /// Lines of the board on screen now, counted from the cursor upwards.
        var drawn = 0
        var kept: [String] = []
        var stopped = false
    }

    let board: ProgressBoard
    private let screen = Mutex(Screen())
    private let ticker = Mutex<Task<Void, Never>?>(nil)

    static let interval: Duration = .milliseconds(250)

    init(board: ProgressBoard) {
        self.board = board
    }

    func start() {
        // The first frame at once, so even a run that ends quickly shows where it started.
        draw()
        let task = Task { [weak self] in
            try? await Task.sleep(for: Self.interval)
            while !Task.isCancelled {
                self?.draw()
                try? await Task.sleep(for: Self.interval)
            }
        }
        ticker.withLock { $0 = task }
    }

    /// A line to print above the board at the next frame (and kept in the scrollback).
    func keep(_ line: String) {
        screen.withLock { $0.kept.append(line) }
    }

    func draw() {
        let frame = ProgressFrame.lines(board.snapshot(), width: Self.terminalWidth() - 1)
        screen.withLock { screen in
            guard !screen.stopped else { return }
            var text = Self.home(screen.drawn)
            for line in screen.kept + frame {
                text += "\u{1B}[2K" + line + "\n"
            }
            text += "\u{1B}[J"
            screen.kept = []
            screen.drawn = frame.count
            StandardOutput.put(text)
        }
    }

    /// Stops redrawing and erases the board; kept lines still waiting are printed.
    func stop() {
        ticker.withLock { task in
            task?.cancel()
            task = nil
        }
        screen.withLock { screen in
            guard !screen.stopped else { return }
            screen.stopped = true
            var text = Self.home(screen.drawn) + "\u{1B}[J"
            for line in screen.kept { text += line + "\n" }
            screen.kept = []
            screen.drawn = 0
            StandardOutput.put(text)
        }
    }

    /// Back to the first line of the board drawn last.
    private static func home(_ drawn: Int) -> String {
        drawn > 0 ? "\r\u{1B}[\(drawn)A" : "\r"
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 {
            return Int(size.ws_col)
        }
        return 80
    }
}
