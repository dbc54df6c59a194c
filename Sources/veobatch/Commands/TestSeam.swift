import Foundation
import VeoBatch

/// Hidden options that let the end-to-end tests reach a moment inside a run without timing
/// races. Never documented; real runs leave them unset.
enum TestSeam {
    /// `--test-before-upload CMD`: runs CMD (with `VEOBATCH_UPLOAD_PATH`) and waits for it.
    static func beforeUpload(_ command: String) -> @Sendable (String) async -> Void {
        { path in
            var environment = HookProcess.environment(ProcessInfo.processInfo.environment, secrets: [])
            environment["VEOBATCH_UPLOAD_PATH"] = path
            _ = HookProcess.run(command, input: Data(), environment: environment, timeout: .seconds(30))
        }
    }
}
