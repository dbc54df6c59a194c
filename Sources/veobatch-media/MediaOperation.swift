import MediaWorkerProtocol

/// One request, done.
enum MediaOperation {
    static func perform(_ request: MediaRequest) throws -> MediaAnswer {
        switch request.operation {
        case .probe:
            return MediaAnswer(probe: try MediaProbe(MediaFile(path: request.path)))
        case .thumbnail:
            try Pictures.thumbnail(of: request.path, to: output(of: request))
            return MediaAnswer()
        case .filmstrip:
            try Pictures.filmstrip(of: request.path, to: output(of: request))
            return MediaAnswer()
        case .inspect:
            var answer = MediaAnswer(probe: try MediaProbe(MediaFile(path: request.path)))
            do {
                try Pictures.filmstrip(of: request.path, to: output(of: request))
            } catch {
                answer.pictureError = "\(error)"
            }
            return answer
        }
    }

    private static func output(of request: MediaRequest) throws -> String {
        guard let output = request.output, !output.isEmpty else { throw MediaFailure("a picture request needs an output path") }
        return output
    }
}
