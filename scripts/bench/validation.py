"""Bar 6: `veobatch validate` on a 10,000-row manifest against parsing the same CSV alone
(`veobatch validate --parse-only`, hidden), with a 1-row parse as the process start-up."""

import csv
import os

from common import Row, alternate, env_int, log, median, run_timed, seconds
from scan import ensure_tree

TEXT_MODEL = "rhart-video-v3.1-fast-official/text-to-video"
IMAGE_MODEL = "rhart-video-v3.1-fast-official/image-to-video"  # imageUrl: JPG/PNG up to 10 MB
PAIR_MODEL = "rhart-video-v3.1-fast/start-end-to-video"  # JPG/PNG up to 30 MB each


def frames_in(root):
    """The tree's real PNG and JPEG files, by their first bytes (junk is named like media too)."""
    found = []
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                head = handle.read(8)
            if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
                found.append(path)
    return found


def write_manifest(path, rows, frames):
    """A third each of text-to-video, image-to-video and start/end rows, frames used in turn."""
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "model", "prompt", "negative_prompt", "seed", "aspect_ratio", "duration", "resolution",
                         "first_frame", "last_frame", "x_shotgun_id", "note"])
        next_frame = 0

        def frame():
            nonlocal next_frame
            next_frame += 1
            return frames[(next_frame - 1) % len(frames)]

        for index in range(rows):
            prompt = f"Shot {index}: slow push-in on the harbour, gulls crossing, \"golden hour\", light rain."
            kind = index % 3
            if kind == 0:
                writer.writerow([f"t{index:05d}", TEXT_MODEL, prompt, "blurry, watermark", index, "16:9", "8", "720p", "", "", f"SG-{index}", ""])
            elif kind == 1:
                writer.writerow([f"i{index:05d}", IMAGE_MODEL, prompt, "", "", "16:9", "6", "720p", frame(), "", f"SG-{index}", "one frame"])
            else:
                writer.writerow([f"p{index:05d}", PAIR_MODEL, prompt, "", "", "16:9", "", "720p", frame(), frame(), f"SG-{index}", "pair, with a\nnewline"])


def run(binaries, work):
    rows = env_int("BENCH_MANIFEST_ROWS", 10000)
    repeats = env_int("BENCH_REPEAT", 3)
    root = ensure_tree(work)
    frames = frames_in(root)
    manifest = os.path.join(work, f"manifest-{rows}.csv")
    write_manifest(manifest, rows, frames)
    single = os.path.join(work, "manifest-1.csv")
    write_manifest(single, 1, frames)
    distinct = min(len(frames), rows // 3 + 2 * (rows // 3))

    def validate():
        return run_timed([binaries.veobatch, "validate", manifest, "--quiet"])

    def parse():
        return run_timed([binaries.veobatch, "validate", manifest, "--parse-only"])

    def startup():
        return run_timed([binaries.veobatch, "validate", single, "--parse-only"])

    log(f"validation: {repeats} x validate and parse-only of {rows} rows ({distinct} distinct frames), and a 1-row parse")
    validate(), parse()  # warm the page cache
    full, parsed, empty = alternate([validate, parse, startup], repeats)
    full_wall = median([m.wall for m in full])
    parse_wall = median([m.wall for m in parsed])
    start = median([m.wall for m in empty])
    ratio = full_wall / parse_wall
    row = Row(
        bar="6",
        measure=f"validate a {rows}-row manifest ({distinct} distinct frames)",
        ours=f"{seconds(full_wall)} (CPU {seconds(median([m.user + m.system for m in full]))}), {rows / full_wall:.0f} rows/s",
        reference=f"parse only: {seconds(parse_wall)}; process start-up {seconds(start)}",
        ratio=ratio,
        target="report (validate / parse)",
        passed=None,
    )
    if parse_wall > start:
        row.notes.append(f"without the start-up: validation {(full_wall - start) / (parse_wall - start):.1f} × parsing")
    return [row]
