#!/usr/bin/env python3
"""Instruction profile (issue 6): what warta costs per article, by stage, in instructions.

    make profile                        # = swift build -c release, then this script
    python3 bench/perf/profile.py [--warta .build/release/warta] [--n 300] [--json FILE]

Wall times on a shared 2-core machine scatter by 10-15% from run to run, more than most single
optimizations gain. Instruction counts under `valgrind --tool=callgrind` repeat exactly for the same
binary and inputs, whatever else the machine does, so this is how BENCHMARKS.md's profile rounds
compare one change with the next ("Ir" there is this script's "total").

What it does, under bench/work/perf/ (git-ignored):
  1. The corpus of bench.py's quick run (2,000 articles, seed 7, from the seeds and the NER
     sentences; built by bench.py's own code when missing) and its articles 1000..1000+N-1 in name
     order (N = 300 by default: the 300 articles of the profile rounds since round 3).
  2. A `strip --strip-debug` copy of the binary: valgrind 3.19 cannot read Swift's DWARF 5; the
     symbols stay.
  3. callgrind over `warta run DIR --out OUT --jobs 1` for those articles, and over a folder holding
     one empty article: the start-up (loading every rule and gazetteer), left out of the per-article
     figures.
  4. Prints instructions in total and per article, and per article for each stage and each record
     writer (inclusive counts of their `process`/`encode` functions, from callgrind_annotate).

Standard library only; needs valgrind (callgrind_annotate comes with it). Takes about a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402  (the corpus code is bench.py's, so both measure the same articles)

REPO = bench.REPO

# A stage's `process`, or its protocol witness when the optimizer inlined `process` into it.
STAGE = r"\$s5Warta{}V(?:AA0C0A2aDP)?7processyyAA8DocumentVzKF(?:TW)?"

# Inclusive counts of these functions (Swift mangled names, matched whole), per article.
PARTS = [
    ("normalize", STAGE.format("14NormalizeStage")),
    ("tokenize", STAGE.format("13TokenizeStage")),
    ("tag", STAGE.format("8TagStage")),
    # `run` per range, or the `match` that the one-machine-per-rule `run` (inlined into the tag stage) calls.
    ("tag: pattern matcher", r"\$s5Warta14PatternMatcherO(?:3run|5match\w+?)_4over6starts7context\w+"),
    ("tag: start index", r"\$s5Warta15PhaseStartIndexV10candidates7context\w+"),
    ("tag: automaton pass, token elements", r"\$s5Warta13AutomatonPassO13tokenElements\w+"),
    ("tag: automaton pass, candidates", r"\$s5Warta13AutomatonPassO10candidates\w+"),
    ("tag: resolve", r"\$s5Warta8TagStateV7resolve6adding\w+"),
    ("tag: token view", r"\$s5Warta9TokenViewV(?:yAcA8DocumentVcfC|_7lexemesAcA8DocumentV_AA11LexemeTableCSgtcfC"
     r"|_7lexemes5formsAcA8DocumentV_AA11LexemeTableCSgAA04FormH0CSgtcfC)\w*"),
    ("tag: lexeme lookups (in token view)", r"\$s5Warta11LexemeTableC6lookUp\w*"),
    ("quotes", STAGE.format("10QuoteStage")),
    ("XML records", r"\$s5Warta18XMLFragmentEncoderC6encodeyAA18PreEncodedFragmentVAA8DocumentVKF"),
    ("NDJSON records", r"\$s5Warta13RecordEncoderO6encode_6sha2567options\w+"),
    ("output files (hashing, writes)", r"\$s5Warta10OutputFileC5writeyySays5UInt8VGKF"),
]


def log(msg: str) -> None:
    print(f"profile: {msg}", file=sys.stderr, flush=True)


def callgrind(warta: str, inputs: str, out_dir: str, cg_out: str) -> int:
    """Runs warta under callgrind; returns the total instruction count."""
    shutil.rmtree(out_dir, ignore_errors=True)
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg_out}", warta, "run", inputs,
                        "--out", out_dir, "--jobs", "1", "--quiet"],
                       cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"profile: warta under callgrind failed ({p.returncode}):\n{p.stderr[-2000:]}")
    m = re.search(r"Collected\s*:\s*(\d+)", p.stderr) or re.search(r"I\s+refs:\s+([\d,]+)", p.stderr)
    if not m:
        sys.exit("profile: no instruction count in valgrind's output")
    return int(m.group(1).replace(",", ""))


def inclusive(cg_out: str) -> dict[str, int]:
    """Inclusive instruction counts by function name."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", cg_out],
                          check=True, capture_output=True, text=True).stdout
    counts: dict[str, int] = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([^)]*\)\s+\S*?:(\S+)", line)
        if m:
            counts[m.group(2)] = max(counts.get(m.group(2), 0), int(m.group(1).replace(",", "")))
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--warta", default=os.path.join(REPO, ".build", "release", "warta"))
    ap.add_argument("--n", type=int, default=300, help="articles profiled (default 300)")
    ap.add_argument("--work", default=os.path.join(REPO, "bench", "work", "perf"))
    ap.add_argument("--shared", default=os.environ.get("WARTA_SHARED_BENCH", os.path.join(REPO, "..", "shared", "bench")))
    ap.add_argument("--data", default=os.environ.get("WARTA_SHARED_DATA", os.path.join(REPO, "..", "shared", "data")))
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args()
    if not 1 <= args.n <= 1000:
        sys.exit("profile: --n must be between 1 and 1000 (articles 1000.. of the 2,000-article corpus)")
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        sys.exit("profile: valgrind is not installed (Debian: apt-get install valgrind)")
    os.makedirs(args.work, exist_ok=True)

    # The 2,000-article corpus, exactly as bench.py builds it.
    bench.ARGS = args
    bench.MAKE_CORPUS = os.path.join(args.shared, "make_corpus.py")
    sources = os.path.join(args.work, "sources")
    shutil.rmtree(sources, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "sources.py"), sources, "--data", args.data,
                    "--seeds", os.path.join(REPO, "seeds")], check=True, stdout=subprocess.DEVNULL)
    corpus = bench.make_corpus(sources, 2000)

    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))[1000:1000 + args.n]
    inputs = os.path.join(args.work, f"profile-{args.n}")
    shutil.rmtree(inputs, ignore_errors=True)
    os.makedirs(inputs)
    nbytes = 0
    for name in names:
        shutil.copyfile(os.path.join(corpus, name), os.path.join(inputs, name))
        nbytes += os.path.getsize(os.path.join(inputs, name))
    empty = os.path.join(args.work, "profile-empty")
    shutil.rmtree(empty, ignore_errors=True)
    os.makedirs(empty)
    open(os.path.join(empty, "empty.txt"), "w").close()

    binary = os.path.join(args.work, "bin", "warta-profile")
    os.makedirs(os.path.dirname(binary), exist_ok=True)
    shutil.copyfile(args.warta, binary)
    os.chmod(binary, 0o755)
    subprocess.run(["strip", "--strip-debug", binary], check=True)

    log(f"callgrind over {len(names)} articles ({nbytes / 1e6:.2f} MB)")
    cg_run = os.path.join(args.work, "callgrind.run.out")
    total = callgrind(binary, inputs, os.path.join(args.work, "out-profile"), cg_run)
    log("callgrind over one empty article (start-up)")
    startup = callgrind(binary, empty, os.path.join(args.work, "out-profile-empty"),
                        os.path.join(args.work, "callgrind.empty.out"))
    counts = inclusive(cg_run)

    n = len(names)
    per_article = (total - startup) / n
    parts = {}
    for label, pattern in PARTS:
        rx = re.compile(pattern + r"$")
        found = [v for k, v in counts.items() if rx.match(k)]
        parts[label] = max(found) / n if found else None

    print(f"\narticles: {n}, {nbytes / 1e6:.2f} MB ({inputs}); binary {args.warta}\n")
    print("| what | instructions |")
    print("|---|---:|")
    print(f"| total (callgrind Ir) | {total / 1e6:,.0f} M |")
    print(f"| start-up (one empty article) | {startup / 1e6:,.0f} M |")
    print(f"| per article, start-up left out | {per_article / 1e6:.2f} M |")
    for label, value in parts.items():
        shown = f"{value / 1e6:.2f} M" if value is not None else "not found"
        print(f"| per article: {label} | {shown} |")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"articles": n, "bytes": nbytes, "total_ir": total, "startup_ir": startup,
                       "per_article_ir": per_article, "per_article_parts_ir": parts}, fh, indent=2, sort_keys=True)
            fh.write("\n")
        log(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
