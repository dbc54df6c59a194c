import CFFmpeg

/// Why a request could not be done; it goes back to veobatch as the answer's `error`.
struct MediaFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// `doing: FFmpeg's text for code` (`cannot open x.mp4: Invalid data found when processing input`).
    init(_ doing: String, code: Int32) {
        var text = [CChar](repeating: 0, count: 256)
        av_strerror(code, &text, text.count)
        let end = text.firstIndex(of: 0) ?? text.endIndex
        self.init("\(doing): \(String(decoding: text[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self))")
    }
}

/// A file opened by libavformat with its streams read (`avformat_find_stream_info`, as ffprobe
/// does, so the frame rates are the ones ffprobe prints). Images are read by libavformat's image
/// demuxers, so a PNG, JPEG or WebP is a one-frame "video" here.
final class MediaFile {
    let context: UnsafeMutablePointer<AVFormatContext>
    let path: String

    init(path: String) throws {
        var opened: UnsafeMutablePointer<AVFormatContext>? = nil
        let status = avformat_open_input(&opened, path, nil, nil)
        guard status >= 0, let context = opened else { throw MediaFailure("cannot open \(path)", code: status) }
        let read = avformat_find_stream_info(context, nil)
        guard read >= 0 else {
            avformat_close_input(&opened)
            throw MediaFailure("cannot read the streams of \(path)", code: read)
        }
        self.context = context
        self.path = path
    }

    deinit {
        var opened: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&opened)
    }

    var streams: [UnsafeMutablePointer<AVStream>] {
        (0..<Int(context.pointee.nb_streams)).compactMap { context.pointee.streams[$0] }
    }

    /// The first video stream, the one ffprobe's first `codec_type == video` entry describes.
    var firstVideoStream: UnsafeMutablePointer<AVStream>? {
        streams.first { $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO }
    }

    /// The container's duration, else the first video stream's; nil when neither is known.
    var durationSeconds: Double? {
        if context.pointee.duration != veobatch_no_timestamp(), context.pointee.duration > 0 {
            return Double(context.pointee.duration) / Double(AV_TIME_BASE)
        }
        if let video = firstVideoStream, video.pointee.duration != veobatch_no_timestamp(), video.pointee.duration > 0 {
            return Double(video.pointee.duration) * av_q2d(video.pointee.time_base)
        }
        return nil
    }
}
