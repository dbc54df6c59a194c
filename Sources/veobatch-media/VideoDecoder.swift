import CFFmpeg

/// Decodes a file's main video stream (`av_find_best_stream`) frame by frame, single-threaded:
/// veobatch already runs one worker per core, so decoder threads would only fight over them.
final class VideoDecoder {
    let file: MediaFile
    private let stream: UnsafeMutablePointer<AVStream>
    private let codec: UnsafeMutablePointer<AVCodecContext>

    /// `skipping`: frames the decoder may leave out (`AVDISCARD_NONREF`: frames nothing else is
    /// predicted from, which a filmstrip does not need one by one).
    init(_ file: MediaFile, skipping: AVDiscard = AVDISCARD_DEFAULT) throws {
        var decoder: UnsafePointer<AVCodec>? = nil
        let index = av_find_best_stream(file.context, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0)
        guard index >= 0, let decoder else { throw MediaFailure("no picture to decode in \(file.path)", code: index) }
        guard let codec = avcodec_alloc_context3(decoder) else { throw MediaFailure("out of memory") }
        var owned: UnsafeMutablePointer<AVCodecContext>? = codec
        let stream = file.context.pointee.streams[Int(index)]!
        let copied = avcodec_parameters_to_context(codec, stream.pointee.codecpar)
        codec.pointee.thread_count = 1
        codec.pointee.skip_frame = skipping
        let opened = copied < 0 ? copied : avcodec_open2(codec, decoder, nil)
        guard opened >= 0 else {
            avcodec_free_context(&owned)
            throw MediaFailure("cannot decode \(file.path)", code: opened)
        }
        self.file = file
        self.stream = stream
        self.codec = codec
    }

    deinit {
        var owned: UnsafeMutablePointer<AVCodecContext>? = codec
        avcodec_free_context(&owned)
    }

    /// Hands each decoded frame and its time from the stream's start, in seconds, to `body` until
    /// `body` returns false or the stream ends. Damaged packets are skipped, as ffmpeg does.
    func frames(_ body: (UnsafeMutablePointer<AVFrame>, Double) throws -> Bool) throws {
        guard let packet = av_packet_alloc(), let frame = av_frame_alloc() else { throw MediaFailure("out of memory") }
        var packetOwned: UnsafeMutablePointer<AVPacket>? = packet
        var frameOwned: UnsafeMutablePointer<AVFrame>? = frame
        defer {
            av_packet_free(&packetOwned)
            av_frame_free(&frameOwned)
        }
        let timeBase = av_q2d(stream.pointee.time_base)
        let start = stream.pointee.start_time == veobatch_no_timestamp() ? 0 : stream.pointee.start_time
        /// Drains the decoder; false when `body` has had enough.
        func drain() throws -> Bool {
            while avcodec_receive_frame(codec, frame) >= 0 {
                let stamp = frame.pointee.best_effort_timestamp
                let seconds = stamp == veobatch_no_timestamp() ? 0 : Double(stamp - start) * timeBase
                let more = try body(frame, seconds)
                av_frame_unref(frame)
                if !more { return false }
            }
            return true
        }
        while av_read_frame(file.context, packet) >= 0 {
            defer { av_packet_unref(packet) }
            guard packet.pointee.stream_index == stream.pointee.index else { continue }
            _ = avcodec_send_packet(codec, packet)
            guard try drain() else { return }
        }
        _ = avcodec_send_packet(codec, nil)
        _ = try drain()
    }
}
