#!/usr/bin/env bash
# Remakes the README's screenshots of `warta report` (docs/report-*.png) with headless Chromium:
# the seeds' index and document 000, and the diff a rule change makes (the default pipeline without
# the rule org.with-place). Needs a built warta (swift build) and chromium (scripts/ensure-packages.sh chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
warta=${WARTA:-.build/debug/warta}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$warta" run seeds --out "$work/output" --quiet --report
cp -r pipelines "$work/pipelines"
# Drop the rule's block: from its `- id:` line to the next item or comment at the same indent.
awk '/^      - id: org.with-place$/ { skip = 1; next } skip && /^      [-#]/ { skip = 0 } !skip' \
    pipelines/rules/entities.yaml > "$work/pipelines/rules/entities.yaml"
"$warta" run seeds --out "$work/new" --pipeline "$work/pipelines/default.yaml" --quiet
"$warta" report --diff "$work/output" "$work/new" --to "$work/diff" --quiet || [ $? = 1 ]

shot() { # PAGE PNG WIDTH,HEIGHT
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/chromium" \
        --window-size="$3" --screenshot="$2" "file://$1" 2>/dev/null
}
diff_page=$(ls "$work/diff/doc" | head -1)
shot "$work/output/report/index.html" docs/report-index.png 1200,2300
shot "$work/output/report/doc/000001-000_d2a72559a5a40c36.html" docs/report-document.png 1200,1150
shot "$work/diff/doc/$diff_page" docs/report-diff.png 1200,1150
shot "$work/diff/index.html" docs/report-diff-index.png 1200,760
