#!/usr/bin/env python3
"""Run warta over a corpus made by make_dup_corpus.py and score its `duplicate_of` links.

    score_dups.py CORPUS [--out OUT] [--binary .build/release/warta] [--jobs N] [--json FILE]

Runs `BINARY run CORPUS/docs --out OUT` (builds the release binary with `swift build -c release` when it
is missing) and times it. Each generated quote of truth.json is mapped to the output quote of its
document with the same words (case-folded, punctuation ignored), in order. Then:
  - a predicted link is CORRECT when the quote is an injected repeat and the link points at the output
    quote its original was mapped to; every other predicted link (on a fresh quote, or to the wrong
    quote) is a false positive;
  - precision = correct / predicted links, recall = correct / injected repeats (also per kind and
    within/across documents);
  - seconds per 100,000 quotes = wall time of the whole run (read, normalize, tokenize, tag, quotes,
    dedup, write) / quotes found × 100,000. With --baseline, the cost of dedup itself: the corpus is run
    with a light copy of the pipeline (an empty entity rules file, so tagging costs nothing) holding the
    dedup stage 8 times (each pass redoes all the work from scratch) and holding none, best of 3 each;
    the difference of CPU time (user + system, which other load on the machine disturbs less than wall
    time) divided by 8, per 100,000 quotes.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))


def key(text):
    return " ".join(re.findall(r"\w+", text.lower()))


def variant_pipeline(args, out, passes, light=True):
    """A copy of the pipeline with absolute paths, with its `dedup` stage written `passes` times (0:
    none), and with light=True an empty rules file for `tag` (no entities: the run costs little besides
    reading, tokenizing, finding quotes, dedup and writing)."""
    base = os.path.dirname(os.path.abspath(args.pipeline))
    kept, dedup, in_dedup, stage = [], [], False, None
    for line in open(args.pipeline, encoding="utf-8").read().split("\n"):
        named = re.match(r"\s*- (\w+)\b", line)
        if named:
            stage = named.group(1)
        if re.match(r"\s*- dedup\b", line):
            in_dedup = True
        elif in_dedup and (re.match(r"\s*- \w", line) or not line.startswith(" ")):
            in_dedup = False
        if not line.lstrip().startswith("#"):
            line = re.sub(r"(?<=[\s\[,])((?:lists|rules|gazetteers)/)", lambda m: base + "/" + m.group(1), line)
        # Only the tag stage's rules (the quotes stage has a rules file too, which it keeps).
        if light and stage == "tag" and re.match(r"\s*rules:\s", line):
            empty = out + "-empty-rules.yaml"
            with open(empty, "w", encoding="utf-8") as f:
                f.write("phases: []\n")
            line = re.sub(r"rules:\s.*", "rules: " + empty, line)
        (dedup if in_dedup else kept).append(line)
    name = f"{out}-{'light' if light else 'full'}-dedup{passes}"
    with open(name + ".yaml", "w", encoding="utf-8") as f:
        f.write("\n".join(kept + dedup * passes) + "\n")
    return name + ".yaml", name


def timed_run(args, pipeline, out):
    """Wall and CPU (user + system) seconds of one run of the binary."""
    cmd = [args.binary, "run", os.path.join(args.corpus, "docs"), "--pipeline", pipeline, "--out", out]
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    t0 = time.monotonic()
    process = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, cmd)
    return time.monotonic() - t0, usage.ru_utime + usage.ru_stime


def dedup_cost(args, out, passes=8, repeats=3):
    """CPU seconds of one dedup pass over the corpus: light runs with `passes` dedup stages (each
    redoes the whole work from scratch) and with none, best of `repeats` each, difference / passes.
    Several passes make the cost stand out of the noise of the other stages and of the machine."""
    best = {}
    for n in (passes, 0):
        pipeline, target = variant_pipeline(args, out, passes=n)
        runs = [timed_run(args, pipeline, target) for _ in range(repeats)]
        best[n] = (min(r[0] for r in runs), min(r[1] for r in runs))
    return best[passes], best[0], passes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--out")
    ap.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "warta"))
    ap.add_argument("--pipeline", default=os.path.join(REPO, "pipelines", "default.yaml"))
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--no-run", action="store_true", help="score an existing OUT without running warta")
    ap.add_argument("--baseline", action="store_true",
                    help="also time the dedup stage itself: best of 3 runs of a light pipeline (no entity rules) "
                         "with 8 dedup passes, minus best of 3 without, over 8")
    args = ap.parse_args()
    out = args.out or os.path.join(args.corpus, "out")

    truth = json.load(open(os.path.join(args.corpus, "truth.json"), encoding="utf-8"))
    seconds = None
    light_with = light_without = passes = None
    peak_rss_mb = cpu_seconds = None
    if not args.no_run:
        if not os.path.exists(args.binary):
            print("building the release binary (swift build -c release)...", file=sys.stderr)
            subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)
        cmd = [args.binary, "run", os.path.join(args.corpus, "docs"), "--pipeline", args.pipeline, "--out", out]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        t0 = time.monotonic()
        process = subprocess.Popen(cmd, cwd=REPO)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), cmd)
        seconds = time.monotonic() - t0
        cpu_seconds = usage.ru_utime + usage.ru_stime
        peak_rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
        if args.baseline:
            light_with, light_without, passes = dedup_cost(args, out)

    records = {}
    with open(os.path.join(out, "documents.ndjson"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            records[r["id"]] = r
    output_quotes = sum(len(r.get("quotes", [])) for r in records.values())

    # Map generated quotes to output quotes, per document, in order.
    mapping = {}        # (doc, generated index) -> output index
    unmapped = 0
    for doc, quotes in zip(truth["docs"], truth["quotes"]):
        r = records.get(doc)
        outs = [key(r["text"][q["start"]:q["end"]]) for q in r.get("quotes", [])] if r else []
        j = 0
        for i, q in enumerate(quotes):
            k = key(q)
            found = None
            for jj in range(j, len(outs)):
                if outs[jj] == k:
                    found = jj
                    break
            if found is None:
                unmapped += 1
                continue
            mapping[(doc, i)] = found
            j = found + 1
    reverse = {(doc, o): i for (doc, i), o in mapping.items()}

    expected = {}       # (doc, output index) -> (original doc, original output index), kind, where
    lost = 0
    for rep in truth["repeats"]:
        o = mapping.get((rep["doc"], rep["quote"]))
        t = mapping.get((rep["original"]["doc"], rep["original"]["quote"]))
        if o is None or t is None:
            lost += 1
            continue
        where = "within" if rep["doc"] == rep["original"]["doc"] else "across"
        expected[(rep["doc"], o)] = ((rep["original"]["doc"], t), rep["kind"], where)

    predicted = 0
    correct = 0
    false_positive = {"fresh quote linked": 0, "repeat linked to the wrong quote": 0, "quote not generated": 0}
    ambiguous = {"same words as the quote linked to (an earlier repeat left unlinked)": 0,
                 "a piece of the quote linked to as well (the source sentences share it)": 0}
    by_kind = {}
    examples = []
    for doc, r in records.items():
        for o, q in enumerate(r.get("quotes", [])):
            d = q.get("duplicate_of")
            if not d:
                continue
            predicted += 1
            exp = expected.get((doc, o))
            if exp and exp[0] == (d["doc"], d["quote"]):
                correct += 1
            elif exp:
                false_positive["repeat linked to the wrong quote"] += 1
                mine = key(r["text"][q["start"]:q["end"]])
                t = records[d["doc"]]
                other = key(t["text"][t["quotes"][d["quote"]]["start"]:t["quotes"][d["quote"]]["end"]])
                if mine == other:
                    ambiguous["same words as the quote linked to (an earlier repeat left unlinked)"] += 1
                elif (" " + mine + " ") in (" " + other + " "):
                    ambiguous["a piece of the quote linked to as well (the source sentences share it)"] += 1
            elif (doc, o) in reverse:
                false_positive["fresh quote linked"] += 1
                if len(examples) < 8:
                    t = records[d["doc"]]
                    tq = t["quotes"][d["quote"]]
                    examples.append({"quote": f"{doc}#{o}", "text": r["text"][q["start"]:q["end"]],
                                     "linked_to": f'{d["doc"]}#{d["quote"]}', "other": t["text"][tq["start"]:tq["end"]],
                                     "similarity": q.get("similarity")})
            else:
                false_positive["quote not generated"] += 1
    for (doc, o), (target, kind, where) in expected.items():
        q = records[doc]["quotes"][o]
        d = q.get("duplicate_of")
        ok = bool(d) and (d["doc"], d["quote"]) == target
        for k in (kind, where):
            s = by_kind.setdefault(k, [0, 0])
            s[0] += ok
            s[1] += 1
    missed = []
    for (doc, o), (target, kind, where) in expected.items():
        q = records[doc]["quotes"][o]
        d = q.get("duplicate_of")
        if not (d and (d["doc"], d["quote"]) == target) and len(missed) < 12:
            t = records[target[0]]["quotes"][target[1]]
            missed.append({"kind": kind, "quote": f"{doc}#{o}", "text": records[doc]["text"][q["start"]:q["end"]],
                           "original": records[target[0]]["text"][t["start"]:t["end"]],
                           "got": d, "similarity": q.get("similarity")})

    n_expected = len(truth["repeats"])
    precision = correct / predicted if predicted else 1.0
    recall = correct / n_expected if n_expected else 1.0
    result = {
        "documents": len(records), "quotes_generated": sum(len(q) for q in truth["quotes"]),
        "quotes_found": output_quotes, "generated_quotes_not_found": unmapped,
        "repeats": n_expected, "repeats_not_scorable": lost,
        "links_predicted": predicted, "links_correct": correct,
        "precision": round(precision, 4), "recall": round(recall, 4),
        "false_positives": false_positive,
        "of_which_defensible": ambiguous,
        "recall_by": {k: {"found": v[0], "of": v[1], "recall": round(v[0] / v[1], 4)} for k, v in sorted(by_kind.items())},
        "seconds": round(seconds, 2) if seconds is not None else None,
        "seconds_per_100k_quotes": round(seconds / output_quotes * 100000, 2) if seconds and output_quotes else None,
        "cpu_seconds": round(cpu_seconds, 2) if cpu_seconds is not None else None,
        "peak_rss_mb": round(peak_rss_mb) if peak_rss_mb else None,
        "light_dedup_passes": passes if light_with else None,
        "light_wall_seconds_with_passes": round(light_with[0], 2) if light_with else None,
        "light_wall_seconds_without_dedup": round(light_without[0], 2) if light_without else None,
        "light_cpu_seconds_with_passes": round(light_with[1], 2) if light_with else None,
        "light_cpu_seconds_without_dedup": round(light_without[1], 2) if light_without else None,
        "dedup_cpu_seconds_per_100k_quotes": round((light_with[1] - light_without[1]) / passes / output_quotes * 100000, 2)
        if light_with and output_quotes else None,
        "corpus": truth.get("stats"),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if examples or missed:
        print(json.dumps({"false_positive_examples": examples, "missed_examples": missed}, indent=2, ensure_ascii=False),
              file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
