#!/usr/bin/env python3
"""Train, or run, warta's small learned PERSON/ORG/LOC tagger (issue 20: "a small learned component").

    python3 scripts/train_ner.py                          # train: writes pipelines/models/ner-perceptron.txt
    python3 scripts/train_ner.py --check                  # train in memory, fail if the committed model differs
    python3 scripts/train_ner.py --predict FILE           # tag FILE (one sentence a line, tokens split by spaces)
    python3 scripts/train_ner.py --score dev              # span F1 of the committed model on idner dev, NERGrit valid

The model: an averaged perceptron over the BIO tags of PERSON, ORG and LOC, decoded greedily left to right
with the BIO constraint (an I- tag only continues a B-/I- tag of its type). Trained on the public TRAIN splits
only (idner-news-2k train.txt and NERGrit train_preprocess.txt, ../shared/data/ner; labels mapped as
scripts/eval_ner.py maps them); never on dev, valid or test, and with no word list of the repository, so no
held-out text leaks in. Deterministic: the sentences are read in file order and shuffled each epoch by a
seeded generator, ties go to the first tag of TAGS; two runs write the same bytes. The averaged weights are
quantized to integers (`scale`) and features whose every weight rounds to zero are pruned, which keeps the
file small; scores are sums of integers, so Swift (Sources/Warta/Model/) decodes exactly as `--predict` does.

Features of token i (`features()`; the template is versioned by FEATURES, and any change to it must change
the Swift extractor, NERFeatures.swift, in the same commit: NERModelTests compares both on a fixture):
the ASCII-lower-cased word at i-2..i+2, the word shape at i-1..i+1 (and the three together), prefixes and
suffixes of 1 to 3 characters, whether i opens the sentence, the previous tag, the two previous tags, and the
previous tag with the word. Lower-casing and shapes read ASCII only (any other character is kept as it is
by lower-casing and is `u` in a shape), so both languages agree on every input.

Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_ner import LABELS, read_conll  # noqa: E402  (the same reading and label mapping as the evaluation)

FORMAT = 1
FEATURES = 1
TAGS = ("O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
TRAIN = (("idner", "idner-news-2k/train.txt"), ("nergrit", "nergrit/train_preprocess.txt"))
MODEL = REPO / "pipelines" / "models" / "ner-perceptron.txt"
DEFAULTS = {"epochs": 8, "seed": 20, "scale": 100}


def lower(word: str) -> str:
    """ASCII lower-casing only (Swift does the same on every input)."""
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in word)


def shape(word: str) -> str:
    """Upper-case ASCII letters X, lower-case x, digits d, other ASCII as itself, anything else u; runs of
    one class collapsed; at most 6 characters."""
    out = []
    for c in word:
        if "A" <= c <= "Z":
            k = "X"
        elif "a" <= c <= "z":
            k = "x"
        elif "0" <= c <= "9":
            k = "d"
        elif ord(c) < 128:
            k = c
        else:
            k = "u"
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out[:6])


def observations(words: list[str]) -> list[list[str]]:
    """The features of each token that do not depend on the tags before it."""
    low = ["<s2>", "<s1>"] + [lower(w) for w in words] + ["</s1>", "</s2>"]
    shp = ["<s>"] + [shape(w) for w in words] + ["</s>"]
    out = []
    for i, w in enumerate(words):
        lw = low[i + 2]
        chars = list(lw)
        f = ["b", "w=" + lw, "w-1=" + low[i + 1], "w+1=" + low[i + 3], "w-2=" + low[i], "w+2=" + low[i + 4],
             "s=" + shp[i + 1], "s-1=" + shp[i], "s+1=" + shp[i + 2],
             "ss=" + shp[i] + "|" + shp[i + 1] + "|" + shp[i + 2], "ws=" + low[i + 1] + "|" + shp[i + 1]]
        for k in (1, 2, 3):
            if len(chars) >= k:
                f.append(f"p{k}=" + "".join(chars[:k]))
                f.append(f"x{k}=" + "".join(chars[-k:]))
        if i == 0:
            f.append("first")
        out.append(f)
    return out


def history(prev2: str, prev1: str, lw: str) -> list[str]:
    return ["t1=" + prev1, "t2=" + prev2 + "|" + prev1, "tw=" + prev1 + "|" + lw]


def allowed(prev: str) -> list[bool]:
    """Which tags may follow `prev` (BIO: I-X only after B-X or I-X)."""
    return [not t.startswith("I-") or prev[2:] == t[2:] and prev != "O" for t in TAGS]


def decode(words: list[str], score) -> tuple[list[str], list[int]]:
    """Greedy BIO decoding; `score(features)` gives one number per tag. Returns the tags and, per token, the
    margin of the chosen tag over the best other allowed one."""
    obs = observations(words)
    tags, margins = [], []
    prev2, prev1 = "<s>", "<s>"
    for i, f in enumerate(obs):
        s = score(f + history(prev2, prev1, lower(words[i])))
        ok = allowed(prev1)
        best = None
        for k in range(len(TAGS)):
            if ok[k] and (best is None or s[k] > s[best]):
                best = k
        second = max((s[k] for k in range(len(TAGS)) if ok[k] and k != best), default=s[best])
        tags.append(TAGS[best])
        margins.append(s[best] - second)
        prev2, prev1 = prev1, TAGS[best]
    return tags, margins


def read_train(data: Path) -> list[tuple[list[str], list[str]]]:
    sentences = []
    for set_name, rel in TRAIN:
        for toks, tags in read_conll(data / "ner" / rel, set_name):
            sentences.append((toks, [bio(t) for t in tags]))
    return sentences


def bio(tag: str) -> str:
    """A set's tag as one of TAGS (eval_ner's mapping; an I- that does not continue is read as it comes)."""
    if tag == "O" or "-" not in tag:
        return "O"
    b, label = tag.split("-", 1)
    return f"{b}-{LABELS[label]}"


def repair(tags: list[str]) -> list[str]:
    """Gold tags made BIO-valid (an I- that continues nothing becomes B-), as eval_ner reads them."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def train(sentences, epochs: int, seed: int) -> dict[str, list[float]]:
    n = len(TAGS)
    weights: dict[str, list[float]] = {}
    totals: dict[str, list[float]] = {}
    stamps: dict[str, list[int]] = {}
    clock = 0

    def score(feats):
        return sum_weights(weights, feats, 0.0)

    def update(f, k, v):
        w = weights.setdefault(f, [0.0] * n)
        t = totals.setdefault(f, [0.0] * n)
        st = stamps.setdefault(f, [0] * n)
        t[k] += (clock - st[k]) * w[k]
        st[k] = clock
        w[k] += v

    rng = random.Random(seed)
    order = list(range(len(sentences)))
    for _ in range(epochs):
        rng.shuffle(order)
        for si in order:
            words, gold = sentences[si]
            gold = repair(gold)
            obs = observations(words)
            prev2, prev1 = "<s>", "<s>"
            for i, f in enumerate(obs):
                clock += 1
                feats = f + history(prev2, prev1, lower(words[i]))
                s = score(feats)
                ok = allowed(prev1)
                best = None
                for k in range(n):
                    if ok[k] and (best is None or s[k] > s[best]):
                        best = k
                g = TAGS.index(gold[i])
                if best != g:
                    for ft in feats:
                        update(ft, g, 1.0)
                        update(ft, best, -1.0)
                prev2, prev1 = prev1, TAGS[best]
    averaged = {}
    for f, w in weights.items():
        t, st = totals[f], stamps[f]
        averaged[f] = [(t[k] + (clock - st[k]) * w[k]) / clock for k in range(n)]
    return averaged


