#!/usr/bin/env python3
"""Reads a timeline with the real OpenTimelineIO library and prints what the tests check as JSON.

usage: read_timeline.py FILE [RATE]   (.otio through OTIO's own reader, .edl through the
                                       otio-cmx3600-adapter at RATE frames per second)
"""
import json
import sys

import opentimelineio as otio


def main():
    path = sys.argv[1]
    if path.endswith(".edl"):
        import otio_cmx3600_adapter  # noqa: F401  (fails loudly when the adapter is missing)
        timeline = otio.adapters.read_from_file(path, adapter_name="cmx_3600", rate=float(sys.argv[2]))
    else:
        timeline = otio.adapters.read_from_file(path)
    tracks = [track for track in timeline.tracks if track.kind == otio.schema.TrackKind.Video]
    items = []
    for child in tracks[0]:
        entry = {
            "schema": child.schema_name(),
            "name": child.name,
            "seconds": child.duration().to_seconds(),
            "rate": child.duration().rate,
            "markers": [marker.name for marker in child.markers],
            "metadata": json.loads(otio.core.serialize_json_to_string(child.metadata)) if child.metadata else {},
        }
        reference = getattr(child, "media_reference", None)
        if reference is not None:
            entry["reference"] = reference.schema_name()
            entry["url"] = getattr(reference, "target_url", None)
            entry["generator"] = getattr(reference, "generator_kind", None)
        items.append(entry)
    print(json.dumps({"name": timeline.name, "videoTracks": len(tracks), "items": items}))


if __name__ == "__main__":
    main()
