import CFFmpeg
import MediaWorkerProtocol

extension MediaProbe {
    /// The figures ffprobe's `-show_format -show_streams` gives for the same file: the format's
    /// duration, the first video stream's size, `r_frame_rate` (else `avg_frame_rate`) as
    /// `num/den`, its codec's name, and whether any stream is audio.
    init(_ file: MediaFile) throws {
        guard let video = file.firstVideoStream else { throw MediaFailure("\(file.path) has no video stream") }
        let parameters = video.pointee.codecpar.pointee
        guard parameters.width > 0, parameters.height > 0 else { throw MediaFailure("\(file.path) has no picture size") }
        guard let duration = file.durationSeconds else { throw MediaFailure("\(file.path) has no duration") }
        let rates = [video.pointee.r_frame_rate, video.pointee.avg_frame_rate].map { "\($0.num)/\($0.den)" }
        let codec = avcodec_descriptor_get(parameters.codec_id).map { String(cString: $0.pointee.name) }
        self.init(
            durationSeconds: duration, width: Int(parameters.width), height: Int(parameters.height),
            frameRate: rates.first { $0 != "0/0" } ?? "0/0",
            hasAudio: file.streams.contains { $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO },
            videoCodec: codec)
    }
}
