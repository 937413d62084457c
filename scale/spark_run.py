#!/usr/bin/env python3
"""Run warta over a corpus on Apache Spark, with corpus-wide quote deduplication as a shuffle.

    spark-submit scale/spark_run.py INPUT --out DIR [--warta PATH] [--pipeline FILE] [--ship]
                 [--partitions N] [--jobs N] [--text]

INPUT is NDJSON (`{"id", "text", ...}` per line; a file, folder or glob Spark can read), or with
--text a folder of .txt files. DIR receives the records as NDJSON shards (part-00000, ...), in input
order: their concatenation is byte for byte what `warta run - --out - < INPUT` writes on one machine
(for --text, a folder of .txt files, not searched recursively: what it writes for the NDJSON lines
{"id": file name without .txt, "text": content} of the files sorted by name; the text is read as
UTF-8).

Shipping warta: by default --warta and --pipeline are paths that exist on every node (a shared
folder, or an image). With --ship the driver sends them the way Spark ships files: the binary with
SparkContext.addFile (as `spark-submit --files` does) and the folder of the pipeline file as a .tar.gz
with SparkContext.addArchive (as `--archives` does); executors find them with SparkFiles.get. With
--submitted, spark-submit shipped them itself:
    tar -czf /tmp/pipelines.tar.gz -C pipelines .
    spark-submit --files .build/release/warta --archives /tmp/pipelines.tar.gz#warta-pipeline \
        scale/spark_run.py INPUT --out DIR --submitted

The steps (README, "Scaling out"; the formats are in Sources/Warta/Dedup/DedupSteps.swift):
 1. per partition of the input lines (numbered with zipWithIndex), `warta run - --out -
    --skip-dedup --emit quote-keys --with-records --first-line N`: the document records (quotes not yet
    deduplicated) and one key line per quote;
 2. exact: reduceByKey on the whole-word-sequence hash keeps the first occurrence in global order
    (input line, quote index); every later occurrence gives an exact edge;
 3. postings: aggregateByKey on each shingle of the first occurrences keeps the first max_postings
    of them (bounded, combined map-side);
 4. candidates: each querying quote's shingles are joined with their postings, grouped by quote and
    piped through `warta dedup candidates`;
 5. verify: each candidate pair is joined with the words and speaker keys of both quotes and piped through
    `warta dedup verify`;
 6. resolve: the exact and verified edges (one line per edge) go to the driver, through
    `warta dedup resolve`, which decides in global order as the single-machine stage does;
 7. the decisions (one per duplicate quote) are broadcast and patched into the records, which never
    leave their partition: the shards are in input order.
"""
import argparse
import heapq
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading

PLACEHOLDER = b'"duplicate_of":null,"similarity":null'
SOURCE_LINE = re.compile(rb',"source":"<stdin>:(\d+)",')


def shipped(name):
    """A file or unpacked archive that Spark shipped: in the task's working directory (spark-submit
    --files/--archives on YARN and Kubernetes) or under SparkFiles' root (addFile/addArchive)."""
    from pyspark import SparkFiles
    local = os.path.join(os.getcwd(), name)
    return local if os.path.exists(local) else SparkFiles.get(name)


def locate(conf):
    """The warta binary and pipeline file on this node (driver or executor)."""
    if not conf["ship"] and not conf["submitted"]:
        return conf["warta"], conf["pipeline"]
    binary = shipped(os.path.basename(conf["warta"]))
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    return binary, os.path.join(shipped(conf["archive"]), os.path.basename(conf["pipeline"]))


def pipe_through(conf, args):
    """A mapPartitions function: the partition's lines (str) through `warta ARGS`, its output lines."""
    def run(lines):
        binary, pipeline = locate(conf)
        proc = subprocess.Popen([binary] + args + ["--pipeline", pipeline], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE)
        failure = []

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
                proc.stdin.close()
            except BaseException as e:  # reported after the output is read
                failure.append(e)
                proc.stdin.close()
        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for line in proc.stdout:
            yield line.rstrip(b"\n").decode("utf-8")
        writer.join()
        if failure:
            raise failure[0]
        if proc.wait() != 0:
            raise RuntimeError(f"warta {' '.join(args)} exited with {proc.returncode}")
    return run


