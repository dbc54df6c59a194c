import CFFmpeg
import MediaWorkerProtocol

/// The two pictures report.html embeds, made from decoded frames.
enum Pictures {
    /// The first frame, `MediaPicture.thumbnailWidth` wide.
    static func thumbnail(of path: String, to output: String) throws {
        let decoder = try VideoDecoder(MediaFile(path: path))
        let width = Int32(MediaPicture.thumbnailWidth)
        var made: Canvas? = nil
        try decoder.frames { frame, _ in
            let canvas = try Canvas(width: width, height: Canvas.height(of: frame, atWidth: width))
            try canvas.draw(frame, x: 0, width: width)
            made = canvas
            return false
        }
        guard let made else { throw MediaFailure("no picture could be decoded from \(path)") }
        try JPEGFile.write(made, to: output)
    }

    /// `MediaPicture.filmstripFrames` frames side by side, `filmstripFrameWidth` wide each: the
    /// first frame at or after (i + ½) × length / frames for each tile i — close to what ffmpeg's
    /// `fps=frames/length,tile=framesx1` picks. A clip that ends early (or holds one picture for
    /// its whole length) repeats its last frame in the remaining tiles.
    static func filmstrip(of path: String, to output: String) throws {
        let file = try MediaFile(path: path)
        // Frames nothing refers to (most B-frames) are not decoded at all: a tile then shows the
        // next frame that is, a few hundredths of a second later, for about half the decoding.
        let decoder = try VideoDecoder(file, skipping: AVDISCARD_NONREF)
        let count = MediaPicture.filmstripFrames
        let width = Int32(MediaPicture.filmstripFrameWidth)
        let length = max(file.durationSeconds ?? 8, 0.1)
        let targets = (0..<count).map { (Double($0) + 0.5) * length / Double(count) }
        guard let last = av_frame_alloc() else { throw MediaFailure("out of memory") }
        var lastOwned: UnsafeMutablePointer<AVFrame>? = last
        defer { av_frame_free(&lastOwned) }
        var canvas: Canvas? = nil
        var next = 0
        try decoder.frames { frame, seconds in
            let strip = try canvas ?? Canvas(width: width * Int32(count), height: Canvas.height(of: frame, atWidth: width))
            canvas = strip
            while next < count, seconds >= targets[next] {
                try strip.draw(frame, x: width * Int32(next), width: width)
                next += 1
            }
            av_frame_unref(last)
            _ = av_frame_ref(last, frame)
            return next < count
        }
        guard let canvas, last.pointee.width > 0 || next == count else {
            throw MediaFailure("no picture could be decoded from \(path)")
        }
        while next < count {
            try canvas.draw(last, x: width * Int32(next), width: width)
            next += 1
        }
        try JPEGFile.write(canvas, to: output)
    }
}
