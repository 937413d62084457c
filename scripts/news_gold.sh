#!/usr/bin/env bash
# Regenerates the news set's gold (gold/news.dev.ndjson, gold/news.test.ndjson, gold/news.dev2.ndjson,
# gold/news.dev3.ndjson, gold/news.dev4.ndjson, gold/news.dev5.ndjson, gold/news.dev6.ndjson,
# gold/news.dev7.ndjson, gold/news.dev8.ndjson, gold/news.dev9.ndjson, gold/news.dev10.ndjson, gold/news.dev11.ndjson,
# gold/news.dev12.ndjson) from
# the hand-written annotations (gold/news.annotations.tsv) and warta's normalized text of gold/news/SPLIT:
# scripts/make_gold.py resolves every surface into offsets and stops with file:line: message on any problem.
# Usage: scripts/news_gold.sh [WARTA_BINARY]   (or WARTA=...; default: builds and uses .build/release/warta)
set -euo pipefail
cd "$(dirname "$0")/.."
WARTA="${1:-${WARTA:-}}"
. scripts/lib/warta-binary.sh
for split in dev test dev2 dev3 dev4 dev5 dev6 dev7 dev8 dev9 dev10 dev11 dev12; do
    "$binary" run "gold/news/$split" --out "$work/$split" --quiet
done
python3 scripts/make_gold.py --annotations gold/news.annotations.tsv \
    --text "$work/dev/documents.ndjson" --out gold/news.dev.ndjson \
    --text "$work/test/documents.ndjson" --out gold/news.test.ndjson \
    --text "$work/dev2/documents.ndjson" --out gold/news.dev2.ndjson \
    --text "$work/dev3/documents.ndjson" --out gold/news.dev3.ndjson \
    --text "$work/dev4/documents.ndjson" --out gold/news.dev4.ndjson \
    --text "$work/dev5/documents.ndjson" --out gold/news.dev5.ndjson \
    --text "$work/dev6/documents.ndjson" --out gold/news.dev6.ndjson \
    --text "$work/dev7/documents.ndjson" --out gold/news.dev7.ndjson \
    --text "$work/dev8/documents.ndjson" --out gold/news.dev8.ndjson \
    --text "$work/dev9/documents.ndjson" --out gold/news.dev9.ndjson \
    --text "$work/dev10/documents.ndjson" --out gold/news.dev10.ndjson \
    --text "$work/dev11/documents.ndjson" --out gold/news.dev11.ndjson \
    --text "$work/dev12/documents.ndjson" --out gold/news.dev12.ndjson
