#!/usr/bin/env python3
"""Estimate, without the held-out splits, what the learned tagger adds to warta on NERGrit-like text it never saw.

    python3 scripts/crossfit_ner.py --warta .build/release/warta              # the committed gating
    python3 scripts/crossfit_ner.py --types PERSON,ORG,LOC --min-words 1 --min-margin 1500

Why: NERGrit valid is no fair measure of the tagger's share. The rules' lists read it (build_gazetteers.py's
NER_TRAIN_FILES), so the rules leave less room there than on unseen text, and the model's gain on valid (+0.005)
and on test (+0.001, README) differ. NERGrit TRAIN scored with `ner_train.tsv` emptied tracks the test split best
(README, "Public NER sets"), but the model learned TRAIN. So this script cross-fits: NERGrit TRAIN is cut into
--folds folds (sentence i in fold i mod k); for each fold a model is trained by train_ner.py's own training on
idner TRAIN and the other folds, and run where warta (model off, `ner_train.tsv` emptied) leaves tokens free,
gated as the tag stage gates it (`fallback()`, the mirror of ModelEntities.candidates: NERModelTests compares
both); the spans kept are added to warta's and scored with eval_ner.py's NERGrit conventions. It prints micro-F1
exact with the model off and on, and the gain, per type and summed over the folds.

Not simulated: the tag stage's overlap resolution and vetoes after the model, and the person-mention steps that
follow it (a model PERSON's later one-word mentions). On NERGrit valid with the committed model and gating the
simulation gave +0.0047 where warta gives +0.0048. Standard library only; deterministic (train_ner.py's seed).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_ner as E  # noqa: E402
import train_ner as T  # noqa: E402

MODEL_KEYS = ("model", "model_min_margin", "model_types", "model_min_words")


def fallback(words, covered, capitalized, tags, margins, types, min_words: int, min_margin: int):
    """The spans (start, end, type) the tag stage keeps from one decoded sentence, as ModelEntities.candidates:
    nothing unless some `min_words` tokens in a row are free and capitalized; a span is kept when its smallest
    margin reaches `min_margin`, its type is in `types`, it has `min_words` tokens or more, its first `min_words`
    are capitalized and no token of it is covered (headline-like lines are not modelled: one sentence a text)."""
    n = len(words)
    if not any(all(not covered[j] and capitalized[j] for j in range(i, i + min_words)) for i in range(n - min_words + 1)):
        return []
    out = []
    for a, b, typ in sorted(T.spans(list(tags))):
        if (min(margins[a:b]) >= min_margin and typ in types and b - a >= min_words
                and all(capitalized[a:a + min_words]) and not any(covered[a:b])):
            out.append((a, b, typ))
    return out


def capitalized(word: str) -> bool:
    """A word (it holds a letter) whose first character is upper case (the tag stage: a word token of shape
    upper, title or initial)."""
    return word[:1].isupper() and any(c.isalpha() for c in word)


def gating(pipeline: Path) -> dict:
    """The tag stage's model options as pipelines/default.yaml writes them (one `key: value` line each)."""
    text = pipeline.read_text(encoding="utf-8")
    found = {k: m.group(1).strip() for k in MODEL_KEYS
             for m in [re.search(rf"^\s+{k}:\s*(.+)$", text, re.M)] if m}
    return {"types": found.get("model_types", "[PERSON]").strip("[]").replace(" ", ""),
            "min_words": int(found.get("model_min_words", 1)), "min_margin": int(found.get("model_min_margin", 0))}


def rules_only_pipeline(work: Path) -> Path:
    """A copy of pipelines/ whose ner_train.tsv holds only its header and whose tag stage has no model."""
    copy = work / "pipelines"
    shutil.copytree(REPO / "pipelines", copy)
    gaz = copy / "gazetteers" / "ner_train.tsv"
    gaz.write_text("".join(l for l in gaz.read_text(encoding="utf-8").splitlines(True) if l.startswith("#")),
                   encoding="utf-8")
    yaml = copy / "default.yaml"
    keys = "|".join(MODEL_KEYS)
    yaml.write_text("".join(l for l in yaml.read_text(encoding="utf-8").splitlines(True)
                            if not re.match(rf"^\s+({keys}):", l)), encoding="utf-8")
    return yaml


