"""Issue 14: a run's memory does not grow with the manifest, and client CPU per job stays small.

- Peak RSS (and peak anonymous memory) of `veobatch run` over 10,000 instant jobs against the same
  run over 100 jobs: the bar is ≤ 1.2× and under 80 MB.
- Client CPU per job over those 10,000 jobs, less the 100-job run's CPU: the bar is < 2 ms. The
  same pair of runs on tmpfs (/dev/shm) is noted beside it: the client's CPU without the disk.
- The ideal-schedule ratio at 1,000 jobs of 2 s at limit 50, as bar 4 measures it at 200.
"""

import math
import os
import shutil
import subprocess
import tempfile

from common import Row, env_float, env_int, log, seconds
from scheduling import LIMIT, timed_run

POLLS_PER_SECOND = "500"


def work_filesystem(work):
    """The type of the filesystem the runs write to (`ext4`, `tmpfs`, …), as `findmnt` names it."""
    try:
        found = subprocess.run(["findmnt", "-n", "-o", "FSTYPE", "--target", work], capture_output=True, text=True, check=True)
        # One line per mount stacked on the folder (/dev/shm may be mounted twice): the last is on top.
        lines = found.stdout.split()
        return lines[-1] if lines else "an unknown filesystem"
    except (OSError, subprocess.CalledProcessError):
        return "an unknown filesystem"


def memory_filesystem(work):
    """A tmpfs folder to run in beside the bench's own, or None (the bench already works on tmpfs,
    no /dev/shm, it is not tmpfs, or BENCH_SCALE_TMPFS=0)."""
    if os.environ.get("BENCH_SCALE_TMPFS", "1") == "0" or not os.path.isdir("/dev/shm") or work_filesystem(work) == "tmpfs":
        return None
    if work_filesystem("/dev/shm") != "tmpfs":
        return None
    return tempfile.mkdtemp(prefix="veobatch-bench-", dir="/dev/shm")


def per_job_ms(big, base, jobs):
    """Own CPU per job, and its kernel part, of a large run less a small one (start-up and reports' fixed cost)."""
    own = (big.own_cpu - base.own_cpu) / max(1, jobs) * 1000
    system = (big.own_system - base.own_system) / max(1, jobs) * 1000
    return own, system


def instant_run(binaries, work, jobs, task_seconds=0, poll_interval="0.2"):
    return timed_run(binaries, work, jobs, task_seconds, poll_interval=poll_interval, polls_per_second=POLLS_PER_SECOND,
                     sample_anon=True)


def run(binaries, work):
    large = env_int("BENCH_SCALE_JOBS", 10000)
    small = env_int("BENCH_SCALE_BASE_JOBS", 100)
    schedule_jobs = env_int("BENCH_SCALE_SCHEDULE_JOBS", 1000)
    task = env_float("BENCH_TASK_SECONDS", 2)
    rows = []

    log(f"scale: {small} and {large} instant jobs, limit {LIMIT}")
    base = instant_run(binaries, work, small)
    big = instant_run(binaries, work, large)
    ratio = big.max_rss_kb / max(1, base.max_rss_kb)
    big_mb = big.max_rss_kb / 1024
    rows.append(
        Row(
            bar="13",
            measure=f"peak RSS of run: {large} instant jobs",
            ours=f"{big_mb:.1f} MB (anonymous {big.max_anon_kb / 1024:.1f} MB; run took {seconds(big.wall)})",
            reference=f"{small} jobs: {base.max_rss_kb / 1024:.1f} MB (anonymous {base.max_anon_kb / 1024:.1f} MB)",
            ratio=ratio,
            target="≤ 1.20 and < 80 MB",
            passed=ratio <= 1.20 and big_mb < 80,
        )
    )
    # The client's own CPU (veobatch alone), and beside it what its veobatch-media workers
    # spent probing each clip and drawing its filmstrip for the report (issue 13); veobatch reaps
    # its workers at exit, so their CPU is in the children's total.
    own_per_job_ms, system_per_job_ms = per_job_ms(big, base, large - small)
    total_per_job_ms = ((big.user + big.system) - (base.user + base.system)) / max(1, large - small) * 1000
    # The kernel's part moves with the filesystem the bench works in (creating a job's files,
    # syncing them and the journal), not only with veobatch: shown apart so runs can be read.
    # The same pair of runs on tmpfs, beside it, is the client's CPU with the disk left out (on a
    # no-journal ext4 the inode allocator scans past recently deleted inodes, so the system time
    # there follows what the machine deleted lately). The bar is still read on the bench's folder.
    memory_note = []
    memory = memory_filesystem(work)
    if memory:
        try:
            log(f"scale: {small} and {large} instant jobs again on tmpfs ({memory})")
            memory_base = instant_run(binaries, memory, small)
            memory_big = instant_run(binaries, memory, large)
            memory_own, memory_system = per_job_ms(memory_big, memory_base, large - small)
            memory_note = [
                f"the same runs on tmpfs (no disk): {memory_own:.2f} ms/job, of which system {memory_system:.2f}, "
                f"user {memory_own - memory_system:.2f}"
            ]
        finally:
            shutil.rmtree(memory, ignore_errors=True)
    rows.append(
        Row(
            bar="13b",
            measure=f"client CPU per job, {large} instant jobs",
            ours=f"{own_per_job_ms:.2f} ms/job (veobatch's own CPU {seconds(big.own_cpu)} in {seconds(big.wall)})",
            reference=f"{small}-job run's own CPU {seconds(base.own_cpu)} (subtracted)",
            ratio=own_per_job_ms / 2.0,
            target="per-job ms / 2 ms < 1",
            passed=own_per_job_ms < 2.0,
            notes=[
                f"of which the kernel's (system time: its files, syncs and sockets on {work_filesystem(work)}): "
                f"{system_per_job_ms:.2f} ms/job, veobatch's and its libraries' (user time): "
                f"{own_per_job_ms - system_per_job_ms:.2f} ms/job",
                *memory_note,
                f"with its media workers (a probe and a filmstrip per clip): {total_per_job_ms:.1f} ms/job",
                f"{large / big.wall:.0f} jobs/s end to end",
            ],
        )
    )

    log(f"scale: {schedule_jobs} jobs × {task:g} s at limit {LIMIT}, and a 1-job run")
    one = instant_run(binaries, work, 1, task_seconds=task, poll_interval="0.5")
    many = instant_run(binaries, work, schedule_jobs, task_seconds=task, poll_interval="0.5")
    ideal = math.ceil(schedule_jobs / LIMIT) * task
    schedule_ratio = (many.wall - one.wall) / ideal
    rows.append(
        Row(
            bar="13c",
            measure=f"{schedule_jobs} jobs × {task:g} s task, limit {LIMIT}",
            ours=f"{seconds(many.wall)} (peak RSS {many.max_rss_kb / 1024:.1f} MB)",
            reference=f"ideal {seconds(ideal)} + start-up {seconds(one.wall)} (a 1-job run)",
            ratio=schedule_ratio,
            target="(wall − start-up) / ideal ≤ 1.10",
            passed=schedule_ratio <= 1.10,
        )
    )
    return rows
