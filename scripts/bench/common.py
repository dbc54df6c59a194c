"""What every benchmark shares: the built binaries, a running rh-sim, timing commands, and the
result rows the table is made of.

Every figure that goes into the table is a ratio of two things measured side by side in the same
run (the machines are shared and noisy); absolute times are printed beside it only as context.
"""

import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field


def log(message):
    """Progress goes to stderr so stdout stays the table."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def env_float(name, default):
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass
class Row:
    """One line of the table: what was measured, against what, the ratio and its bar."""

    bar: str
    measure: str
    ours: str
    reference: str
    ratio: float | None
    target: str
    passed: bool | None
    notes: list = field(default_factory=list)


@dataclass
class Binaries:
    veobatch: str
    rh_sim: str


class Simulator:
    """An `rh-sim` on 127.0.0.1 with a throwaway key, started and stopped around a benchmark."""

    def __init__(self, binaries, *extra, storage=None):
        self.key = "bench-" + secrets.token_hex(8)
        args = [binaries.rh_sim, "--port", "0", "--api-key", self.key, "--log-level", "warning", *extra]
        if storage:
            args += ["--storage", storage]
        self.stderr_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"rh-sim-{self.key}.log")
        self.stderr = open(self.stderr_path, "w")
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        line = self.process.stdout.readline()
        match = re.match(r"listening on (\S+)", line)
        if not match:
            self.stop()
            raise RuntimeError(f"rh-sim did not start; its log is {self.stderr_path}")
        self.base_url = match.group(1)

    @property
    def upload_url(self):
        return self.base_url + "/openapi/v2/media/upload/binary"

    def env(self):
        """The environment a `veobatch` command needs to reach this simulator."""
        return {**os.environ, "RUNNINGHUB_API_KEY": self.key, "RUNNINGHUB_BASE_URL": self.base_url}

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()
        if os.path.exists(self.stderr_path):
            os.remove(self.stderr_path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


@dataclass
class Measured:
    wall: float
    user: float = 0.0
    system: float = 0.0
    max_rss_kb: int = 0
    stdout: str = ""
    # Peak anonymous memory (heap, stacks) seen by sampling /proc every 20 ms, when asked for;
    # RSS also counts pages of shared libraries and libmagic's database that happen to be resident.
    max_anon_kb: int = 0
    # CPU seconds of the measured process itself (user + system, from /proc, the last sample
    # before it exited), without its child processes (veobatch-media, hooks), when sampled.
    own_cpu: float = 0.0
    # The kernel's part of `own_cpu` (system time: files, syncs, sockets), from the same sample.
    own_system: float = 0.0
    # Peak RSS of the measured process itself (VmHWM, the last sample before it exited), when
    # sampled; `max_rss_kb` is GNU time's, the largest of it and every child it waited for.
    own_max_rss_kb: int = 0


class AnonSampler:
    """Samples the peak RssAnon and the own CPU time of the process GNU time runs (its child),
    every 20 ms."""

    TICKS = os.sysconf("SC_CLK_TCK")

    def __init__(self, time_pid):
        self.time_pid = time_pid
        self.peak_kb = 0
        self.own_hwm_kb = 0
        self.own_cpu = 0.0
        self.own_system = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            try:
                with open(f"/proc/{self.time_pid}/task/{self.time_pid}/children") as handle:
                    children = handle.read().split()
                for child in children:
                    with open(f"/proc/{child}/status") as handle:
                        for line in handle:
                            if line.startswith("RssAnon:"):
                                self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                            elif line.startswith("VmHWM:"):
                                self.own_hwm_kb = max(self.own_hwm_kb, int(line.split()[1]))
                    with open(f"/proc/{child}/stat") as handle:
                        # Fields after the command name: state is the 3rd, utime the 14th, stime the 15th.
                        fields = handle.read().rsplit(")", 1)[1].split()
                        cpu = (int(fields[11]) + int(fields[12])) / self.TICKS
                        if cpu >= self.own_cpu:
                            self.own_cpu = cpu
                            self.own_system = int(fields[12]) / self.TICKS
            except OSError:
                pass
            self.stop.wait(0.02)

    def finish(self):
        self.stop.set()
        self.thread.join()
        return self.peak_kb


def run_timed(args, *, env=None, shell=False, cwd=None, expect=(0,), stdin=None, sample_anon=False):
    """Runs a command under `/usr/bin/time -v` and returns wall time, CPU times and peak RSS.

    Wall time is measured here with a monotonic clock (GNU time's elapsed field has only
    centisecond resolution and includes its own fork); CPU and RSS come from GNU time.
    """
    report = f"/tmp/bench-time-{secrets.token_hex(6)}.txt"
    command = ["/usr/bin/time", "-v", "-o", report]
    command += ["sh", "-c", args] if shell else list(args)
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=stdin)
    sampler = AnonSampler(process.pid) if sample_anon else None
    stdout, stderr = process.communicate()
    wall = time.monotonic() - start
    anon = sampler.finish() if sampler else 0
    own_cpu = sampler.own_cpu if sampler else 0.0
    own_system = sampler.own_system if sampler else 0.0
    own_hwm = sampler.own_hwm_kb if sampler else 0
    done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    fields = {}
    if os.path.exists(report):
        with open(report) as handle:
            for line in handle:
                name, _, value = line.strip().rpartition(": ")
                fields[name] = value
        os.remove(report)
    if done.returncode not in expect:
        shown = args if shell else " ".join(args)
        raise RuntimeError(
            f"`{shown[:300]}` exited {done.returncode}\nstdout: {done.stdout[-2000:]}\nstderr: {done.stderr[:3000]}"
        )
    return Measured(
        wall=wall,
        user=float(fields.get("User time (seconds)", 0)),
        system=float(fields.get("System time (seconds)", 0)),
        max_rss_kb=int(fields.get("Maximum resident set size (kbytes)", 0)),
        stdout=done.stdout,
        max_anon_kb=anon,
        own_cpu=own_cpu,
        own_system=own_system,
        own_max_rss_kb=own_hwm,
    )


def alternate(runners, repeats, before=None):
    """Runs every function in `runners` `repeats` times, interleaved and in a rotating order (so
    none always goes first on a noisy machine), and returns one list of results per runner.
    `before()` runs ahead of every call (to clean up what the previous one left)."""
    results = [[] for _ in runners]
    for index in range(repeats):
        order = list(range(len(runners)))
        shift = index % len(runners)
        order = order[shift:] + order[:shift]
        for which in order:
            if before:
                before()
            results[which].append(runners[which]())
    return results


def median(values):
    return statistics.median(values)


def seconds(value):
    return f"{value:.2f} s"


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def machine_line():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "?"
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 1048576:.1f} GiB"
                    break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {memory} RAM, {cpu}; load average {load:.1f} at start"


def clip_files(out):
    """The rendered clips under an output folder: regular .mp4 files, not the ROW.current.mp4 links."""
    return [os.path.join(root, name) for root, _, names in os.walk(out) for name in names
            if name.endswith(".mp4") and not os.path.islink(os.path.join(root, name))]
