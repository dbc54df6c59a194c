#!/usr/bin/env bash
# Installs what the build needs when missing, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
ensure_test_deps
swift build --build-tests 2>&1 | tail -n 30
swift test --skip-build 2>&1 | tee .build/test-output.txt | tail -n 80
