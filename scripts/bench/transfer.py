"""Bars 1 and 2: upload and download throughput to rh-sim on loopback, `veobatch transfer`
against the curl command line doing the same transfers 4 at a time (`xargs -P4 curl`)."""

import os
import re
import shlex
import shutil

from common import Row, Simulator, alternate, env_int, fresh_dir, log, median, run_timed, seconds

PARALLEL = 4


def write_random_files(folder, count, megabytes):
    """`count` files of random bytes (so nothing on the way can compress them)."""
    paths = []
    for index in range(count):
        path = os.path.join(folder, f"take-{index + 1:02d}.mp4")
        with open(path, "wb") as handle:
            for _ in range(megabytes):
                handle.write(os.urandom(1 << 20))
        paths.append(path)
    return paths


def keep_only(folder, keep):
    """Removes what earlier upload rounds stored in rh-sim's folder, keeping the seed files."""
    for name in os.listdir(folder):
        if name not in keep:
            os.remove(os.path.join(folder, name))


def run(binaries, work):
    total_mb = env_int("BENCH_UPLOAD_MB", 1024)
    file_mb = env_int("BENCH_FILE_MB", 50)
    repeats = env_int("BENCH_REPEAT", 3)
    count = max(1, round(total_mb / file_mb))
    source = fresh_dir(os.path.join(work, "transfer-files"))
    storage = fresh_dir(os.path.join(work, "transfer-storage"))
    received = os.path.join(work, "transfer-downloads")
    log(f"transfer: writing {count} files of {file_mb} MB")
    files = write_random_files(source, count, file_mb)
    moved_mb = count * file_mb
    rows = []
    with Simulator(binaries, "--upload-limit-mb", str(file_mb * 2 + 1), storage=storage) as sim:
        env = sim.env()
        upload_args = [binaries.veobatch, "transfer", "upload", "--url", sim.upload_url, "--parallel", str(PARALLEL), "--send-api-key", *files]

        # A first, untimed upload warms the page cache and gives the download benchmark its URLs.
        seed = run_timed(upload_args, env=env)
        urls = re.findall(r"→ (\S+)", seed.stdout)
        if len(urls) != count:
            raise RuntimeError(f"expected {count} download URLs from the upload, got {len(urls)}:\n{seed.stdout[-2000:]}")
        keep = set(os.listdir(storage))

        file_list = os.path.join(work, "transfer-files.list")
        with open(file_list, "w") as handle:
            handle.write("\0".join(files))
        curl_upload = (
            f"xargs -0 -P{PARALLEL} -I{{}} curl -sS --fail -o /dev/null -H 'Expect:' "
            f"-H 'Authorization: Bearer {sim.key}' -F 'file=@{{}}' {shlex.quote(sim.upload_url)} < {shlex.quote(file_list)}"
        )
        log(f"transfer: {repeats} x upload {moved_mb} MB with veobatch and with curl (alternating)")
        ours, theirs = alternate(
            [lambda: run_timed(upload_args, env=env), lambda: run_timed(curl_upload, shell=True)],
            repeats,
            before=lambda: keep_only(storage, keep),
        )
        keep_only(storage, keep)
        rows.append(throughput_row("1", f"upload {count} × {file_mb} MB, {PARALLEL} at once", moved_mb, ours, theirs, "curl -F"))

        url_list = os.path.join(work, "transfer-urls.list")
        with open(url_list, "w") as handle:
            handle.write("\n".join(urls) + "\n")
        download_args = [binaries.veobatch, "transfer", "download", "--parallel", str(PARALLEL), "--out", received, *urls]
        curl_download = f"xargs -P{PARALLEL} -n1 curl -sS --fail -O --output-dir {shlex.quote(received)} < {shlex.quote(url_list)}"
        # Both again with every file flushed to disk (fsync) before it counts as done, as
        # `veobatch run` does with each clip: curl followed by `sync FILE`.
        synced_args = [binaries.veobatch, "transfer", "download", "--fsync", "--parallel", str(PARALLEL), "--out", received, *urls]
        curl_download_sync = (
            f"xargs -P{PARALLEL} -n1 sh -c 'curl -sS --fail -O --output-dir \"$0\" \"$1\" && "
            f"sync \"$0/$(basename \"${{1%%\\?*}}\")\"' {shlex.quote(received)} < {shlex.quote(url_list)}"
        )
        log(f"transfer: {repeats} x download {moved_mb} MB with veobatch and curl, each also with fsync (rotating)")
        ours, theirs, ours_synced, theirs_synced = alternate(
            [
                lambda: run_timed(download_args, env=env),
                lambda: run_timed(curl_download, shell=True),
                lambda: run_timed(synced_args, env=env),
                lambda: run_timed(curl_download_sync, shell=True),
            ],
            repeats,
            before=lambda: fresh_dir(received),
        )
        fresh_dir(received)
        row = throughput_row("2", f"download {count} × {file_mb} MB, {PARALLEL} at once", moved_mb, ours, theirs, "curl -O")
        synced = median([m.wall for m in theirs_synced])
        ours_synced_wall = median([m.wall for m in ours_synced])
        row.notes.append(
            f"with every file flushed to disk before it counts (veobatch --fsync, as run does; curl + sync FILE): "
            f"veobatch {seconds(ours_synced_wall)}, curl {seconds(synced)}, ratio {synced / ours_synced_wall:.2f}"
        )
        rows.append(row)
    for folder in (source, storage, received):
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def throughput_row(bar, measure, megabytes, ours, theirs, reference):
    ours_wall = median([m.wall for m in ours])
    theirs_wall = median([m.wall for m in theirs])
    ratio = theirs_wall / ours_wall
    row = Row(
        bar=bar,
        measure=measure,
        ours=f"{seconds(ours_wall)} ({megabytes / ours_wall:.0f} MB/s)",
        reference=f"{reference}: {seconds(theirs_wall)} ({megabytes / theirs_wall:.0f} MB/s)",
        ratio=ratio,
        target="curl / veobatch ≥ 0.90",
        passed=ratio >= 0.9,
    )
    ours_cpu = median([m.user + m.system for m in ours])
    theirs_cpu = median([m.user + m.system for m in theirs])
    row.notes.append(
        f"client CPU: veobatch {seconds(ours_cpu)}, curl {seconds(theirs_cpu)}; "
        f"peak RSS veobatch {max(m.max_rss_kb for m in ours) / 1024:.0f} MB"
    )
    return row