def score(gold: list[dict], pred: list[dict], counts: dict) -> None:
    gs = {(e["type"], e["start"], e["end"]) for e in gold}
    ps = {(e["type"], e["start"], e["end"]) for e in pred}
    for t in E.TYPES:
        g, p = {x for x in gs if x[0] == t}, {x for x in ps if x[0] == t}
        c = counts.setdefault(t, [0, 0, 0])
        c[0] += len(g & p)
        c[1] += len(p - g)
        c[2] += len(g - p)


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(2 * tp + fp + fn, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--warta", default=str(REPO / ".build" / "debug" / "warta"))
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=T.DEFAULTS["epochs"])
    ap.add_argument("--seed", type=int, default=T.DEFAULTS["seed"])
    g = gating(REPO / "pipelines" / "default.yaml")
    ap.add_argument("--types", default=g["types"], help="comma-separated (default: the pipeline's model_types)")
    ap.add_argument("--min-words", type=int, default=g["min_words"])
    ap.add_argument("--min-margin", type=int, default=g["min_margin"])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data, types = Path(args.data), set(args.types.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, str(REPO / "scripts" / "eval_ner.py"), "--set", "nergrit", "--split", "train",
                        "--warta", args.warta, "--pipeline", str(rules_only_pipeline(work)), "--keep", str(work / "keep"),
                        "--data", str(data)], check=True, capture_output=True)
        docs = {}
        for line in (work / "keep" / "nergrit-train-out" / "documents.ndjson").read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                docs[d["id"]] = d
    idner = [(w, [T.bio(t) for t in tags]) for w, tags in E.read_conll(data / "ner" / T.TRAIN[0][1], "idner")]
    nergrit = E.read_conll(data / "ner" / T.TRAIN[1][1], "nergrit")
    off, on = {}, {}
    # Sentences warta's output does not hold as the set writes them (no document, or another text): left out of
    # both scores, and counted, so a run that silently scores a fraction of the set shows it.
    skipped = 0
    for fold in range(args.folds):
        rest = [(w, [T.bio(t) for t in tags]) for i, (w, tags) in enumerate(nergrit) if i % args.folds != fold]
        sc = T.scorer(T.quantize(T.train(idner + rest, args.epochs, args.seed), T.DEFAULTS["scale"]))
        for i, (words, tags) in enumerate(nergrit):
            doc = docs.get(f"nergrit-train-{i:05d}")
            text, gold = E.to_gold(words, tags)
            if i % args.folds != fold:
                continue
            if doc is None or doc.get("text") != text:
                skipped += 1
                continue
            starts = [sum(len(w) + 1 for w in words[:k]) for k in range(len(words))]
            ends = [s + len(w) for s, w in zip(starts, words)]
            covered = [any(e["start"] < ends[k] and starts[k] < e["end"] for e in doc["entities"])
                       for k in range(len(words))]
            added = [{"type": typ, "start": starts[a], "end": ends[b - 1], "text": text[starts[a]:ends[b - 1]],
                      "rule": "model." + typ.lower()}
                     for a, b, typ in fallback(words, covered, [capitalized(w) for w in words], *T.decode(words, sc),
                                               types, args.min_words, args.min_margin)]
            for entities, counts in ((doc["entities"], off), (doc["entities"] + added, on)):
                pred = E.scored_predictions(dict(doc, entities=entities), True, schools_as_places=True,
                                            academic_units=True, governments_as_places=True)
                score(gold, pred, counts)
    result = {}
    for name, counts in (("off", off), ("on", on)):
        total = [sum(c[k] for c in counts.values()) for k in range(3)]
        result[name] = {"micro": round(f1(*total), 4), **{t: round(f1(*c), 4) for t, c in counts.items()},
                        "tp_fp_fn": total}
    result["gain"] = round(result["on"]["micro"] - result["off"]["micro"], 4)
    result["sentences"] = {"scored": len(nergrit) - skipped, "skipped": skipped}
    result["gating"] = {"types": sorted(types), "min_words": args.min_words, "min_margin": args.min_margin}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"NERGrit TRAIN, {args.folds}-fold cross-fitted, ner_train.tsv emptied; gating {result['gating']}")
        for name in ("off", "on"):
            r = result[name]
            print(f"  model {name:3}: micro-F1 exact {r['micro']:.4f} (TP/FP/FN {r['tp_fp_fn']}); "
                  + ", ".join(f"{t} {r[t]:.4f}" for t in E.TYPES))
        print(f"  gain {result['gain']:+.4f}; sentences scored {len(nergrit) - skipped}, skipped {skipped}"
              " (no document or another text in warta's output)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
