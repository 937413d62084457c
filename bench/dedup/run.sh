#!/bin/bash
# Duplicate-quote benchmark (issue 4 item 5): build a corpus with known injected repeats, run warta
# over it, score `duplicate_of` and time the run. Figures and what they mean: docs/DEDUP-BENCH.md.
#
#   bench/dedup/run.sh [ARTICLES] [REPEAT_RATE] [SEED] [--synthetic-after-pool]
#
# ARTICLES (default 3000, about 21,000 quotes), REPEAT_RATE (default 0.25: share of quote slots that
# repeat an earlier quote while the pool of distinct real statements lasts; afterwards every quote is a
# repeat), SEED (default 20241127). --synthetic-after-pool: once the real statements are used up, fresh
# quotes are random word sequences (to time a large index of distinct quotes). Work files go to $WORK
# (default /tmp/warta-dedup-bench).
set -euo pipefail
cd "$(dirname "$0")/../.."
ARTICLES=${1:-3000}
RATE=${2:-0.25}
SEED=${3:-20241127}
EXTRA=${4:-}
WORK=${WORK:-/tmp/warta-dedup-bench}
NAME="a${ARTICLES}-r${RATE}-s${SEED}${EXTRA:+-synthetic}"
mkdir -p "$WORK"

# Always (re)build: a stale release binary would measure old code. Incremental when up to date.
swift build -c release >&2

python3 bench/dedup/make_dup_corpus.py --out "$WORK/corpus-$NAME" --articles "$ARTICLES" --repeat-rate "$RATE" --seed "$SEED" $EXTRA
rm -rf "$WORK/out-$NAME" "$WORK/out-$NAME"-light-*
python3 bench/dedup/score_dups.py "$WORK/corpus-$NAME" --out "$WORK/out-$NAME" --baseline \
    --json "$WORK/result-$NAME.json" 2> >(tee "$WORK/examples-$NAME.json" >&2)
echo "result: $WORK/result-$NAME.json" >&2
