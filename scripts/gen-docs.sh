#!/usr/bin/env bash
# Regenerates the shell completions and the man page from veobatch's own argument parser, so they
# can never say something `veobatch --help` does not:
#
#   docs/completions/veobatch.bash   veobatch --generate-completion-script bash
#   docs/completions/_veobatch       veobatch --generate-completion-script zsh
#   docs/completions/veobatch.fish   veobatch --generate-completion-script fish
#   docs/man/veobatch.1              swift-argument-parser's GenerateManual tool
#
# The GenerateManual tool reads `veobatch --experimental-dump-help`. It prints neither the defaults
# that --help shows nor honours hidden subcommands, so the dump goes through jq first: hidden
# subcommands are dropped and each option's default is appended to its help as "(default: X)",
# exactly as --help prints it. Blank lines become paragraph macros so groff has nothing to warn about.
#
# Usage: scripts/gen-docs.sh [--bin-dir DIR] [--out DIR] [--date YYYY-MM-DD]
#   --bin-dir DIR  a folder holding the built `veobatch` and `generate-manual-tool`; nothing is built.
#                  Default: build veobatch (swift build) and, the first time, the GenerateManual
#                  plugin's tool (swift package plugin generate-manual --configuration debug).
#   --out DIR      where docs/ is written. Default: the repository's docs/.
#   --date DATE    the man page's date. Default: the date of the last commit touching Sources/veobatch.
#
# On the shared build machine run it through the wrapper: /work/vbuild scripts/gen-docs.sh
# Needs jq (apt-get install -y jq). Commit the result; a test checks it matches the binary.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=""
out_dir="$root/docs"
date=""

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "gen-docs.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --bin-dir) [[ $# -ge 2 ]] || fail "--bin-dir needs a folder"; bin_dir=$2; shift 2 ;;
    --out) [[ $# -ge 2 ]] || fail "--out needs a folder"; out_dir=$2; shift 2 ;;
    --date) [[ $# -ge 2 ]] || fail "--date needs YYYY-MM-DD"; date=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) fail "unknown argument '$1'; see scripts/gen-docs.sh --help" ;;
  esac
done

command -v jq > /dev/null || fail "jq is needed to filter the help dump; install it with apt-get install -y jq"

manual_tool() {
  for name in generate-manual-tool generate-manual; do
    if [[ -x "$1/$name" ]]; then echo "$1/$name"; return 0; fi
  done
  return 1
}

if [[ -z $bin_dir ]]; then
  cd "$root"
  swift build --product veobatch
  bin_dir=$(swift build --show-bin-path)
  if ! manual_tool "$bin_dir" > /dev/null; then
    # Builds the plugin's generate-manual tool beside our products (and writes a raw page we do not use).
    swift package plugin generate-manual --configuration debug > /dev/null
  fi
fi

veobatch="$bin_dir/veobatch"
[[ -x $veobatch ]] || fail "no veobatch executable in $bin_dir; build it first (swift build)"
tool=$(manual_tool "$bin_dir") || fail "no generate-manual tool in $bin_dir; run scripts/gen-docs.sh without --bin-dir once to build it"

if [[ -z $date ]]; then
  date=$(git -C "$root" log -1 --format=%cs -- Sources/veobatch 2> /dev/null || true)
  [[ -n $date ]] || date=$(date +%Y-%m-%d)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$out_dir/completions" "$out_dir/man"
"$veobatch" --generate-completion-script bash > "$out_dir/completions/veobatch.bash"
"$veobatch" --generate-completion-script zsh > "$out_dir/completions/_veobatch"
"$veobatch" --generate-completion-script fish > "$out_dir/completions/veobatch.fish"

cat > "$work/filter.jq" << 'JQ'
walk(
  if type == "object" and (.subcommands | type) == "array"
  then .subcommands |= map(select(.shouldDisplay != false))
  else . end
  | if type == "object" and .kind == "option" and .shouldDisplay != false
       and (.defaultValue | type) == "string" and .defaultValue != ""
    then .abstract = ((.abstract // "") + " (default: " + .defaultValue + ")")
    else . end
)
JQ
"$veobatch" --experimental-dump-help > "$work/dump.json"
jq -f "$work/filter.jq" "$work/dump.json" > "$work/filtered.json"
# The tool runs "<tool> --experimental-dump-help"; this stand-in answers with the filtered dump.
mkdir -p "$work/bin" "$work/man"
printf '#!/bin/sh\nexec cat "%s"\n' "$work/filtered.json" > "$work/bin/veobatch"
chmod +x "$work/bin/veobatch"
"$tool" "$work/bin/veobatch" --date "$date" --output-directory "$work/man"
sed 's/^$/.Pp/' "$work/man/veobatch.1" > "$out_dir/man/veobatch.1"
# The tool leaves the last line without a newline.
[[ -z $(tail -c 1 "$out_dir/man/veobatch.1") ]] || echo >> "$out_dir/man/veobatch.1"

echo "Wrote $out_dir/man/veobatch.1 ($date) and $out_dir/completions/{veobatch.bash,_veobatch,veobatch.fish}"
