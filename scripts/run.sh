#!/usr/bin/env bash
# Runs the default pipeline over seeds/ into output/: installs missing packages, builds a release
# binary, runs it. Extra arguments go to `warta run` (e.g. --tokens, --jobs 1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh
swift build -c release
exec .build/release/warta run seeds --out output "$@"
