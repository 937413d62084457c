#!/usr/bin/env python3
"""Throughput benchmark (issue 6): warta against the ICU floor and the spaCy peer, same corpus.

    make bench                          # = bench/perf/run.sh: release build, then this script
    python3 bench/perf/bench.py --warta .build/release/warta [--n 20000] [--scale 10] [--runs 3]
                                [--jobs CORES] [--no-peer] [--work bench/work/perf] [--json FILE]

What it does, all under --work (git-ignored):
  1. Sources: the repo's seeds/*.txt and the sentences of ../shared/data/ner (bench/perf/sources.py).
  2. Corpus: ../shared/bench/make_corpus.py --n N --seed 7 over those sources (kept and reused while
     its parameters do not change). With --scale K > 1, a second corpus of K x N articles for the
     memory check.
  3. Floor and peer: builds ../shared/bench/icu_limit.c with cc; creates a venv with
     ../shared/bench/requirements.txt for peer_spacy.py when it is missing (PyPI).
  4. Runs, each as a whole process under /usr/bin/time -v (wall time and peak RSS), --runs times
     (median): `warta run CORPUS --out OUT --jobs 1` and `--jobs CORES`, the same at --jobs 1 with
     the default pipeline cut before its tag stage (normalize and tokenize only: what warta costs
     before any entity, quote or dedup work), icu_limit with 1 and CORES
     threads, peer_spacy.py --n-process CORES (once: it takes minutes), io_limit (cat); warta start-up
     (one seed article, all rules and gazetteers loaded, 7 runs); `--incremental` at --jobs CORES into
     the full run's folder (every input unchanged: all carried over); warta --jobs CORES over the K x N
     corpus (peak RSS), each end of the memory check also run `--incremental` (its peak RSS).
  5. Prints the table, the per-stage shares (run.json of the --jobs 1 run) and every target of
     issue 6 with its ratio and whether it is met. Load average before and after is printed too:
     the machine may be shared.

Standard library only. MB/s = raw input bytes / 10^6 / whole-process wall seconds; docs/s likewise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SEED = 7


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def load() -> str:
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


def timed(cmd: list[str], *, cwd: str | None = None, stdout=subprocess.DEVNULL) -> dict:
    """Runs cmd under /usr/bin/time -v: wall seconds, peak RSS (MiB), captured stderr."""
    tfile = os.path.join(ARGS.work, ".time.txt")
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", "-o", tfile] + cmd, cwd=cwd, stdout=stdout,
                       stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    rss_kb = 0
    cpu = 0.0
    with open(tfile) as fh:
        for line in fh:
            if "Maximum resident set size" in line:
                rss_kb = int(line.split(":")[1])
            elif "User time (seconds)" in line or "System time (seconds)" in line:
                cpu += float(line.split(":")[1])
    return {"wall": wall, "cpu": cpu, "rss_mib": rss_kb / 1024, "stderr": p.stderr}


def median_run(cmd: list[str], runs: int, prepare=None) -> dict:
    results = []
    for _ in range(runs):
        if prepare:
            prepare()
        results.append(timed(cmd))
    walls = sorted(r["wall"] for r in results)
    mid = min(results, key=lambda r: abs(r["wall"] - statistics.median(walls)))
    return {"wall": statistics.median(walls), "walls": walls, "rss_mib": max(r["rss_mib"] for r in results),
            "cpu": statistics.median(r["cpu"] for r in results), "stderr": mid["stderr"]}


def corpus_stats(path: str) -> tuple[int, int]:
    n = b = 0
    with os.scandir(path) as it:
        for e in it:
            if e.is_file() and e.name.endswith(".txt"):
                n += 1
                b += e.stat().st_size
    return n, b


def make_corpus(sources: str, n: int) -> str:
    out = os.path.join(ARGS.work, f"corpus-{n}")
    params = f"n={n} seed={SEED} make_corpus={os.path.getmtime(MAKE_CORPUS)} sources={sources_digest(sources)}"
    stamp = os.path.join(out, ".params")
    if os.path.exists(stamp) and open(stamp).read() == params:
        return out
    log(f"building corpus of {n} articles in {out}")
    subprocess.run([sys.executable, MAKE_CORPUS, "--out", out, "--n", str(n), "--seed", str(SEED), "--force", sources],
                   check=True)
    with open(stamp, "w") as fh:
        fh.write(params)
    return out


def sources_digest(sources: str) -> str:
    import hashlib
    h = hashlib.sha256()
    for root, dirs, names in os.walk(sources):
        dirs.sort()
        for name in sorted(names):
            with open(os.path.join(root, name), "rb") as fh:
                h.update(name.encode() + b"\0" + fh.read())
    return h.hexdigest()[:16]


def build_icu_limit() -> str:
    exe = os.path.join(ARGS.work, "bin", "icu_limit")
    src = os.path.join(ARGS.shared, "icu_limit.c")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "icu-uc", "icu-i18n"], check=True,
                               capture_output=True, text=True).stdout.split()
        subprocess.run(["cc", "-O2", src, "-o", exe] + flags, check=True)
    return exe


def peer_python() -> str:
    venv = os.path.join(ARGS.work, "venv")
    py = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, ".requirements")
    req = os.path.join(ARGS.shared, "requirements.txt")
    wanted = open(req).read()
    if not os.path.exists(stamp) or open(stamp).read() != wanted:
        log(f"creating the spaCy venv in {venv} (pip install -r {req})")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "-r", req], check=True)
        with open(stamp, "w") as fh:
            fh.write(wanted)
    return py


def warta_cmd(corpus: str, out: str, jobs: int) -> list[str]:
    return [ARGS.warta, "run", corpus, "--out", out, "--jobs", str(jobs)]


def run_warta(corpus: str, jobs: int, runs: int, tag: str) -> dict:
    out = os.path.join(ARGS.work, f"out-{tag}-j{jobs}")

    def clean():
        shutil.rmtree(out, ignore_errors=True)

    r = median_run(warta_cmd(corpus, out, jobs), runs, prepare=clean)
    with open(os.path.join(out, "run.json")) as fh:
        r["run"] = json.load(fh)
    return r


def run_incremental(corpus: str, out: str, jobs: int, runs: int) -> dict:
    """`--incremental` into a folder that holds a full run's outputs over the same corpus: every input is
    unchanged, so every document is carried over (what a cron run costs when nothing is new)."""
    r = median_run(warta_cmd(corpus, out, jobs) + ["--incremental"], runs)
    with open(os.path.join(out, "run.json")) as fh:
        run = json.load(fh)
    docs, nbytes = corpus_stats(corpus)
    return {"wall": r["wall"], "walls": r["walls"], "cpu": r["cpu"], "rss_mib": r["rss_mib"],
            "docs_s": docs / r["wall"], "mb_s": nbytes / 1e6 / r["wall"], "docs": docs,
            "carried_over": run.get("carried_over"), "processed": run.get("processed")}


def text_stages_pipeline() -> str | None:
    """The default pipeline cut before its tag stage: normalize and tokenize (with the sinks) only.

    Written next to default.yaml, whose paths are relative to it, as a git-ignored file. What warta
    costs before any entity, quote or dedup work: the part of the 0.5 x icu_limit budget that is
    left for them.
    """
    text = open(os.path.join(REPO, "pipelines", "default.yaml")).read()
    cut = re.search(r"^  - tag:", text, re.M)
    if not cut:
        return None
    path = os.path.join(REPO, "pipelines", ".bench-text-stages.yaml")
    with open(path, "w") as fh:
        fh.write(text[:cut.start()])
    return path


def field(text: str, name: str) -> float:
    m = re.search(rf"\b{re.escape(name)}=([0-9.]+)", text)
    return float(m.group(1)) if m else float("nan")


def main() -> None:
    global ARGS, MAKE_CORPUS
    cores = os.cpu_count() or 1
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--warta", default=os.path.join(REPO, ".build", "release", "warta"))
    ap.add_argument("--n", type=int, default=20000, help="articles in the corpus (default 20000)")
    ap.add_argument("--scale", type=int, default=10, help="memory check on SCALE x N articles (1: skip)")
    ap.add_argument("--mem-n", type=int, default=0,
                    help="memory check from MEM_N articles to SCALE x MEM_N (default: N, reusing the throughput run)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement, median (default 3)")
    ap.add_argument("--jobs", type=int, default=cores, help=f"parallel jobs (default: cores = {cores})")
    ap.add_argument("--no-peer", action="store_true", help="skip peer_spacy.py (minutes per run)")
    ap.add_argument("--work", default=os.path.join(REPO, "bench", "work", "perf"))
    ap.add_argument("--shared", default=os.environ.get("WARTA_SHARED_BENCH", os.path.join(REPO, "..", "shared", "bench")))
    ap.add_argument("--data", default=os.environ.get("WARTA_SHARED_DATA", os.path.join(REPO, "..", "shared", "data")))
    ap.add_argument("--json", help="write every figure to this file")
    ARGS = ap.parse_args()
    ARGS.warta = os.path.abspath(ARGS.warta)
    os.makedirs(ARGS.work, exist_ok=True)
    MAKE_CORPUS = os.path.join(ARGS.shared, "make_corpus.py")
    jobs = ARGS.jobs
    load_before = load()
    log(f"load average before: {load_before}")

    sources = os.path.join(ARGS.work, "sources")
    shutil.rmtree(sources, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "sources.py"), sources, "--data", ARGS.data,
                    "--seeds", os.path.join(REPO, "seeds")], check=True)
    corpus = make_corpus(sources, ARGS.n)
    docs, nbytes = corpus_stats(corpus)
    icu = build_icu_limit()
    results: dict = {"machine_cores": cores, "jobs": jobs, "corpus": {"path": corpus, "docs": docs, "bytes": nbytes}}

    def rate(wall: float) -> dict:
        return {"docs_s": docs / wall, "mb_s": nbytes / 1e6 / wall}

    # I/O floor (warm cache)
    subprocess.run(["bash", os.path.join(ARGS.shared, "io_limit.sh"), corpus, "0"], check=True, capture_output=True)
    io = median_run(["sh", "-c", f"find '{corpus}' -maxdepth 1 -type f -print0 | xargs -0 cat > /dev/null"], ARGS.runs)
    results["io_limit"] = {"wall": io["wall"], **rate(io["wall"])}

    rows = []
    for t in sorted({1, jobs}):
        log(f"icu_limit -t {t}")
        r = median_run([icu, corpus, "-t", str(t)], ARGS.runs)
        results[f"icu_limit_t{t}"] = {"wall": r["wall"], "walls": r["walls"], "cpu": r["cpu"], "rss_mib": r["rss_mib"], **rate(r["wall"]),
                                      "self_mb_s": field(r["stderr"], "MB/s")}
        rows.append((f"icu_limit, {t} thread{'s' if t > 1 else ''}", results[f"icu_limit_t{t}"]))
        log(f"  {results[f'icu_limit_t{t}']}")
    for j in sorted({1, jobs}):
        log(f"warta --jobs {j}")
        r = run_warta(corpus, j, ARGS.runs, "n")
        results[f"warta_j{j}"] = {"wall": r["wall"], "walls": r["walls"], "cpu": r["cpu"], "rss_mib": r["rss_mib"], **rate(r["wall"]),
                                  "run_json": {k: r["run"].get(k) for k in ("seconds", "documents", "bytes", "stage_seconds",
                                                                            "read_seconds", "output_seconds", "encode_seconds")}}
        rows.append((f"warta --jobs {j}", results[f"warta_j{j}"]))
        log(f"  {results[f'warta_j{j}']} (load {load()})")
    # Incremental, nothing changed: into the folder the last full run at --jobs CORES left.
    log(f"warta --jobs {jobs} --incremental, every input unchanged")
    results["warta_incremental"] = run_incremental(corpus, os.path.join(ARGS.work, f"out-n-j{jobs}"), jobs, ARGS.runs)
    log(f"  {results['warta_incremental']}")
    text_pipeline = text_stages_pipeline()
    if text_pipeline:
        log("warta --jobs 1, normalize and tokenize only")
        out = os.path.join(ARGS.work, "out-text-j1")
        r = median_run(warta_cmd(corpus, out, 1) + ["--pipeline", text_pipeline], ARGS.runs,
                       prepare=lambda: shutil.rmtree(out, ignore_errors=True))
        results["warta_text_stages_j1"] = {"wall": r["wall"], "walls": r["walls"], "cpu": r["cpu"], "rss_mib": r["rss_mib"], **rate(r["wall"])}
        rows.append(("warta --jobs 1, normalize + tokenize only", results["warta_text_stages_j1"]))
        log(f"  {results['warta_text_stages_j1']} (load {load()})")
    if not ARGS.no_peer:
        py = peer_python()
        log(f"peer_spacy.py --n-process {jobs} (minutes)")
        out = os.path.join(ARGS.work, "peer.ndjson")
        r = median_run([py, os.path.join(ARGS.shared, "peer_spacy.py"), corpus, out, "--n-process", str(jobs)], 1)
        results["peer_spacy"] = {"wall": r["wall"], "walls": r["walls"], "cpu": r["cpu"], "rss_mib": r["rss_mib"], **rate(r["wall"]),
                                 "self": r["stderr"].strip().splitlines()[-1] if r["stderr"].strip() else ""}
        rows.append((f"peer_spacy.py, --n-process {jobs}", results["peer_spacy"]))
        log(f"  {results['peer_spacy']} (load {load()})")

    # Start-up: one small article, every rule and gazetteer of the default pipeline loaded.
    tiny = os.path.join(ARGS.work, "tiny")
    os.makedirs(tiny, exist_ok=True)
    shutil.copyfile(os.path.join(REPO, "seeds", sorted(os.listdir(os.path.join(REPO, "seeds")))[0]), os.path.join(tiny, "a.txt"))
    tout = os.path.join(ARGS.work, "out-tiny")
    # To stdout (`--out -`: no output files, no fsync): what the process itself costs. (Without
    # `--out`, warta writes to ./output, the repository's committed outputs.)
    r = median_run([ARGS.warta, "run", tiny, "--out", "-", "--jobs", "1"], 7)
    results["startup"] = {"wall": r["wall"], "walls": r["walls"], "cpu": r["cpu"], "rss_mib": r["rss_mib"]}
    log(f"  start-up {results['startup']}")
    # Into an output folder: adds writing, fsync and renaming the four output files.
    r = median_run(warta_cmd(tiny, tout, 1), 7, prepare=lambda: shutil.rmtree(tout, ignore_errors=True))
    results["startup_out"] = {"wall": r["wall"], "walls": r["walls"], "cpu": r["cpu"]}

    if ARGS.scale > 1:
        # The base of the memory check: the throughput run's corpus, or (--mem-n) a smaller one run here,
        # so that 10x fits in the time at hand; both ends are then single runs under the same settings.
        base_docs, base_rss = docs, results[f"warta_j{jobs}"]["rss_mib"]
        mem_n = ARGS.mem_n or ARGS.n
        if ARGS.mem_n and ARGS.mem_n != ARGS.n:
            small = make_corpus(sources, mem_n)
            base_docs, _ = corpus_stats(small)
            log(f"warta --jobs {jobs} over {base_docs} articles (memory check, base)")
            base_rss = run_warta(small, jobs, 1, "small")["rss_mib"]
            base_incremental = run_incremental(small, os.path.join(ARGS.work, f"out-small-j{jobs}"), jobs, 1)
            shutil.rmtree(os.path.join(ARGS.work, f"out-small-j{jobs}"), ignore_errors=True)
        else:
            base_incremental = results["warta_incremental"]
        big = make_corpus(sources, mem_n * ARGS.scale)
        bdocs, bbytes = corpus_stats(big)
        log(f"warta --jobs {jobs} over {bdocs} articles (memory check)")
        r = run_warta(big, jobs, 1, "big")
        big_incremental = run_incremental(big, os.path.join(ARGS.work, f"out-big-j{jobs}"), jobs, 1)
        results["memory"] = {"docs_n": base_docs, "rss_n_mib": base_rss, "docs_10n": bdocs,
                             "bytes_10n": bbytes, "rss_10n_mib": r["rss_mib"], "wall_10n": r["wall"],
                             "mb_s_10n": bbytes / 1e6 / r["wall"],
                             "incremental_rss_n_mib": base_incremental["rss_mib"],
                             "incremental_rss_10n_mib": big_incremental["rss_mib"],
                             "incremental_wall_n": base_incremental["wall"], "incremental_wall_10n": big_incremental["wall"]}
        shutil.rmtree(os.path.join(ARGS.work, f"out-big-j{jobs}"), ignore_errors=True)
        log(f"  {results['memory']}")

    load_after = load()
    results["load"] = {"before": load_before, "after": load_after}

    # Report
    print(f"\ncorpus: {docs} articles, {nbytes / 1e6:.1f} MB ({corpus}); runs: median of {ARGS.runs}; "
          f"load average before {load_before}, after {load_after}\n")
    print("| program | wall s (runs) | CPU s | docs/s | MB/s | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| io_limit (cat) | {io['wall']:.2f} | — | {results['io_limit']['docs_s']:,.0f} | {results['io_limit']['mb_s']:.1f} | — |")
    for name, v in rows:
        runs = ", ".join(f"{w:.2f}" for w in v.get("walls", [v["wall"]]))
        print(f"| {name} | {v['wall']:.2f} ({runs}) | {v.get('cpu', float('nan')):.2f} | {v['docs_s']:,.0f} | {v['mb_s']:.2f} | {v['rss_mib']:.0f} |")

    inc = results["warta_incremental"]
    print(f"\nwarta --jobs {jobs} --incremental, every input unchanged ({inc['carried_over']} of {inc['docs']} carried over): "
          f"{inc['wall']:.2f} s ({', '.join(f'{w:.2f}' for w in inc['walls'])}), {inc['docs_s']:,.0f} docs/s, "
          f"peak RSS {inc['rss_mib']:.0f} MiB")
    if "memory" in results:
        m = results["memory"]
        print(f"  memory of an incremental run (not a target): {m['docs_n']} articles {m['incremental_rss_n_mib']:.0f} MiB, "
              f"{m['docs_10n']} articles {m['incremental_rss_10n_mib']:.0f} MiB "
              f"(+{(m['incremental_rss_10n_mib'] - m['incremental_rss_n_mib']) * 1024 / (m['docs_10n'] - m['docs_n']):.1f} KiB per article; "
              f"an index of the previous manifest's entries is held in memory)")

    w1 = results["warta_j1"]
    stages = dict(w1["run_json"]["stage_seconds"] or {})
    for k in ("read_seconds", "encode_seconds", "output_seconds"):
        if w1["run_json"].get(k) is not None:
            stages[k.replace("_seconds", "")] = w1["run_json"][k]
    accounted = sum(stages.values())
    stages["other (start-up, hand-off)"] = max(0.0, w1["wall"] - accounted)
    print(f"\nwhere the time goes, warta --jobs 1 (seconds from run.json, share of {w1['wall']:.2f} s wall):\n")
    print("| part | seconds | share |")
    print("|---|---:|---:|")
    for k, v in stages.items():
        print(f"| {k} | {v:.2f} | {100 * v / w1['wall']:.1f}% |")
    results["stage_shares_j1"] = {k: v / w1["wall"] for k, v in stages.items()}

    print("\ntargets (issue 6):\n")
    print("| target | measured | met |")
    print("|---|---|---|")
    targets = []
    icu1 = results["icu_limit_t1"]["mb_s"]
    ratio = w1["mb_s"] / icu1
    targets.append(("--jobs 1 MB/s >= 0.5 x icu_limit (1 thread)", f"{w1['mb_s']:.2f} / {icu1:.2f} = {ratio:.2f} x", ratio >= 0.5))
    wj = results[f"warta_j{jobs}"]
    if "peer_spacy" in results:
        ratio = wj["docs_s"] / results["peer_spacy"]["docs_s"]
        targets.append((f"docs/s >= 30 x peer_spacy (both at {jobs})",
                        f"{wj['docs_s']:,.0f} / {results['peer_spacy']['docs_s']:,.1f} = {ratio:.1f} x", ratio >= 30))
    if jobs > 1:
        ratio = w1["wall"] / wj["wall"]
        targets.append((f"--jobs {jobs} >= 1.8 x --jobs 1", f"{ratio:.2f} x", ratio >= 1.8))
    if "memory" in results:
        m = results["memory"]
        ratio = m["rss_10n_mib"] / m["rss_n_mib"]
        targets.append((f"peak RSS at {m['docs_10n']} articles <= 1.2 x at {m['docs_n']}",
                        f"{m['rss_10n_mib']:.0f} / {m['rss_n_mib']:.0f} MiB = {ratio:.2f} x", ratio <= 1.2))
    s = results["startup"]["wall"]
    targets.append(("start-up (one article to stdout, all rules loaded) < 0.2 s",
                    f"{s:.3f} s wall, {results['startup']['cpu']:.3f} s CPU (median of 7); "
                    f"with --out: {results['startup_out']['wall']:.3f} s wall", s < 0.2))
    for name, value, ok in targets:
        print(f"| {name} | {value} | {'yes' if ok else 'NO'} |")
    results["targets"] = [{"target": a, "measured": b, "met": c} for a, b, c in targets]
    if "warta_text_stages_j1" in results:
        ratio = results["warta_text_stages_j1"]["mb_s"] / icu1
        results["text_stages_j1_vs_icu_limit"] = ratio
        print(f"\nnormalize + tokenize alone (no tag, quotes or dedup), --jobs 1: "
              f"{results['warta_text_stages_j1']['mb_s']:.2f} / {icu1:.2f} = {ratio:.2f} x icu_limit")
    if ARGS.json:
        with open(ARGS.json, "w") as fh:
            json.dump(results, fh, indent=2, default=str)
        log(f"figures written to {ARGS.json}")


if __name__ == "__main__":
    main()
