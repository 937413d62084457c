#!/bin/bash
# Throughput benchmark (issue 6): warta against the ICU floor (icu_limit.c) and the spaCy peer
# (peer_spacy.py) over the same generated corpus. Figures and profile notes: BENCHMARKS.md.
#
#   bench/perf/run.sh [--n 20000] [--scale 10] [--runs 3] [--jobs CORES] [--no-peer] [--json FILE]
#
# Builds the release binary, then runs bench/perf/bench.py. Work files (sources, corpora, outputs,
# the icu_limit binary, the spaCy venv) go to bench/work/perf/ (git-ignored). The reference programs
# and the corpus generator are read from ../shared/bench (WARTA_SHARED_BENCH), the NER sentences from
# ../shared/data (WARTA_SHARED_DATA).
set -euo pipefail
cd "$(dirname "$0")/../.."
# Always (re)build: a stale release binary would measure old code. Incremental when up to date.
swift build -c release --product warta >&2
exec python3 bench/perf/bench.py --warta .build/release/warta "$@"