def quantize(averaged: dict[str, list[float]], scale: int) -> dict[str, list[int]]:
    q = {}
    for f in sorted(averaged):
        ints = [math.floor(v * scale + 0.5) for v in averaged[f]]
        if any(ints):
            q[f] = ints
    return q


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def render(q: dict[str, list[int]], data: Path, args) -> str:
    lines = [f"warta-ner-model {FORMAT}",
             f"features {FEATURES}",
             "tags " + " ".join(TAGS),
             f"scale {args.scale}",
             f"epochs {args.epochs}",
             f"seed {args.seed}"]
    for _, rel in TRAIN:
        lines.append(f"train {rel} {sha256(data / 'ner' / rel)}")
    lines.append(f"command python3 scripts/train_ner.py --epochs {args.epochs} --seed {args.seed} --scale {args.scale}")
    lines.append(f"weights {len(q)}")
    for f in sorted(q):
        pairs = " ".join(f"{k}:{v}" for k, v in enumerate(q[f]) if v)
        lines.append(f"{f}\t{pairs}")
    return "\n".join(lines) + "\n"


def load(path: Path) -> dict[str, list[int]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    q, body = {}, False
    for line in lines:
        if not line:
            continue
        if not body:
            if line.startswith("weights "):
                body = True
            continue
        f, pairs = line.split("\t")
        w = [0] * len(TAGS)
        for p in pairs.split(" "):
            k, v = p.split(":")
            w[int(k)] = int(v)
        q[f] = w
    return q


def sum_weights(table, feats, zero):
    """One score per tag: the sum of the weights of `feats` in `table` (features not in it add nothing)."""
    s = [zero] * len(TAGS)
    for f in feats:
        w = table.get(f)
        if w:
            for k in range(len(TAGS)):
                s[k] += w[k]
    return s


def scorer(q: dict[str, list[int]]):
    def score(feats):
        return sum_weights(q, feats, 0)
    return score


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out, cur = set(), None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("I-") and cur and cur[2] == t[2:]:
            cur[1] = i + 1
            continue
        if cur:
            out.add(tuple(cur))
            cur = None
        if t != "O":
            cur = [i, i + 1, t[2:]]
    return out


def score_split(q, data: Path, split: str) -> None:
    files = {"dev": {"idner": "idner-news-2k/dev.txt", "nergrit": "nergrit/valid_preprocess.txt"},
             "train": dict(TRAIN)}[split]
    sc = scorer(q)
    for set_name, rel in files.items():
        tp = fp = fn = 0
        for toks, tags in read_conll(data / "ner" / rel, set_name):
            gold = spans(repair([bio(t) for t in tags]))
            pred = spans(decode(toks, sc)[0])
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        print(f"{set_name} {split}: P {p:.3f} R {r:.3f} F1 {f1:.3f} (model alone, CoNLL tokens)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(MODEL))
    ap.add_argument("--epochs", type=int, default=DEFAULTS["epochs"])
    ap.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    ap.add_argument("--scale", type=int, default=DEFAULTS["scale"])
    ap.add_argument("--check", action="store_true", help="train and compare with the committed model")
    ap.add_argument("--predict", help="tag a file of sentences (tokens split by single spaces) with the model")
    ap.add_argument("--score", choices=["dev", "train"], help="span F1 of the model on idner dev / NERGrit valid")
    args = ap.parse_args()
    data = Path(args.data)
    if args.predict:
        sc = scorer(load(Path(args.out)))
        for line in Path(args.predict).read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            tags, margins = decode(line.split(" "), sc)
            print(" ".join(f"{t}:{m}" for t, m in zip(tags, margins)))
        return 0
    if args.score:
        score_split(load(Path(args.out)), data, args.score)
        return 0
    text = render(quantize(train(read_train(data), args.epochs, args.seed), args.scale), data, args)
    if args.check:
        if Path(args.out).read_text(encoding="utf-8") != text:
            print(f"train_ner: {args.out} differs from a fresh training run", file=sys.stderr)
            return 1
        print(f"train_ner: {args.out} is what the training writes")
        return 0
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"train_ner: wrote {args.out} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
