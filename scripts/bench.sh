#!/usr/bin/env bash
# Benchmarks against product.md §9 / issue 6: builds veobatch and rh-sim in release mode, measures
# each bar side by side with its reference (curl, file(1), the ideal schedule, CSV parsing) in one
# run, prints the table of ratios and writes it to docs/benchmarks.md.
#
# Usage: scripts/bench.sh            (about 10–15 minutes including the release build)
# Environment: BENCH_UPLOAD_MB (1024), BENCH_FILE_MB (50), BENCH_MEMORY_MB (1024),
#   BENCH_SCAN_FILES (20000), BENCH_MANIFEST_ROWS (10000), BENCH_SCHEDULING_JOBS (200),
#   BENCH_INSTANT_JOBS (1000), BENCH_SCALE_JOBS (10000), BENCH_SCALE_BASE_JOBS (100),
#   BENCH_SCALE_SCHEDULE_JOBS (1000), BENCH_SCALE_TMPFS (1: 13b's runs again on /dev/shm; 0: not),
#   BENCH_REPEAT (3), BENCH_ONLY (e.g. scan,scale),
#   BENCH_WORK (scratch folder, default $TMPDIR/veobatch-bench; removed afterwards unless BENCH_KEEP=1),
#   BENCH_OUTPUT (default docs/benchmarks.md; "-" to write nothing).
# Not part of scripts/test.sh: it takes minutes and several GB of scratch space.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
ensure_build_deps
# GNU time for peak RSS and CPU; curl and python3 drive the references.
_apt_install time curl python3

echo "== building veobatch and rh-sim in release mode (the first build takes several minutes)" >&2
swift build -c release --product veobatch 2>&1 | tail -n 1 >&2
# The media worker (clip probes, filmstrips), found beside veobatch: without it runs would not probe.
swift build -c release --product veobatch-media 2>&1 | tail -n 1 >&2
swift build -c release --product rh-sim 2>&1 | tail -n 1 >&2
bin="$(swift build -c release --show-bin-path)"

work="${BENCH_WORK:-${TMPDIR:-/tmp}/veobatch-bench}"
mkdir -p "$work"
if [ -z "${BENCH_KEEP:-}" ]; then
    trap 'rm -rf "$work"' EXIT
fi

output="${BENCH_OUTPUT:-docs/benchmarks.md}"
args=("$bin" "$work")
[ "$output" != "-" ] && args+=(--write "$output")
[ -n "${BENCH_ONLY:-}" ] && args+=(--only "$BENCH_ONLY")
python3 scripts/bench/bench.py "${args[@]}"
