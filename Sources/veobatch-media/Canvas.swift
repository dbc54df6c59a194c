import CFFmpeg

/// A YUVJ420P picture (the pixel format of ffmpeg's mjpeg encoder) that decoded frames are
/// scaled into, whole or as one tile of a strip.
final class Canvas {
    let frame: UnsafeMutablePointer<AVFrame>
    private var scaler: OpaquePointer? = nil

    init(width: Int32, height: Int32) throws {
        guard let frame = av_frame_alloc() else { throw MediaFailure("out of memory") }
        frame.pointee.format = AV_PIX_FMT_YUVJ420P.rawValue
        frame.pointee.width = width
        frame.pointee.height = height
        guard av_frame_get_buffer(frame, 0) >= 0 else {
            var owned: UnsafeMutablePointer<AVFrame>? = frame
            av_frame_free(&owned)
            throw MediaFailure("out of memory")
        }
        self.frame = frame
        // Black (full-range luma 0, neutral chroma 128) under tiles not drawn.
        let planes = Self.planes(frame), strides = Self.strides(frame)
        for plane in 0..<3 {
            let rows = plane == 0 ? Int(height) : Int(height + 1) / 2
            planes[plane]?.update(repeating: plane == 0 ? 0 : 128, count: rows * Int(strides[plane]))
        }
    }

    deinit {
        var owned: UnsafeMutablePointer<AVFrame>? = frame
        av_frame_free(&owned)
        sws_freeContext(scaler)
    }

    /// The height, rounded to an even number as ffmpeg's `scale=W:-2` does, that keeps `source`'s
    /// aspect at `width`.
    static func height(of source: UnsafeMutablePointer<AVFrame>, atWidth width: Int32) -> Int32 {
        let exact = Double(width) * Double(source.pointee.height) / Double(max(1, source.pointee.width))
        return max(2, Int32((exact / 2).rounded()) * 2)
    }

    /// Scales `source` to `width` × the canvas height, with its left edge at `x` (even, so the
    /// half-width chroma planes line up).
    func draw(_ source: UnsafeMutablePointer<AVFrame>, x: Int32, width: Int32) throws {
        let height = frame.pointee.height
        scaler = sws_getCachedContext(
            scaler, source.pointee.width, source.pointee.height, AVPixelFormat(source.pointee.format),
            width, height, AV_PIX_FMT_YUVJ420P, Int32(SWS_BICUBIC), nil, nil, nil)
        guard let scaler else { throw MediaFailure("cannot scale a \(source.pointee.width)×\(source.pointee.height) picture") }
        let sources = Self.planes(source).map { UnsafePointer($0) }
        let targets = Self.planes(frame).enumerated().map { plane, start in
            start.map { $0 + Int(plane == 0 ? x : x / 2) }
        }
        let scaled = sws_scale(scaler, sources, Self.strides(source), 0, source.pointee.height, targets, Self.strides(frame))
        guard scaled > 0 else { throw MediaFailure("cannot scale a \(source.pointee.width)×\(source.pointee.height) picture") }
    }

    /// `AVFrame.data` (a C array, a tuple in Swift) as an array.
    private static func planes(_ frame: UnsafeMutablePointer<AVFrame>) -> [UnsafeMutablePointer<UInt8>?] {
        withUnsafeBytes(of: frame.pointee.data) { Array($0.bindMemory(to: UnsafeMutablePointer<UInt8>?.self)) }
    }

    private static func strides(_ frame: UnsafeMutablePointer<AVFrame>) -> [Int32] {
        withUnsafeBytes(of: frame.pointee.linesize) { Array($0.bindMemory(to: Int32.self)) }
    }
}