def run_documents(conf):
    """A mapPartitions function over (line bytes, index): warta run over the slice of the input; yields
    ("r", line, record bytes) and ("k", line, key line str)."""
    def run(items):
        binary, pipeline = locate(conf)
        with tempfile.TemporaryFile() as slice_file:
            first = expected = None
            for line, index in items:
                if first is None:
                    first = expected = index
                if index != expected:
                    raise RuntimeError("a partition of the input is not a contiguous range of lines")
                expected += 1
                slice_file.write(line + b"\n")
            if first is None:
                return
            slice_file.seek(0)
            proc = subprocess.Popen(
                [binary, "run", "-", "--out", "-", "--pipeline", pipeline, "--skip-dedup", "--emit", "quote-keys",
                 "--with-records", "--first-line", str(first + 1), "--jobs", str(conf["jobs"]), "--quiet"],
                stdin=slice_file, stdout=subprocess.PIPE)
            line_number = None
            for out in proc.stdout:
                out = out.rstrip(b"\n")
                if out.startswith(b'{"schema":'):
                    line_number = int(SOURCE_LINE.search(out).group(1))
                    yield ("r", line_number, out)
                else:
                    yield ("k", line_number, out.decode("utf-8"))
            # 1: some inputs failed (not valid JSON lines): reported on stderr, the others written, as on one machine.
            if proc.wait() not in (0, 1):
                raise RuntimeError(f"warta run exited with {proc.returncode}")
    return run


def first_postings(limit):
    """aggregateByKey functions keeping the `limit` earliest quote orders."""
    def add(acc, order):
        return heapq.nsmallest(limit, acc + [order])

    def merge(a, b):
        return heapq.nsmallest(limit, a + b)
    return add, merge


