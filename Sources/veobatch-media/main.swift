import CFFmpeg
import Foundation
import MediaWorkerProtocol

// veobatch-media: probes clips and draws report pictures for veobatch with FFmpeg's libraries in
// process. veobatch starts one per core at most, the first time it needs one, and keeps it for
// the run: starting ffprobe or ffmpeg costs 60–80 ms of CPU each (215 shared libraries), which
// was most of a clip's cost. Protocol: one `MediaRequest` JSON line in, one `MediaAnswer` line
// out, until standard input closes. A file FFmpeg cannot read is an answer with `error`; a
// crash or hang is veobatch's to handle (it kills this process and starts another).

av_log_set_level(AV_LOG_QUIET)
ParentWatch.start()
// Pictures and probes yield the CPU to veobatch itself: when a turn of tasks ends together, the
// next submits, polls and journal commits must not wait behind fifty filmstrips. Best effort:
// a worker left at normal priority still works, only the run's schedule suffers.
_ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)

let decoder = JSONDecoder()
let encoder = JSONEncoder()
while let line = readLine(strippingNewline: true) {
    guard !line.isEmpty else { continue }
    let answer: MediaAnswer
    do {
        let request = try decoder.decode(MediaRequest.self, from: Data(line.utf8))
        answer = try MediaOperation.perform(request)
    } catch {
        answer = MediaAnswer(error: "\(error)")
    }
    // Encoding two optionals, strings and numbers cannot fail; an answer is always written.
    var data = (try? encoder.encode(answer)) ?? Data(#"{"error":"the answer could not be encoded"}"#.utf8)
    data.append(0x0A)
    FileHandle.standardOutput.write(data)
}
