/// The model the draft manifest gives each kind of shot (`--model-pair`, `--model-image`, …).
///
/// Defaults favour the cheapest endpoint that takes the shot's inputs without cropping them:
/// low-price fast for pairs (30 MB frames), official fast for single frames (the only fast
/// image-to-video with 4/6/8 s), pro official for references (the fast official reference-to-video
/// added in 2026 is cheaper on the list, but price-preview has no quote for it yet: `--model-ref`
/// picks it), and official fast for extends.
public struct ShotModels: Sendable, Hashable, Codable {
    public var startEnd: String
    public var frame: String
    public var reference: String
    public var clip: String

    public static let defaultStartEnd = "rhart-video-v3.1-fast/start-end-to-video"
    public static let defaultFrame = "rhart-video-v3.1-fast-official/image-to-video"
    public static let defaultReference = "rhart-video-v3.1-pro-official/reference-to-video"
    public static let defaultClip = "rhart-video-v3.1-fast-official/video-extend"

    public init(
        startEnd: String = defaultStartEnd, frame: String = defaultFrame, reference: String = defaultReference,
        clip: String = defaultClip
    ) {
        self.startEnd = startEnd
        self.frame = frame
        self.reference = reference
        self.clip = clip
    }

    public func model(for kind: ShotKind) -> String {
        switch kind {
        case .startEnd: startEnd
        case .frame: frame
        case .reference: reference
        case .clip: clip
        }
    }

    /// The command-line option that sets the model for `kind`, for messages.
    public static func option(for kind: ShotKind) -> String {
        switch kind {
        case .startEnd: "--model-pair"
        case .frame: "--model-image"
        case .reference: "--model-reference"
        case .clip: "--model-clip"
        }
    }

    /// Checks that every model is a Veo 3.1 endpoint that takes its kind's inputs, and returns
    /// what each kind's files must be.
    public func requirements() throws(ScanError) -> [ShotKind: ShotRequirements] {
        var result: [ShotKind: ShotRequirements] = [:]
        for kind in ShotKind.allCases {
            let model = model(for: kind)
            guard let facts = ScanEndpointFacts.named(model) else {
                throw .unknownModel(option: Self.option(for: kind), model: model)
            }
            let needed = ShotRequirements.inputs(for: kind)
            guard needed.isSubset(of: facts.inputs) else {
                throw .modelDoesNotFit(option: Self.option(for: kind), model: model, kind: kind)
            }
            result[kind] = ShotRequirements(facts)
        }
        return result
    }
}

/// What the files of one kind of shot must be: types by content and sizes, from its endpoint.
public struct ShotRequirements: Sendable, Hashable {
    public var imageTypes: Set<String>
    public var maxImageBytes: Int64
    public var videoTypes: Set<String>
    public var maxVideoBytes: Int64
    /// The endpoint these come from, named in messages.
    public var endpoint: String
    /// Whether the draft manifest may fill `aspect_ratio` for this kind.
    public var takesAspectRatio: Bool

    public init(
        imageTypes: Set<String>, maxImageBytes: Int64, videoTypes: Set<String>, maxVideoBytes: Int64, endpoint: String,
        takesAspectRatio: Bool
    ) {
        self.imageTypes = imageTypes
        self.maxImageBytes = maxImageBytes
        self.videoTypes = videoTypes
        self.maxVideoBytes = maxVideoBytes
        self.endpoint = endpoint
        self.takesAspectRatio = takesAspectRatio
    }

    init(_ facts: ScanEndpointFacts) {
        self.init(
            imageTypes: facts.imageTypes, maxImageBytes: facts.maxImageBytes, videoTypes: facts.videoTypes,
            maxVideoBytes: facts.maxVideoBytes, endpoint: facts.path, takesAspectRatio: facts.takesAspectRatio)
    }

    static func inputs(for kind: ShotKind) -> Set<ScanEndpointFacts.Input> {
        switch kind {
        case .startEnd: [.firstFrame, .lastFrame]
        case .frame: [.firstFrame]
        case .reference: [.referenceImages]
        case .clip: [.video]
        }
    }

    /// Requirements for the default models; cannot fail because the defaults are in the table.
    public static let defaults: [ShotKind: ShotRequirements] = {
        var result: [ShotKind: ShotRequirements] = [:]
        let models = ShotModels()
        for kind in ShotKind.allCases {
            if let facts = ScanEndpointFacts.named(models.model(for: kind)) { result[kind] = ShotRequirements(facts) }
        }
        return result
    }()
}
