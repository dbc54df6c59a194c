"""Bar 3: peak RSS of `veobatch run` moving ~1 GB of uploads and ~1 GB of downloads, against the
same run with files a tenth the size (same number of jobs), under `/usr/bin/time -v`."""

import csv
import os

from common import clip_files, Row, Simulator, alternate, env_int, fresh_dir, log, run_timed, seconds
from media import write_padded_png

JOBS = 50
MODEL = "rhart-video-v3.1-fast/start-end-to-video"  # frames up to 30 MB each
LIMIT_KB = 64 * 1024


def write_manifest(folder, input_bytes):
    """JOBS start/end rows, each with its own two frames of `input_bytes` (distinct content, so
    every frame is uploaded: 2 × JOBS uploads). Written once per size and reused."""
    path = os.path.join(folder, "shots.csv")
    if os.path.exists(path):
        return path
    fresh_dir(folder)
    with open(path + ".tmp", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "model", "prompt", "first_frame", "last_frame", "resolution"])
        for index in range(JOBS):
            names = []
            for role in ("start", "end"):
                name = f"shot{index:03d}_{role}.png"
                write_padded_png(os.path.join(folder, name), input_bytes, f"{folder} {index} {role}")
                names.append(name)
            writer.writerow([f"shot{index:03d}", MODEL, f"Benchmark shot {index}: the harbour at dawn.", names[0], names[1], "720p"])
    os.rename(path + ".tmp", path)
    return path


def run_once(binaries, work, label, total_mb):
    """One run moving `total_mb` up and `total_mb` down; returns (Measured, clips found)."""
    input_bytes = total_mb * 1048576 // (2 * JOBS)
    result_bytes = total_mb * 1048576 // JOBS
    folder = os.path.join(work, f"memory-{label}")
    manifest = write_manifest(os.path.join(folder, "media"), input_bytes)
    out = fresh_dir(os.path.join(folder, "out"))
    storage = fresh_dir(os.path.join(folder, "storage"))
    with Simulator(
        binaries, "--task-seconds", "1", "--concurrent-limit", str(JOBS), "--result-padding-bytes", str(result_bytes),
        "--upload-limit-mb", str(input_bytes // 1048576 + 2), storage=storage,
    ) as sim:
        measured = run_timed(
            [binaries.veobatch, "run", manifest, "--out", out, "--concurrency", str(JOBS), "--poll-interval", "1",
             "--max-polls-per-second", "50", "--no-progress", "--quiet", "--settle", "0"],
            env=sim.env(),
            sample_anon=True,
        )
    clips = clip_files(out)
    if len(clips) != JOBS or any(os.path.getsize(clip) < result_bytes for clip in clips):
        raise RuntimeError(f"memory run {label}: expected {JOBS} clips of at least {result_bytes} bytes, found {len(clips)}")
    return measured


def run(binaries, work):
    large_mb = env_int("BENCH_MEMORY_MB", 1024)
    small_mb = max(1, large_mb // 10)
    repeats = env_int("BENCH_MEMORY_REPEAT", 2)
    log(f"memory: {repeats} x veobatch run moving {small_mb} MB and {large_mb} MB each way ({JOBS} jobs, alternating)")
    small, large = alternate(
        [lambda: run_once(binaries, work, "small", small_mb), lambda: run_once(binaries, work, "large", large_mb)], repeats
    )
    for label in ("small", "large"):
        fresh_dir(os.path.join(work, f"memory-{label}"))
    # veobatch's own peak: the process that moves the bytes. Its media workers (report
    # thumbnails and filmstrips) are separate processes whose peak follows the largest picture
    # they decode, not the bytes moved; it is reported below, never folded into the bar.
    small_rss = max(m.own_max_rss_kb for m in small)
    large_rss = max(m.own_max_rss_kb for m in large)
    growth = large_rss / small_rss
    row = Row(
        bar="3",
        measure=f"peak RSS of veobatch: {JOBS} jobs, {large_mb} MB up + {large_mb} MB down",
        ours=f"{large_rss / 1024:.1f} MB (run took {seconds(min(m.wall for m in large))})",
        reference=f"same jobs, {small_mb} MB each way: {small_rss / 1024:.1f} MB",
        ratio=growth,
        target=f"< 64 MB; 10× the bytes ≤ 1.10× the RSS",
        passed=large_rss < LIMIT_KB and growth <= 1.10,
    )
    small_anon = max(m.max_anon_kb for m in small)
    large_anon = max(m.max_anon_kb for m in large)
    row.notes.append(
        f"peak anonymous memory (heap and stacks, sampled every 20 ms): {large_anon / 1024:.1f} MB at {large_mb} MB, "
        f"{small_anon / 1024:.1f} MB at {small_mb} MB; the rest of RSS is shared library and libmagic database pages"
    )
    row.notes.append(
        f"largest process of the run (GNU time, media workers included): {max(m.max_rss_kb for m in large) / 1024:.1f} MB at "
        f"{large_mb} MB, {max(m.max_rss_kb for m in small) / 1024:.1f} MB at {small_mb} MB: a worker decoding a thumbnail "
        f"holds about twice the input file (the inputs are small PNGs padded with zeros)"
    )
    row.notes.append(
        f"inputs {JOBS * 2} distinct PNG frames of {large_mb * 1048576 // (2 * JOBS) / 1048576:.1f} MB, "
        f"results {JOBS} MP4s of {large_mb / JOBS:.1f} MB (rh-sim --result-padding-bytes)"
    )
    return [row]
