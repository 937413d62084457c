#!/bin/bash
# Rule engine benchmark (issue 3 item 2): 100,000-entry gazetteer load time and matching time over
# documents of 10k-80k tokens with a pathological rules file. Figures: docs/RULES-BENCH.md.
#
#   bench/rules/run.sh [--runs N] [--sizes 10000,20000,...] [--json FILE]
#
# Work files go to $WORK (default /tmp/warta-rules-bench).
set -euo pipefail
cd "$(dirname "$0")/../.."
# Always (re)build: a stale release binary would measure old code. Incremental when up to date.
swift build -c release --product warta >&2
exec python3 bench/rules/bench.py --warta .build/release/warta "$@"
