import Foundation

/// What an endpoint renders from (the last part of its path).
public enum EndpointKind: String, Sendable, Hashable, Codable, CaseIterable {
    case textToVideo = "text-to-video"
    case imageToVideo = "image-to-video"
    case startEndToVideo = "start-end-to-video"
    case referenceToVideo = "reference-to-video"
    case videoExtend = "video-extend"
}

/// The Veo 3.1 model size.
public enum EndpointTier: String, Sendable, Hashable, Codable, CaseIterable {
    case fast, pro, lite
}

/// RunningHub's two channels: official-stable (`*-official`) and the cheaper, unstable low-price one.
public enum EndpointChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case officialStable = "official-stable"
    case lowPrice = "channel-low-price"
}

/// One Veo 3.1 endpoint: where to send it, what it takes, what it costs.
public struct Endpoint: Sendable, Hashable, Identifiable {
    /// Path after `/openapi/v2/`, e.g. `rhart-video-v3.1-pro/start-end-to-video`.
    public var path: String
    /// The vendor doc name (`name_en`), e.g. `google/veo3.1-pro/start-end-to-video-channel-low-price`.
    public var docName: String
    public var chineseName: String?
    public var kind: EndpointKind
    public var tier: EndpointTier
    public var channel: EndpointChannel
    /// Body fields in the registry's order.
    public var fields: [EndpointField]
    /// Nil when the price list has no entry for this endpoint.
    public var price: PriceRule?
    /// True when the output is a video (every Veo endpoint); `@ROW` may only point at such rows.
    public var producesVideo: Bool
    /// Set when RunningHub's catalog no longer lists the endpoint (amendments 2026-12): `validate`
    /// warns and names the replacement, `models` marks it, a run still sends it if the user insists.
    public var delisting: Delisting?
    /// The catalog's 2026-06 headline list price as text (CNY, cheapest combination), shown beside
    /// the table price; nil when the catalog gives none.
    public var catalogListPrice: String?
    /// What the amendments add about this endpoint (shown by `models`).
    public var notes: [String] = []

    public struct Delisting: Sendable, Hashable {
        public var note: String
        /// The endpoint path to use instead, when there is one.
        public var replacement: String?
    }

    public init(path: String, docName: String, chineseName: String? = nil, kind: EndpointKind, tier: EndpointTier,
                channel: EndpointChannel, fields: [EndpointField], price: PriceRule?, producesVideo: Bool) {
        self.path = path
        self.docName = docName
        self.chineseName = chineseName
        self.kind = kind
        self.tier = tier
        self.channel = channel
        self.fields = fields
        self.price = price
        self.producesVideo = producesVideo
    }

    public var id: String { path }

    public func field(_ key: String) -> EndpointField? {
        fields.first { $0.key == key }
    }

    /// The table's estimate for one job with these parameters (defaults already applied).
    public func estimatedPrice(parameters: [String: JSONValue]) -> Decimal? {
        price?.estimatedPrice(parameters: parameters)
    }

    /// Takes a `seed`: takes of a row then get distinct seeds.
    public var isSeeded: Bool { field("seed") != nil }
}
