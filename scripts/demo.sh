#!/usr/bin/env bash
# The main job on the built-in simulator: builds veobatch, veobatch-media and rh-sim, starts rh-sim on loopback,
# renders the example manifest into ./demo-out, prints the output tree and the report, stops rh-sim.
# Usage: scripts/demo.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
ensure_build_deps

out="${1:-demo-out}"
echo "== building (first build takes a few minutes)"
swift build --product veobatch 2>&1 | tail -n 1
# Probes the clips and draws the report's pictures; veobatch finds it beside itself.
swift build --product veobatch-media 2>&1 | tail -n 1
swift build --product rh-sim 2>&1 | tail -n 1
bin="$(swift build --show-bin-path)"

# A throwaway key for the simulator; the demo never talks to the real RunningHub.
key="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
sim_log="$(mktemp)"
sim_out="$(mktemp)"
"$bin/rh-sim" --port 0 --api-key "$key" --task-seconds 3 --concurrent-limit 4 >"$sim_out" 2>"$sim_log" &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; rm -f "$sim_log" "$sim_out"' EXIT

for _ in $(seq 1 100); do
    grep -q '^listening on ' "$sim_out" 2>/dev/null && break
    sleep 0.1
done
base_url="$(sed -n 's/^listening on //p' "$sim_out" | head -n 1)"
[ -n "$base_url" ] || { echo "rh-sim did not start:" >&2; cat "$sim_log" >&2; exit 1; }
echo "== rh-sim listening on $base_url"

echo "== veobatch plan"
RUNNINGHUB_API_KEY="$key" "$bin/veobatch" plan manifests/example/shots.csv --base-url "$base_url"

echo "== veobatch run"
set +e
RUNNINGHUB_API_KEY="$key" "$bin/veobatch" run manifests/example/shots.csv --out "$out" --base-url "$base_url" --no-progress --poll-interval 1
status=$?
set -e
echo "== exit code $status"

echo "== output tree ($out)"
find "$out" -path "$out/.veobatch" -prune -o -type f -print | sort
echo "== status"
"$bin/veobatch" status --out "$out"
echo "== report: $out/shots/report.html (also report.csv, report.json)"
exit "$status"
