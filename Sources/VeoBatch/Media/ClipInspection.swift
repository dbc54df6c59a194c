import Foundation
import Logging

/// The probe of a clip just downloaded, ready for the journal: its figures as JSON (or why there
/// are none) and a note for the history line that flags a clip not matching its request.
struct ClipInspection: Sendable {
    var json: String?
    var error: String?
    /// ` Flagged: duration 4 s, asked 8 s.` or empty.
    var note: String

    /// `filmstrip`: where the clip's filmstrip goes, drawn in the same exchange (`ClipProber`).
    static func inspect(path: String, job: JobRecord, prober: ClipProber, filmstrip: String? = nil, logger: Logger) async -> ClipInspection {
        switch await prober.probe(path: path, filmstrip: filmstrip) {
        case .success(let probe):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = (try? encoder.encode(probe)).map { String(decoding: $0, as: UTF8.self) }
            let body = RunReport.requestBody(of: job)
            let mismatches = ClipCheck.mismatches(probe: probe, endpoint: job.endpoint, requestBody: body)
            guard !mismatches.isEmpty else { return ClipInspection(json: json, error: nil, note: "") }
            let text = mismatches.map(\.description).joined(separator: "; ")
            logger.warning(
                "The clip does not match its request: \(text). It is kept and flagged, not rendered again.",
                metadata: ["row": "\(job.rowID)", "take": "\(job.take)"])
            return ClipInspection(json: json, error: nil, note: " Flagged: \(text).")
        case .failure(let failure):
            if prober.worker == nil {
                if ClipProber.firstMissing() { logger.warning("\(ClipProber.missingNotice)") }
            } else {
                logger.warning("The clip could not be probed: \(failure.reason)", metadata: ["row": "\(job.rowID)", "take": "\(job.take)"])
            }
            return ClipInspection(json: nil, error: failure.reason, note: "")
        }
    }
}
