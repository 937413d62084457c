#!/usr/bin/env python3
"""Source text for the benchmark corpus: the repo's seeds and the sentences of the NER sets.

    python3 bench/perf/sources.py OUT_DIR [--data ../shared/data] [--seeds seeds]

Writes OUT_DIR/seeds/*.txt (the seed articles, copied) and OUT_DIR/ner/*.txt: the sentences of
../shared/data/ner (idner-news-2k train/dev/test, nergrit train/valid/test), detokenized (tokens
joined with spaces, no space before closing punctuation or after opening brackets, straight double
quotes attached inwards) and grouped three consecutive sentences to a line, so that
make_corpus.py sees them as paragraphs of real prose. Standard library only; the same inputs give
byte-identical output.
"""

import argparse
import os
import shutil
import sys

NER_FILES = [
    ("idner-news-2k", ["train.txt", "dev.txt", "test.txt"], " "),
    ("nergrit", ["train_preprocess.txt", "valid_preprocess.txt", "test_preprocess.txt"], "\t"),
]
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s"}
NO_SPACE_AFTER = {"(", "[", "{"}
PER_PARAGRAPH = 3


def sentences(path, sep):
    tokens = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    yield tokens
                tokens = []
                continue
            tokens.append(line.split(sep)[0])
    if tokens:
        yield tokens


def detokenize(tokens):
    out = ""
    quote_open = False
    attach_next = True
    for t in tokens:
        if t == '"':
            if quote_open:
                out += '"'
                attach_next = False
            else:
                out += ("" if attach_next else " ") + '"'
                attach_next = True
            quote_open = not quote_open
            continue
        if attach_next or t in NO_SPACE_BEFORE:
            out += t
        else:
            out += " " + t
        attach_next = t in NO_SPACE_AFTER
    return out.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "data"))
    ap.add_argument("--seeds", default=os.path.join(repo, "seeds"))
    args = ap.parse_args()

    os.makedirs(os.path.join(args.out, "seeds"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "ner"), exist_ok=True)
    n_seeds = 0
    for name in sorted(os.listdir(args.seeds)):
        if name.endswith(".txt"):
            shutil.copyfile(os.path.join(args.seeds, name), os.path.join(args.out, "seeds", name))
            n_seeds += 1
    n_sentences = 0
    for folder, files, sep in NER_FILES:
        for f in files:
            path = os.path.join(args.data, "ner", folder, f)
            if not os.path.exists(path):
                sys.exit(f"sources: missing {path}")
            text = [detokenize(s) for s in sentences(path, sep)]
            n_sentences += len(text)
            lines = [" ".join(text[i:i + PER_PARAGRAPH]) for i in range(0, len(text), PER_PARAGRAPH)]
            name = f"{folder}-{os.path.splitext(f)[0]}.txt"
            with open(os.path.join(args.out, "ner", name), "w", encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
    print(f"sources: seeds={n_seeds} ner_sentences={n_sentences} out={args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
