import CFFmpeg
import Foundation

/// Encodes a canvas with FFmpeg's mjpeg encoder at a fixed quantiser, like `ffmpeg -c:v mjpeg
/// -q:v 6`, and writes it through a temporary file renamed into place.
enum JPEGFile {
    static let quantiser: Int32 = 6

    static func write(_ canvas: Canvas, to path: String) throws {
        let bytes = try encode(canvas.frame)
        // `.atomic` writes a temporary file in the same folder and renames it over `path`.
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw MediaFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    private static func encode(_ frame: UnsafeMutablePointer<AVFrame>) throws -> [UInt8] {
        guard let encoder = avcodec_find_encoder(AV_CODEC_ID_MJPEG), let context = avcodec_alloc_context3(encoder) else {
            throw MediaFailure("this FFmpeg has no mjpeg encoder")
        }
        var owned: UnsafeMutablePointer<AVCodecContext>? = context
        defer { avcodec_free_context(&owned) }
        context.pointee.width = frame.pointee.width
        context.pointee.height = frame.pointee.height
        context.pointee.pix_fmt = AV_PIX_FMT_YUVJ420P
        context.pointee.time_base = AVRational(num: 1, den: 25)
        context.pointee.flags |= AV_CODEC_FLAG_QSCALE
        context.pointee.global_quality = FF_QP2LAMBDA * quantiser
        let opened = avcodec_open2(context, encoder, nil)
        guard opened >= 0 else { throw MediaFailure("cannot start the mjpeg encoder", code: opened) }
        frame.pointee.quality = context.pointee.global_quality
        frame.pointee.pts = 0
        let sent = avcodec_send_frame(context, frame)
        guard sent >= 0 else { throw MediaFailure("cannot encode the picture", code: sent) }
        _ = avcodec_send_frame(context, nil)
        guard let packet = av_packet_alloc() else { throw MediaFailure("out of memory") }
        var packetOwned: UnsafeMutablePointer<AVPacket>? = packet
        defer { av_packet_free(&packetOwned) }
        let received = avcodec_receive_packet(context, packet)
        guard received >= 0, let data = packet.pointee.data else { throw MediaFailure("cannot encode the picture", code: received) }
        return Array(UnsafeBufferPointer(start: data, count: Int(packet.pointee.size)))
    }
}