def apply_patches(record, patches):
    """The record with the k-th quote's placeholder replaced by its patch, for each (k, patch)."""
    if not patches:
        return record
    wanted = dict(patches)
    parts = record.split(PLACEHOLDER)
    out = [parts[0]]
    for k, rest in enumerate(parts[1:]):
        out.append(wanted[k].encode("utf-8") if k in wanted else PLACEHOLDER)
        out.append(rest)
    return b"".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("--out", required=True, help="output folder (must not exist)")
    ap.add_argument("--warta", default=".build/release/warta", help="the warta binary")
    ap.add_argument("--pipeline", default="pipelines/default.yaml", help="the pipeline file")
    ap.add_argument("--ship", action="store_true", help="send the binary and the pipeline folder to the executors")
    ap.add_argument("--submitted", action="store_true",
                    help="spark-submit shipped them: --files WARTA --archives PIPELINES.tar.gz#warta-pipeline "
                         "(the .tar.gz of the pipeline file's folder); --warta and --pipeline are the driver's copies")
    ap.add_argument("--partitions", type=int, default=0, help="input partitions (default: Spark's)")
    ap.add_argument("--jobs", type=int, default=1, help="warta --jobs per partition (cores per task)")
    ap.add_argument("--text", action="store_true", help="INPUT is a folder of .txt files")
    ap.add_argument("--master", help="Spark master when not set by spark-submit (e.g. local[2])")
    args = ap.parse_args()

    from pyspark import SparkConf, SparkContext, StorageLevel
    sconf = SparkConf().setAppName("warta").set("spark.ui.showConsoleProgress", "false")
    if args.master:
        sconf.setMaster(args.master)
    sc = SparkContext(conf=sconf)
    sc.setLogLevel("WARN")

    conf = {"ship": args.ship, "warta": os.path.abspath(args.warta), "pipeline": os.path.abspath(args.pipeline),
            "jobs": args.jobs, "archive": "warta-pipeline", "submitted": args.submitted}
    staging = tempfile.mkdtemp(prefix="warta-spark-")
    if args.ship:
        sc.addFile(conf["warta"])
        archive = os.path.join(staging, "warta-pipeline.tar.gz")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(os.path.dirname(conf["pipeline"]), arcname=".")
        sc.addArchive(archive)
        conf["archive"] = os.path.basename(archive)  # SparkFiles.get names an added archive by its file name

    binary, pipeline = conf["warta"], conf["pipeline"]
    options = json.loads(subprocess.run([binary, "dedup", "options", "--pipeline", pipeline], check=True,
                                        stdout=subprocess.PIPE).stdout)
    minimum = {"minPartitions": args.partitions} if args.partitions else {}
    if args.text:
        # Sorted by base name (the id) before zipWithIndex, so the input order is the path order.
        files = sc.wholeTextFiles(args.input, **minimum).filter(lambda x: x[0].endswith(".txt")) \
            .map(lambda x: (os.path.basename(x[0])[:-4], x[1])).sortByKey()

        def as_line(item):
            return json.dumps({"id": item[0], "text": item[1]}, ensure_ascii=False).encode("utf-8")
        lines = files.map(as_line)
    else:
        lines = sc.textFile(args.input, use_unicode=False, **minimum)

    # 1. Documents: records and quote keys.
    out = lines.zipWithIndex().mapPartitions(run_documents(conf)).persist(StorageLevel.MEMORY_AND_DISK)
    n = max(1, out.getNumPartitions())  # partitions of every shuffle
    records = out.filter(lambda t: t[0] == "r").map(lambda t: (t[1], t[2]))
    keys = out.filter(lambda t: t[0] == "k").map(lambda t: json.loads(t[2]))

    def order(k):
        return (k["line"], k["quote"])

    # 2. Exact: the first occurrence of each word sequence.
    firsts = keys.map(lambda k: (k["exact"], (order(k), k["doc"]))).reduceByKey(min, n)
    tagged = keys.map(lambda k: (k["exact"], k)).join(firsts, n).map(lambda x: (x[1][0], x[1][1]))
    exact_edges = tagged.filter(lambda x: order(x[0]) != x[1][0]).map(
        lambda x: json.dumps({"q": order(x[0]), "c": x[1][0], "kind": "exact", "cdoc": x[1][1]}))
    first_keys = tagged.filter(lambda x: order(x[0]) == x[1][0]).map(lambda x: x[0]).persist(StorageLevel.MEMORY_AND_DISK)

    # 3. Postings: the first max_postings first occurrences of each shingle.
    add, merge = first_postings(options["max_postings"])
    postings = first_keys.flatMap(lambda k: [(s, order(k)) for s in k["index"]]).aggregateByKey([], add, merge, n)

    # 4. Candidates.
    queries = first_keys.flatMap(lambda k: [(s, (order(k), k["role"], i)) for i, s in enumerate(k["query"])])
    per_quote = queries.leftOuterJoin(postings, n).map(
        lambda x: ((x[1][0][0], x[1][0][1]), (x[1][0][2], x[1][1] or []))).groupByKey(n)
    candidate_input = per_quote.map(lambda x: json.dumps(
        {"q": x[0][0], "role": x[0][1], "postings": [p for _, p in sorted(x[1])]}))
    pairs = candidate_input.mapPartitions(pipe_through(conf, ["dedup", "candidates"])).map(json.loads)

    # 5. Verify.
    words = first_keys.map(lambda k: (order(k), (k["words"], k["doc"], k.get("speaker", []))))
    with_c = pairs.map(lambda p: (tuple(p["c"]), p)).join(words, n).map(lambda x: (tuple(x[1][0]["q"]), x[1]))
    verify_input = with_c.join(words, n).map(lambda x: json.dumps(
        {"q": x[1][0][0]["q"], "c": x[1][0][0]["c"], "kind": x[1][0][0]["kind"], "words": x[1][1][0],
         "speaker": x[1][1][2], "cwords": x[1][0][1][0], "cspeaker": x[1][0][1][2], "cdoc": x[1][0][1][1]}))
    edges = verify_input.mapPartitions(pipe_through(conf, ["dedup", "verify"]))

    # 6. Resolve, on the driver: one line per edge.
    edge_file = os.path.join(staging, "edges.ndjson")
    with open(edge_file, "w", encoding="utf-8") as f:
        for line in exact_edges.union(edges).collect():
            f.write(line + "\n")
    with open(edge_file, "rb") as f:
        resolved = subprocess.run([binary, "dedup", "resolve", "--pipeline", pipeline], stdin=f, check=True,
                                  stdout=subprocess.PIPE).stdout
    decisions = [json.loads(line) for line in resolved.splitlines() if line.strip()]

    # 7. Join back: the decisions (one per duplicate quote) are broadcast; the records are not moved, and
    # stay in input order (partition after partition, each in order).
    by_line = {}
    for d in decisions:
        by_line.setdefault(d["line"], []).append((d["quote"], d["patch"]))
    patches = sc.broadcast(by_line)
    records.map(lambda x: apply_patches(x[1], patches.value.get(x[0]))).saveAsTextFile(args.out)
    counts = {"documents": records.count(), "quote_keys": keys.count(), "edges": sum(1 for _ in open(edge_file)),
              "duplicates": len(decisions)}
    print("warta spark: " + json.dumps(counts), file=sys.stderr)
    sc.stop()
    shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    main()
