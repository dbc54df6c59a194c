#!/usr/bin/env bash
# Fuzzes the manifest reader and validator with libFuzzer for a bounded time (issue 5, item 6).
#
#   scripts/fuzz.sh [SECONDS]       default 60
#   FUZZ_ARGS="-len_control=0 -max_len=65536" scripts/fuzz.sh 300    extra libFuzzer flags
#
# Builds the ManifestFuzzer product with -sanitize=fuzzer (plus address, unless FUZZ_ASAN=0) in its
# own scratch folder (.build/fuzz), so the instrumented build never invalidates the normal one;
# the first build compiles every dependency once. Starts from Tests/Fixtures/fuzz-seeds and keeps
# what it learns in .build/fuzz/corpus for the next run. A crash stops the run and exits 1; the
# input is saved under .build/fuzz/crashes/ — replay it with a plain build:
#   swift build --product ManifestFuzzer && .build/debug/ManifestFuzzer .build/fuzz/crashes/crash-…
# and keep it as a regression test in Tests/VeoBatchTests/Hostile/.
# Not part of scripts/test.sh: it is slow by design and runs outside CI's critical path.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
case "$seconds" in
    '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac

scratch=.build/fuzz
seeds=Tests/Fixtures/fuzz-seeds
dictionary=Tests/Fixtures/fuzz-manifest.dict
mkdir -p "$scratch/corpus" "$scratch/crashes"

# swiftc keeps only the LAST -sanitize= flag it is given, and SwiftPM passes `--sanitize=fuzzer
# --sanitize=address` as two flags in that order: the Swift code would get AddressSanitizer but no
# coverage, and libFuzzer would fuzz blind ("no interesting inputs"). One combined -Xswiftc flag,
# which comes after SwiftPM's own, fixes compile and link; C code gets both from -fsanitize.
sanitizers=(--sanitize=fuzzer)
if [ "${FUZZ_ASAN:-1}" != 0 ]; then
    sanitizers+=(--sanitize=address -Xswiftc -sanitize=fuzzer,address)
fi

# -DFUZZING compiles out the replay `main`: libFuzzer brings its own.
build=(swift build -c debug --scratch-path "$scratch" "${sanitizers[@]}" -Xswiftc -DFUZZING --product ManifestFuzzer)
echo "building: ${build[*]}"
if ! "${build[@]}" 2>&1 | tail -n 20; then
    echo "fuzz.sh: the instrumented build failed" >&2
    exit 2
fi
binary="$scratch/debug/ManifestFuzzer"
[ -x "$binary" ] || { echo "fuzz.sh: $binary was not built" >&2; exit 2; }

log="$scratch/last-run.log"
echo "fuzzing for ${seconds}s with seeds from $seeds (log: $log)"
status=0
# -timeout: any single input taking over 10 s counts as a hang; -rss_limit_mb: as a leak/blow-up.
# ASAN_OPTIONS: libFuzzer's own leak check would flag the validator's process-wide caches.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$binary" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$scratch/crashes/" -dict="$dictionary" \
    ${FUZZ_ARGS:-} "$scratch/corpus" "$seeds" >"$log" 2>&1 || status=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
grep -E '^(#[0-9]+ +(DONE|INITED)|Done [0-9]+ runs)' "$log" | tail -n 3 || true
echo "executions: ${runs:-unknown}"
if [ "$status" -ne 0 ]; then
    echo "fuzz.sh: libFuzzer stopped with status $status; the failing input:" >&2
    grep -E 'Test unit written to|ERROR: |SUMMARY: ' "$log" >&2 || tail -n 30 "$log" >&2
    exit 1
fi
echo "no crash, hang or trap"
