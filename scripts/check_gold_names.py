#!/usr/bin/env python3
"""Checks that no hand-written rule or list entry names a person, place, body, venue or outlet of the
news test split or of the seeds, unless it is a general fact (issue 20, "Done when").

    python3 scripts/check_gold_names.py            # exit 1 when an unreviewed hit is found
    python3 scripts/check_gold_names.py --all      # also list the reviewed hits

The names are taken from the gold files (gold/news.test.ndjson, gold/seeds.ndjson: PERSON, ORG, LOC,
FAC and EVENT entities; the script never reads the articles). Every entry of the hand-written files in
pipelines/ (lists, rules, the pipeline, the hand-written gazetteers) is compared with them:
  - an entry (a list line, a rules-file word or quoted phrase) that is a whole name, folded;
  - an entry that holds a whole name of two words or more, word for word;
  - for PERSON, a one-word entry that is one of the name's words (a surname in a list is a defect).
Generated files (those whose header says GENERATED: official regions and districts, the NER train
splits' surfaces, DBpedia) are data from ../shared/data, not hand-written entries, and are left out.
A hit that is a general fact (an official region, a national institution, a well-known outlet, a
common given name) is listed with the reason in scripts/gold_names.reviewed.tsv (name<TAB>reason).
Standard library only.
"""
import argparse, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = ["gold/news.test.ndjson", "gold/seeds.ndjson"]
TYPES = {"PERSON", "ORG", "LOC", "FAC", "EVENT"}
REVIEWED = os.path.join(ROOT, "scripts", "gold_names.reviewed.tsv")
WORD = re.compile(r"[\w'’.-]+", re.UNICODE)


def fold(s):
    return " ".join(s.casefold().split())


def words(s):
    return [w.strip(".-'’") for w in WORD.findall(s.casefold()) if w.strip(".-'’")]


def gold_names():
    names = {}  # folded name -> (type, set)
    for rel in GOLD:
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            for line in f:
                for e in json.loads(line)["entities"]:
                    if e["type"] in TYPES and any(c.isupper() for c in e["text"]):
                        names.setdefault(fold(e["text"]), (e["type"], rel))
    return names


def hand_written_files():
    for folder, _, files in os.walk(os.path.join(ROOT, "pipelines")):
        for name in sorted(files):
            path = os.path.join(folder, name)
            if not name.endswith((".txt", ".tsv", ".yaml")):
                continue
            with open(path, encoding="utf-8") as f:
                head = f.read(400)
            if "GENERATED" in head:
                continue
            yield path


def entries(path):
    """(line number, entry) pairs: list lines (first column, and the second of a .tsv), or in a YAML
    file the words and quoted phrases of every line outside comments and regular expressions."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.lstrip().startswith("#") or not line.strip():
                continue
            if path.endswith(".yaml"):
                body = line.split(" #", 1)[0]
                body = re.sub(r"regex: '[^']*'", "", body)
                body = re.sub(r"(line|match): '[^']*'", "", body)
                for item in re.split(r"[\[\],{}:]", body):
                    item = item.strip().strip("'\"").strip()
                    if item:
                        yield n, item
            else:
                for col in line.rstrip("\n").split("\t")[:2]:
                    if col.strip():
                        yield n, col.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--all", action="store_true", help="also list the reviewed hits")
    args = ap.parse_args()
    names = gold_names()
    reviewed = {}
    if os.path.exists(REVIEWED):
        with open(REVIEWED, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    name, _, reason = line.rstrip("\n").partition("\t")
                    reviewed[fold(name)] = reason
    multi = {n: v for n, v in names.items() if len(words(n)) >= 2}
    person_words = {}
    for n, (t, rel) in names.items():
        if t == "PERSON":
            for w in words(n):
                if len(w) >= 3:
                    person_words.setdefault(w, (n, rel))
    hits = []
    for path in hand_written_files():
        rel_path = os.path.relpath(path, ROOT)
        for n, entry in entries(path):
            e = fold(entry)
            ew = words(entry)
            found = set()
            if e in names:
                found.add((e,) + names[e])
            joined = " " + " ".join(ew) + " "
            for name, (t, rel) in multi.items():
                if " " + " ".join(words(name)) + " " in joined:
                    found.add((name, t, rel))
            for w in ew if len(ew) == 1 else []:
                if w in person_words:
                    name, rel = person_words[w]
                    found.add((w, "PERSON word of " + name, rel))
            for name, t, rel in sorted(found):
                hits.append((name, t, rel, f"{rel_path}:{n}", entry))
    open_hits = [h for h in hits if h[0] not in reviewed]
    for h in sorted(hits if args.all else open_hits):
        status = "reviewed: " + reviewed[h[0]] if h[0] in reviewed else "UNREVIEWED"
        print("\t".join(h[:4]) + "\t" + h[4][:80] + "\t" + status)
    print(f"check_gold_names: {len(names)} gold names, {len(hits)} hits in hand-written files, "
          f"{len(open_hits)} unreviewed", file=sys.stderr)
    return 1 if open_hits else 0


if __name__ == "__main__":
    sys.exit(main())
