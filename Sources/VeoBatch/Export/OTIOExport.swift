import Foundation

/// The timeline as OpenTimelineIO JSON (`.otio`): Timeline.1 → Stack.1 → one Track.1 of kind
/// Video holding Clip.2 (an ExternalReference to the clip file) and Gap.1 items with a Marker.2.
/// Row id is the clip name; prompt, take, version and cost go into `metadata.veobatch`.
/// Written by hand (the schema is small and stable) and checked in the tests with the real
/// `opentimelineio` Python library.
public enum OTIOExport {
    public static func render(_ timeline: EditorialTimeline) throws -> Data {
        let rate = Double(timeline.rate)
        func time(_ frames: Int) -> JSONValue {
            .object(["OTIO_SCHEMA": .string("RationalTime.1"), "rate": .double(rate), "value": .double(Double(frames))])
        }
        func range(_ frames: Int) -> JSONValue {
            .object(["OTIO_SCHEMA": .string("TimeRange.1"), "start_time": time(0), "duration": time(frames)])
        }
        func item(_ schema: String, name: String, frames: Int, metadata: [String: JSONValue], markers: [JSONValue] = []) -> [String: JSONValue] {
            [
                "OTIO_SCHEMA": .string(schema), "name": .string(name), "metadata": .object(metadata), "source_range": range(frames),
                "effects": .array([]), "markers": .array(markers), "enabled": .bool(true),
            ]
        }
        var children: [JSONValue] = []
        for entry in timeline.items {
            switch entry {
            case .clip(let clip):
                var facts: [String: JSONValue] = [
                    "row": .string(clip.rowID), "take": .int(Int64(clip.take)), "version": .int(Int64(clip.version)),
                    "chosen": .bool(clip.chosen), "durationSeconds": .double(clip.durationSeconds),
                ]
                if let prompt = clip.prompt { facts["prompt"] = .string(prompt) }
                if let rate = clip.frameRate { facts["frameRate"] = .string(rate) }
                facts["cost"] = CostJSON.value(estimate: clip.estimate, charge: clip.charge)
                var object = item("Clip.2", name: clip.rowID, frames: clip.frames, metadata: ["veobatch": .object(facts)])
                object["media_references"] = .object([
                    "DEFAULT_MEDIA": .object([
                        "OTIO_SCHEMA": .string("ExternalReference.1"), "name": .string((clip.path as NSString).lastPathComponent),
                        "metadata": .object([:]), "target_url": .string(fileURL(clip.path)), "available_range": range(clip.frames),
                        "available_image_bounds": .null,
                    ])
                ])
                object["active_media_reference_key"] = .string("DEFAULT_MEDIA")
                children.append(.object(object))
            case .gap(let gap):
                let marker: JSONValue = .object([
                    "OTIO_SCHEMA": .string("Marker.2"), "name": .string("\(gap.rowID): \(gap.reason)"),
                    "metadata": .object(["veobatch": .object(["row": .string(gap.rowID)])]), "color": .string("RED"),
                    "marked_range": range(0), "comment": .string(gap.prompt ?? ""),
                ])
                var facts: [String: JSONValue] = ["row": .string(gap.rowID), "reason": .string(gap.reason)]
                if let prompt = gap.prompt { facts["prompt"] = .string(prompt) }
                children.append(.object(item("Gap.1", name: gap.rowID, frames: gap.frames, metadata: ["veobatch": .object(facts)], markers: [marker])))
            }
        }
        var track = item("Track.1", name: "V1", frames: 0, metadata: [:])
        track["source_range"] = .null
        track["kind"] = .string("Video")
        track["children"] = .array(children)
        var stack = item("Stack.1", name: "tracks", frames: 0, metadata: [:])
        stack["source_range"] = .null
        stack["children"] = .array([.object(track)])
        let document: JSONValue = .object([
            "OTIO_SCHEMA": .string("Timeline.1"), "name": .string(timeline.name),
            "metadata": .object(["veobatch": .object(["rate": .int(Int64(timeline.rate))])]), "global_start_time": .null,
            "tracks": .object(stack),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document) + Data("\n".utf8)
    }

    /// `file:///abs/path%20with%20spaces.mp4`.
    static func fileURL(_ path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }
}

/// Cost in export metadata, always with its currency:
/// `{"estimate": {"amount": "0.84", "currency": "USD", "source": "price-preview"}, "charged": {"amount": "0.84", "currency": "USD"}}`.
enum CostJSON {
    static func value(estimate: PriceEstimate?, charge: Money?) -> JSONValue {
        var object: [String: JSONValue] = [:]
        object["estimate"] =
            estimate.map {
                .object([
                    "amount": .string($0.money.amountText), "currency": .string($0.money.currency.code), "source": .string($0.source.rawValue),
                ])
            } ?? .null
        object["charged"] = charge.map { .object(["amount": .string($0.amountText), "currency": .string($0.currency.code)]) } ?? .null
        return .object(object)
    }
}
