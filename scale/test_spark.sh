#!/usr/bin/env bash
# The Spark run gives exactly the single-machine output (issue 8): builds a corpus of 2,000 generated
# articles with injected repeated quotes (deterministic, from the seeds only), runs `warta run` over it
# on one machine and scale/spark_run.py in Spark local mode (local[2], 4 partitions, warta shipped with
# addFile/addArchive), and compares the two record for record. Exits non-zero on any difference.
#
#   scale/test_spark.sh [WARTA_BINARY]     (default .build/debug/warta; run `swift build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
WARTA=${1:-.build/debug/warta}
ARTICLES=${SPARK_TEST_ARTICLES:-2000}
PY=$(scale/ensure-pyspark.sh)
command -v java >/dev/null || { echo "test_spark: java is missing (scripts/ensure-packages.sh installs it)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/warta-spark-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
started=$(date +%s)

python3 bench/dedup/make_dup_corpus.py --out "$WORK/corpus" --articles "$ARTICLES" --seeds-only \
    --synthetic-after-pool --seed 8 --ndjson "$WORK/corpus.ndjson" 2>"$WORK/corpus.log"
"$WARTA" run - --out - --quiet < "$WORK/corpus.ndjson" > "$WORK/single.ndjson"

export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY" SPARK_LOCAL_IP=127.0.0.1
"$PY" scale/spark_run.py "$WORK/corpus.ndjson" --out "$WORK/spark" --master 'local[2]' --partitions 4 --ship \
    --warta "$WARTA" --pipeline pipelines/default.yaml 2> >(grep -v -E '^(Setting default log level|To adjust logging level|[0-9/: ]+WARN NativeCodeLoader|\s*$)' >&2)
cat "$WORK"/spark/part-* > "$WORK/spark.ndjson"

python3 - "$WORK/single.ndjson" "$WORK/spark.ndjson" "$ARTICLES" <<'PY'
import json, sys
single = open(sys.argv[1], "rb").read().splitlines()
spark = open(sys.argv[2], "rb").read().splitlines()
links = sum(q["duplicate_of"] is not None for line in single for q in json.loads(line)["quotes"])
assert len(single) == int(sys.argv[3]) and links > 0, (len(single), links)
for i, (a, b) in enumerate(zip(single, spark)):
    if a != b:
        ja, jb = json.loads(a), json.loads(b)
        for k in ja:
            if ja[k] != jb.get(k):
                print(f"record {i} ({ja['id']}) differs in {k!r}:\n  one machine: {json.dumps(ja[k])[:600]}\n  spark:       {json.dumps(jb.get(k))[:600]}", file=sys.stderr)
        sys.exit(1)
if len(single) != len(spark):
    print(f"{len(single)} records on one machine, {len(spark)} from spark", file=sys.stderr)
    sys.exit(1)
print(f"test_spark: {len(single)} records, {links} duplicate links: spark output equals the single-machine run", file=sys.stderr)
PY
echo "test_spark: passed in $(( $(date +%s) - started )) s" >&2
