"""Bar 5: `veobatch scan` over a tree of images, clips and junk, against
`find TREE -type f -print0 | xargs -0 file --mime-type` over the same tree."""

import os
import shutil

from common import Row, alternate, env_int, log, median, run_timed, seconds
from media import junk_bytes, make_samples

SHOTS_PER_FOLDER = 200


def build_tree(root, samples_dir, total):
    """Folders of ~200 files named like shots: start/end pairs, single frames, reference images,
    clips, and junk with media-like names (so both tools type it). About half images, a fifth
    clips, the rest junk. Returns the number of files written."""
    samples = make_samples(samples_dir)
    images = samples["png"] + samples["jpeg"] + samples["webp"]
    clips = samples["mp4"] + samples["mov"]
    written = 0
    folder_index = 0
    while written < total:
        folder = os.path.join(root, f"seq{folder_index:03d}")
        os.makedirs(folder, exist_ok=True)
        in_folder = 0
        shot = 0
        while in_folder < SHOTS_PER_FOLDER and written < total:
            name = f"sh{shot:04d}"
            pick = (folder_index * 131 + shot) % 20
            files = []
            if pick < 6:  # a start/end pair
                image = images[(shot + folder_index) % len(images)]
                ext = os.path.splitext(image)[1]
                files = [(f"{name}_start{ext}", image), (f"{name}_end{ext}", images[(shot + 1) % len(images)])]
            elif pick < 9:  # a single frame
                image = images[(shot * 3 + folder_index) % len(images)]
                files = [(f"{name}{os.path.splitext(image)[1]}", image)]
            elif pick < 10:  # reference images
                files = [(f"{name}_ref{i}.png", images[(shot + i) % len(images)]) for i in (1, 2)]
            elif pick < 14:  # a clip
                clip = clips[(shot + folder_index) % len(clips)]
                files = [(f"{name}{os.path.splitext(clip)[1]}", clip)]
            else:  # junk that is named like media
                ext = [".png", ".jpg", ".mp4", ".png", ".mov", ".jpg"][shot % 6]
                files = [(f"{name}{ext}", junk_bytes(written))]
            for file_name, source in files:
                path = os.path.join(folder, file_name)
                if isinstance(source, bytes):
                    with open(path, "wb") as handle:
                        handle.write(source)
                else:
                    shutil.copyfile(source, path)
                written += 1
                in_folder += 1
            shot += 1
        folder_index += 1
    return written


def tree_bytes(root):
    total = 0
    for folder, _, names in os.walk(root):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
    return total


def ensure_tree(work):
    """The scan tree under `work`, written once (a marker beside it says it is complete)."""
    count = env_int("BENCH_SCAN_FILES", 20000)
    root = os.path.join(work, "scan-tree")
    marker = os.path.join(work, f"scan-tree-{count}.complete")
    if not os.path.exists(marker):
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(os.path.join(work, "scan-media"), ignore_errors=True)
        log(f"scan: writing a tree of {count} files")
        build_tree(root, os.path.join(work, "samples"), count)
        open(marker, "w").close()
    return root


def media_only(root, target):
    """Hard links to the tree's images and clips only (same inodes, same page cache)."""
    if os.path.isdir(target):
        return target
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                head = handle.read(12)
            is_media = (
                head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff") or head[4:8] == b"ftyp"
                or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")
            )
            if is_media:
                into = os.path.join(target, os.path.relpath(folder, root))
                os.makedirs(into, exist_ok=True)
                os.link(path, os.path.join(into, name))
    return target


def compare(binaries, root, repeats, bar, label, target, bound):
    files = sum(len(names) for _, _, names in os.walk(root))
    size_mb = tree_bytes(root) / 1e6

    def ours():
        return run_timed([binaries.veobatch, "scan", root, "--quiet"])

    def theirs():
        return run_timed(f"find '{root}' -type f -print0 | xargs -0 file --mime-type > /dev/null", shell=True)

    ours(), theirs()  # warm the page cache
    log(f"scan: {repeats} x veobatch scan and find | xargs file --mime-type over {files} files (alternating)")
    a, b = alternate([ours, theirs], repeats)
    ours_wall = median([m.wall for m in a])
    theirs_wall = median([m.wall for m in b])
    ours_cpu = median([m.user + m.system for m in a])
    theirs_cpu = median([m.user + m.system for m in b])
    ratio = ours_wall / theirs_wall
    row = Row(
        bar=bar,
        measure=f"scan {files} files, {size_mb:.0f} MB ({label})",
        ours=f"{seconds(ours_wall)} (CPU {seconds(ours_cpu)})",
        reference=f"find | xargs file --mime-type: {seconds(theirs_wall)} (CPU {seconds(theirs_cpu)})",
        ratio=ratio,
        target=target,
        passed=None if bound is None else ratio <= bound,
    )
    row.notes.append(f"CPU-time ratio veobatch / file: {ours_cpu / theirs_cpu:.2f} (what parallel typing cannot hide)")
    return row


def run(binaries, work):
    repeats = env_int("BENCH_REPEAT", 3)
    root = ensure_tree(work)
    rows = [compare(binaries, root, repeats, "5", "images, clips, junk", "veobatch / file ≤ 0.50", 0.5)]
    media = media_only(root, os.path.join(work, "scan-media"))
    rows.append(compare(binaries, media, repeats, "5b", "its images and clips only", "report", None))
    return rows
