#!/usr/bin/env bash
# Checks that two warta binaries write the same bytes: for a refactor that must not change output.
#
#   scripts/same_outputs.sh BASE NEW INPUT_DIR... [-- extra run options]
#
# For each input folder, both binaries run with the same options and every output is compared byte by
# byte (cmp): documents.ndjson, documents.xml, manifest.json and the --emit files of a folder run;
# `--out -` with `--emit quotes --with-records` on stdout; `--tokens`; and `--incremental` (a first run,
# then one file's text changed and a second run that carries the others over). run.json is left out: it
# holds timings, and the manifest's "build" field (the executable's own hash) is blanked. Keeps BASE's outputs in $SAME_OUTPUTS_CACHE (when set) between calls, keyed by folder and
# BASE's checksum, so a series of checks runs BASE once. Exits 1 on the first difference.
set -euo pipefail
base="$(realpath "$1")"; new="$(realpath "$2")"; shift 2
inputs=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do inputs+=("$1"); shift; done
[ $# -gt 0 ] && shift
extra=("$@")
# The runs from OUT need the pipeline by absolute path.
export WARTA_PIPELINE="${WARTA_PIPELINE:-$PWD/pipelines/default.yaml}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cache="${SAME_OUTPUTS_CACHE:-$work/cache}"
base_sum="$(sha256sum "$base" | cut -c1-16)"

# run BIN OUT INPUT: every mode into OUT/<mode>
run_all() {
    local bin="$1" out="$2" input="$3"
    mkdir -p "$out"
    "$bin" run "$input" --out "$out/folder" --quiet --emit entities --emit quotes --emit clusters \
        --emit quote-keys "${extra[@]}"
    "$bin" run "$input" --out - --quiet --emit quotes --with-records "${extra[@]}" >"$out/stdout.ndjson"
    "$bin" run "$input" --out "$out/tokens" --quiet --tokens --jobs 1 "${extra[@]}"
    # Incremental: a copy of the input, a first run, one file changed, a second run.
    # (run from OUT with relative paths: the records' sources name the input path)
    rm -rf "$out/inc-input"; cp -R "$input" "$out/inc-input"
    local first; first="$(cd "$out" && find inc-input -name '*.txt' | sort | sed -n 1p)"  # (sed reads all: head's early exit was a SIGPIPE under pipefail)
    (cd "$out" && "$bin" run inc-input --out inc --quiet --incremental "${extra[@]}" &&
        printf '\nKata Menteri Uji, "Ini kalimat tambahan untuk uji inkremental."\n' >>"$first" &&
        touch -d '2001-01-01 00:00:00' "$first" &&
        "$bin" run inc-input --out inc --quiet --incremental --emit quotes "${extra[@]}")
    rm -rf "$out/inc-input"
    find "$out" -name run.json -delete
    # The manifest names the build (the executable's SHA-256), which differs by definition.
    find "$out" -name manifest.json -exec sed -i 's/"build":"[^"]*"/"build":"-"/' {} +
    find "$out" -name .warta.lock -delete
}

status=0
for input in "${inputs[@]}"; do
    key="$(echo "$input" | tr '/' '_')-$base_sum"
    if [ ! -d "$cache/$key" ]; then
        run_all "$base" "$cache/$key.tmp" "$input"
        mv "$cache/$key.tmp" "$cache/$key"
    fi
    # (again on the kept outputs: a cache written by an older copy of this script may still name its build)
    find "$cache/$key" -name manifest.json -exec sed -i 's/"build":"[^"]*"/"build":"-"/' {} +
    rm -rf "$work/new"
    run_all "$new" "$work/new" "$input"
    if diff -r -q "$cache/$key" "$work/new" >"$work/diff"; then
        echo "same: $input ($(find "$work/new" -type f | wc -l) files)"
    else
        echo "DIFFERENT: $input" >&2
        cat "$work/diff" >&2
        status=1
    fi
done
exit "$status"
