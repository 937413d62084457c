#!/usr/bin/env bash
# Scores warta on the news set (gold/news/): runs the default pipeline over one split and compares the
# output with its gold. Tune on dev; score test only at the end of a change, and never read its errors
# to write rules. dev2 (gold/news/dev2) is a second development split: 24 articles of 23 outlets that are in
# neither dev nor test, written after the rules of dev had been tuned (its first figures measure how they carry);
# dev3 (gold/news/dev3) a third, of 24 outlets in none of them, written on 2026-12-07; dev4 (gold/news/dev4) a
# fourth, written at the end of that day; dev5 (gold/news/dev5) a fifth, written in the day's second session;
# dev6 (gold/news/dev6) a sixth, written in its third session; dev7 (gold/news/dev7) a seventh, written at the
# end of that session and kept unseen for the next; dev8 (gold/news/dev8) an eighth, written in the fourth
# session of 2026-12-07; dev9 (gold/news/dev9) a ninth, written at the end of that session and kept unseen;
# dev10 (gold/news/dev10) a tenth, written in the fifth session and kept unseen too (dev5 to dev8 are tuned on
# together since then); dev11 (gold/news/dev11) an eleventh, written at the end of that session, kept unseen
# (dev9 and dev10 are tuned on since the sixth session, with dev5 to dev8); dev12 (gold/news/dev12) a twelfth,
# written in the sixth session by writers and annotators who had not read the rules, kept unseen.
# Usage: scripts/eval_news.sh [dev|test|dev2|dev3|dev4|dev5|dev6|dev7|dev8|dev9|dev10|dev11|dev12] [extra `warta eval` arguments, e.g. --json]
#        WARTA=path/to/warta scripts/eval_news.sh dev   (default: builds and uses .build/release/warta)
set -euo pipefail
cd "$(dirname "$0")/.."
split="${1:-dev}"
shift || true
case "$split" in dev|test|dev2|dev3|dev4|dev5|dev6|dev7|dev8|dev9|dev10|dev11|dev12) ;; *) echo "eval_news.sh: the split is dev, test, dev2, dev3, dev4, dev5, dev6, dev7, dev8, dev9, dev10, dev11 or dev12, not '$split'" >&2; exit 64 ;; esac
. scripts/lib/warta-binary.sh
"$binary" run "gold/news/$split" --out "$work/out" --quiet
"$binary" eval "gold/news.$split.ndjson" "$work/out" "$@"
