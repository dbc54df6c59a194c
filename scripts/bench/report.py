"""The table of results, for the terminal and for docs/benchmarks.md."""

METHOD = """\
## How each figure is measured

Every ratio compares two things measured in the same run, interleaved in a rotating order
(`BENCH_REPEAT` times each, median), so a busy neighbour on the shared machine slows both sides;
absolute times are shown only as context. `rh-sim` runs on 127.0.0.1 with a throwaway key.

1. **Upload**: `veobatch transfer upload --parallel 4 --send-api-key` (libcurl multi, files
   streamed from disk as multipart/form-data) against `xargs -P4 curl -F file=@… -H 'Expect:'`
   posting the same files to the same route with the same Bearer key. (`Expect:` because veobatch
   never waits for `100 Continue` either; otherwise curl idles up to 1 s per file.) Ratio: curl's
   time / veobatch's time.
2. **Download**: the signed `download_url`s of those uploads, `veobatch transfer download
   --parallel 4` against `xargs -P4 curl -O`. veobatch flushes every finished download to disk
   (fsync) before it is renamed into place, because a paid clip must survive a power cut; the
   note shows curl doing the same (`sync FILE` after each download).
3. **Memory**: peak RSS of the `veobatch run` process itself (its `VmHWM`, sampled every 20 ms)
   over 50 start/end jobs whose 100 distinct PNG frames (a real PNG header, zero padding) and 50
   results (rh-sim `--result-padding-bytes`) move the stated bytes each way; the same 50 jobs
   with files a tenth the size beside it show that memory does not follow file size. The media
   workers that draw the report's pictures are separate processes: `/usr/bin/time -v`'s figure,
   which includes them, is in the notes.
4. **Scheduling**: `veobatch run` over text-to-video rows, rh-sim `--task-seconds 2
   --concurrent-limit 50`, `--concurrency 50`. Start-up is a 1-job run's wall time minus its
   task time (process start, validation, journal, first queue status, one poll and download
   round); the ratio is (wall − start-up) / ideal. The CPU row: user + system time of
   `veobatch run` over 1,000 jobs with task time 0, less a 1-job run's CPU, per job.
5. **Scan**: `veobatch scan TREE --quiet` against `find TREE -type f -print0 | xargs -0 file
   --mime-type` (one `file` process per few thousand files, as a user would run it), after one
   warm-up of each so both read from the page cache. The tree: folders of ~200 files named
   like shots: start/end pairs, single frames and reference images (PNG, JPEG, WebP made with
   ffmpeg, 640×360 to 1920×1080), clips (MP4, MOV), and junk named like media (notes, logs,
   JSON, HTML, gzip, random bytes). The second row scans only its images and clips (hard
   links), where libmagic has no text to classify.
6. **Validation**: `veobatch validate` on a 10,000-row manifest whose rows use the scan tree's
   frames (text-to-video, image-to-video and start/end rows), against `veobatch validate
   --parse-only` (hidden: read and parse the CSV with the same reader, nothing else), and a
   1-row manifest parsed the same way for the process start-up.
13. **Scale**: `veobatch run` over 10,000 and over 100 text-to-video rows of task time 0 (limit 50,
   `--poll-interval 0.2 --max-polls-per-second 500`): `/usr/bin/time -v` peak RSS of the two runs
   (media workers included) with veobatch's peak anonymous memory beside it; veobatch's own CPU
   (its `/proc` user + system time, without the workers') per job, less the 100-job run's; the
   same two runs again in a tmpfs folder of `/dev/shm` are noted beside it (`BENCH_SCALE_TMPFS=0`
   skips them). 13c is bar 4's ratio over 1,000 rows of 2 s.

Run it again with `scripts/bench.sh` (no arguments; 10–15 minutes with the release build).
Sizes: `BENCH_UPLOAD_MB` (1024), `BENCH_FILE_MB` (50), `BENCH_MEMORY_MB` (1024),
`BENCH_SCAN_FILES` (20000), `BENCH_MANIFEST_ROWS` (10000), `BENCH_SCHEDULING_JOBS` (200),
`BENCH_INSTANT_JOBS` (1000), `BENCH_REPEAT` (3); `BENCH_WORK` for the scratch folder.
"""


def verdict(row):
    if row.passed is None:
        return "report"
    return "pass" if row.passed else "MISS"


def ratio_text(row):
    return "-" if row.ratio is None else f"{row.ratio:.2f}"


def table(rows, machine, started, finished):
    lines = [f"veobatch benchmarks, {started:%Y-%m-%d %H:%M %Z} ({(finished - started).total_seconds() / 60:.1f} min)", machine, ""]
    headers = ["bar", "measure", "ratio", "target", "result"]
    cells = [[row.bar, row.measure, ratio_text(row), row.target, verdict(row)] for row in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    lines.append("  ".join("-" * w for w in widths))
    for c in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(c, widths)))
    lines.append("")
    for row in rows:
        lines.append(f"[{row.bar}] veobatch: {row.ours}")
        lines.append(f"    against: {row.reference}")
        for note in row.notes:
            lines.append(f"    {note}")
    return "\n".join(lines)


def markdown(rows, machine, started, finished):
    out = [
        "# Benchmarks",
        "",
        "Written by `scripts/bench.sh` (release build). The quality bars are product.md §9 and issue 6.",
        "",
        f"- **Date**: {started:%Y-%m-%d %H:%M %Z} (took {(finished - started).total_seconds() / 60:.1f} min)",
        f"- **Machine**: {machine}",
        "",
        "| bar | measure | veobatch | against | ratio | target | result |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        out.append(
            f"| {row.bar} | {row.measure} | {row.ours} | {row.reference} | **{ratio_text(row)}** | {row.target} | {verdict(row)} |"
        )
    out += ["", "Notes:", ""]
    for row in rows:
        for note in row.notes:
            out.append(f"- [{row.bar}] {note}")
    out += ["", METHOD]
    return "\n".join(out)
