#!/usr/bin/env python3
"""Score warta's PERSON/ORG/LOC tagging on the public Indonesian NER sets.

    swift build                                   # once: .build/debug/warta
    python3 scripts/eval_ner.py --split test      # idner-news-2k and NERGrit, test split
    python3 scripts/eval_ner.py --split dev --set idner --errors 40

Sets and splits (../shared/data/ner, see its SOURCE.md files):
  idner    idner-news-2k/{train,dev,test}.txt          CoNLL "token POS tag", CRLF, BIO PER/ORG/LOC
  nergrit  nergrit/{train,valid,test}_preprocess.txt   "token<TAB>tag", BIO PERSON/PLACE/ORGANISATION
  (--split dev means nergrit's valid split.)

For each set and split the script
  1. joins each sentence's tokens with single spaces (the text) and maps the labels
     PER/PERSON -> PERSON, ORG/ORGANISATION -> ORG, LOC/PLACE -> LOC; entity offsets are
     code points into the joined text, half-open (ANNOTATION.md);
  2. writes one .txt file per sentence into a temporary folder (ids `SET-SPLIT-NNNNN`, zero-padded
     so the order is stable) and runs `warta run TMPDIR --out TMPOUT`;
  3. checks that warta's normalized text equals the joined text; sentences whose text differs
     (normalization changed it, so offsets are not comparable) are reported and left out of both sides;
  4. writes gold.ndjson and pred.ndjson (the comparable sentences) and runs
     `warta eval gold.ndjson pred.ndjson --types PERSON,ORG,LOC --json`;
  5. prints micro-F1 (exact span and overlap) and per-type P/R/F1.

--errors N prints up to N false positives and N false negatives (exact span, per type) with their
context and, for predictions, the rule that produced them: the error dump used to tune the rules on
train and dev. Tune on train/dev only; run test only to report.
--keep DIR keeps the generated files (input texts, gold, predictions) under DIR.

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TYPES = ("PERSON", "ORG", "LOC")
LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "ORGANISATION": "ORG",
          "LOC": "LOC", "PLACE": "LOC"}
FILES = {
    "idner": {"train": "idner-news-2k/train.txt", "dev": "idner-news-2k/dev.txt",
              "test": "idner-news-2k/test.txt"},
    "nergrit": {"train": "nergrit/train_preprocess.txt", "dev": "nergrit/valid_preprocess.txt",
                "test": "nergrit/test_preprocess.txt"},
}


def read_conll(path: Path, set_name: str) -> list[tuple[list[str], list[str]]]:
    """Sentences as (tokens, tags). idner: `token POS tag` (space separated, CRLF);
    nergrit: `token<TAB>tag`. Blank lines separate sentences."""
    sentences, toks, tags = [], [], []
    with path.open(encoding="utf-8", newline="") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if toks:
                    sentences.append((toks, tags))
                toks, tags = [], []
                continue
            parts = line.split("\t") if set_name == "nergrit" else line.split(" ")
            tok, tag = parts[0].strip(), parts[-1].strip()
            if not tok:
                continue
            toks.append(tok)
            tags.append(tag)
    if toks:
        sentences.append((toks, tags))
    return sentences


def to_gold(tokens: list[str], tags: list[str]) -> tuple[str, list[dict]]:
    """The joined text and its entities (BIO, lenient: an I- that does not continue an entity of
    its type starts one)."""
    text, starts, ends, pos = [], [], [], 0
    for t in tokens:
        starts.append(pos)
        ends.append(pos + len(t))
        pos += len(t) + 1
    text = " ".join(tokens)
    entities, cur = [], None  # cur = [type, first token, last token]
    for i, tag in enumerate(tags):
        if tag == "O" or "-" not in tag:
            if cur:
                entities.append(cur)
            cur = None
            continue
        bio, label = tag.split("-", 1)
        typ = LABELS[label]
        if bio == "I" and cur and cur[0] == typ:
            cur[2] = i
        else:
            if cur:
                entities.append(cur)
            cur = [typ, i, i]
    if cur:
        entities.append(cur)
    return text, [{"type": t, "start": starts[a], "end": ends[b], "text": text[starts[a]:ends[b]], "norm": None}
                  for t, a, b in entities]


def run(cmd: list[str]) -> subprocess.CompletedProcess:
    p = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"eval_ner: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    return p


def context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return f"{left}[[{text[start:end]}]]{right}".replace("\n", " ")


def evaluate(args, set_name: str, split: str, work: Path) -> dict:
    path = Path(args.data) / "ner" / FILES[set_name][split]
    sentences = read_conll(path, set_name)
    src, out = work / f"{set_name}-{split}-in", work / f"{set_name}-{split}-out"
    src.mkdir(parents=True)
    gold = {}
    for i, (toks, tags) in enumerate(sentences):
        doc_id = f"{set_name}-{split}-{i:05d}"
        text, ents = to_gold(toks, tags)
        gold[doc_id] = {"id": doc_id, "text": text, "entities": ents}
        (src / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    cmd = [args.warta, "run", str(src), "--out", str(out)]
    if args.pipeline:
        cmd += ["--pipeline", args.pipeline]
    p = run(cmd)
    pred = {}
    for line in (out / "documents.ndjson").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            pred[d["id"]] = d
    excluded = []
    for doc_id, g in gold.items():
        d = pred.get(doc_id)
        if d is None or d.get("text") != g["text"]:
            excluded.append((doc_id, g["text"], None if d is None else d.get("text")))
    skip = {e[0] for e in excluded}
    gold_file, pred_file = work / f"{set_name}-{split}-gold.ndjson", work / f"{set_name}-{split}-pred.ndjson"
    with gold_file.open("w", encoding="utf-8") as gf, pred_file.open("w", encoding="utf-8") as pf:
        for doc_id, g in gold.items():
            if doc_id in skip:
                continue
            gf.write(json.dumps(g, ensure_ascii=False) + "\n")
            d = pred[doc_id]
            pf.write(json.dumps({"id": doc_id, "text": d["text"],
                                 "entities": scored_predictions(d, args.fac_as_loc, glue(args, set_name),
                                                                schools(args, set_name), countries(args, set_name),
                                                                parents(args, set_name), role_places(args, set_name),
                                                                academic(args, set_name),
                                                                governments(args, set_name))},
                                ensure_ascii=False) + "\n")
    ev = run([args.warta, "eval", str(gold_file), str(pred_file), "--types", ",".join(TYPES), "--json"])
    report = json.loads(ev.stdout)
    result = {"set": set_name, "split": split, "sentences": len(sentences), "scored": len(sentences) - len(skip),
              "excluded": excluded, "entities": report["entities"],
              "gold_entities": sum(len(g["entities"]) for k, g in gold.items() if k not in skip)}
    if args.errors:
        result["dump"] = error_dump(gold, pred, skip, args.errors, args.seed, args.fac_as_loc, glue(args, set_name),
                                    schools(args, set_name), countries(args, set_name), parents(args, set_name),
                                    role_places(args, set_name), academic(args, set_name),
                                    governments(args, set_name))
    return result


def scored_predictions(doc: dict, fac_as_loc: bool, glue_brackets: bool = False,
                       schools_as_places: bool = False, locative_countries: bool = False,
                       parent_bodies: bool = False, role_places: bool = False,
                       academic_units: bool = False, governments_as_places: bool = False) -> list[dict]:
    """warta's PERSON/ORG/LOC entities of one document, with FAC scored as LOC when asked.

    ANNOTATION.md splits places into LOC (geopolitical, geographic) and FAC (named buildings and
    venues). Both external sets fold facilities into their place label: NERGrit tags airports,
    stations, streets, markets and mosques PLACE, idner tags `Gedung DPR` and hotels LOC. Scoring
    warta's FAC as LOC there is the usual harmonisation (the OntoNotes-to-CoNLL mapping folds FAC, GPE
    and LOC into LOC); it changes no prediction, only what the prediction is compared as.

    Both sets are flat (one label per token), where ANNOTATION.md nests (`Mimika` inside `Pemkab Mimika`,
    `DPRD Kabupaten Bogor` inside `Gedung DPRD Kabupaten Bogor`): an entity inside a longer scored one
    is left out, as the flat sets annotate only the outer one. A place inside a ROLE (not scored) stays."""
    entities = []
    for e in doc.get("entities", []):
        if fac_as_loc and e["type"] == "FAC":
            e = dict(e, type="LOC")
        if e["type"] in TYPES:
            entities.append(e)
    if parent_bodies:
        entities = [e for e in entities if not is_unit_with_parent(e, entities)]
    if academic_units:
        entities = [e for e in entities if not is_academic_unit(e)]
    if governments_as_places:
        entities = [e for e in entities if not is_government_of_place(e, entities)]
    if role_places:
        roles = [r for r in doc.get("entities", []) if r["type"] == "ROLE"]
        entities = [e for e in entities if not (e["type"] == "LOC" and any(
            r["start"] <= e["start"] and e["end"] <= r["end"] for r in roles))]
    entities = [e for e in entities
                if not any(o is not e and o["start"] <= e["start"] and e["end"] <= o["end"]
                           and (o["end"] - o["start"]) > (e["end"] - e["start"]) for o in entities)]
    if locative_countries:
        entities = countries_in_locative_use(doc.get("text", ""), entities)
    if schools_as_places:
        entities = [dict(e, type="LOC") if e["type"] == "ORG" and e["text"].split()[0] in SCHOOL_HEADS else e
                    for e in entities]
    return bracket_acronyms(doc.get("text", ""), entities) if glue_brackets else entities


# NERGrit tags a school by its level (SD, SMP, SMA, SMK, ...) PLACE more often than ORGANISATION (SMA 66
# PLACE to 36, SMP 16 to 4, SD 10 to 1 in its train and valid splits; universities are mostly ORGANISATION):
# scored against NERGrit, warta's school ORGs count as LOC, as FAC does (a convention, no prediction changes).
SCHOOL_HEADS = {"SD", "SDN", "SMP", "SMPN", "SMA", "SMAN", "SMK", "SMKN", "SMU", "STM", "SLTP", "SLTA", "MI", "MTs", "MA",
                "MAN", "MTsN"}


# NERGrit leaves a university's academic units untagged: a faculty, a department or a study programme (`Fakultas
# Ekonomi`, `Jurusan Teknik Mesin`, `Program Studi Geofisika`), with or without its university after it (which it
# tags). Counted on its TRAIN split: `Fakultas` is O 15 times of 16, `Program` 25 of 25 (`Program Studi ...` among
# them), `Jurusan` 3 of 3 (its valid split: `Fakultas` 3 of 3, `Program` 4 of 4). ANNOTATION.md makes such a unit
# an ORG, with its university nested (the news gold: `Fakultas Hukum Universitas ...`, `Fakultas Keguruan`). idner
# has too few to count (2 in TRAIN). Scored against NERGrit, an ORG that opens with a word of ACADEMIC_UNIT_HEADS is
# left out and the university inside it, if any, scored (a convention: no prediction changes; is_academic_unit()).
ACADEMIC_UNIT_HEADS = (("Fakultas",), ("Jurusan",), ("Prodi",), ("Program", "Studi"))


# NERGrit tags the place a government is of, not the government: `Pemerintah Kabupaten X`, `Pemerintah Indonesia`
# give the LOC `Kabupaten X`, `Indonesia`, and `Pemerintah` is O (13 times of 13 on its TRAIN split). Over warta's
# ORGs `Pemerintah ...` that hold a LOC on TRAIN (the rules with `ner_train.tsv` emptied), the gold tags that place
# 5 times of 6 (the sixth, `Pemerintah RI`, tags `RI` an ORG); the short forms (`Pemda X`, `Pemprov X`) it tags whole
# as ORG, so they stay. ANNOTATION.md makes the government the ORG with its place nested. Scored against NERGrit, an
# ORG whose first word is `Pemerintah` and that holds a LOC is left out and the place scored (a convention: no
# prediction changes; is_government_of_place()). Not mapped for idner (its TRAIN opens an ORG with `Pemerintah` 2
# times of 10 and leaves it O 7).
GOVERNMENT_HEAD = "Pemerintah"


def is_government_of_place(e: dict, entities: list[dict]) -> bool:
    """An ORG `Pemerintah ...` that holds a LOC (its place)."""
    return (e["type"] == "ORG" and e["text"].split()[:1] == [GOVERNMENT_HEAD]
            and any(o["type"] == "LOC" and e["start"] <= o["start"] and o["end"] <= e["end"] for o in entities))


def is_academic_unit(e: dict) -> bool:
    """An ORG whose first words are one of ACADEMIC_UNIT_HEADS (`Fakultas ...`, `Program Studi ...`)."""
    words = tuple(e["text"].split())
    return e["type"] == "ORG" and any(words[:len(h)] == h and len(words) > len(h) for h in ACADEMIC_UNIT_HEADS)


# idner leaves a place inside an office untagged (`Gubernur DKI Jakarta`, `Perdana Menteri Inggris`, `Menteri
# Pertahanan Amerika Serikat`): over warta's outermost LOCs inside a ROLE on its TRAIN split, the gold tags none
# of 27 (24 untagged, 3 inside a longer gold span), where it tags 50 of the 52 ORGs inside a ROLE. ANNOTATION.md
# nests the place in the office (`Mimika` in `Bupati Mimika`). NERGrit tags such places (42 of 44), so this is
# idner's alone. Scored against idner, a LOC inside a ROLE is left out (a convention: no prediction changes;
# role_places()).


# idner tags the parent body of a unit (`Partai Demokrat` in `Fraksi Partai Demokrat`, `DPP Partai Golkar` and
# `Dewan Pimpinan Pusat Partai Demokrat`; `DPR` in `Komisi II DPR`; `UGM` in `Fakultas Kehutanan UGM`), not the
# unit. ANNOTATION.md makes the unit the ORG and nests its parent in it (warta's rule `org.unit-of-body`).
# Counted on idner's TRAIN split over warta's outermost `org.unit-of-body` ORGs that hold another ORG: the gold
# tags the inner body 38 times and the whole unit 9 (5 of them `PT ... Tbk` companies, 4 units); NERGrit's
# train does the opposite (3 inner, 9 whole), so this is idner's alone. Scored against idner, such a unit is
# left out and its parent body scored (a convention: no prediction changes).
UNIT_RULE = "org.unit-of-body"


def is_unit_with_parent(e: dict, entities: list[dict]) -> bool:
    """An ORG of UNIT_RULE that holds another, shorter ORG (its parent body)."""
    return (e["type"] == "ORG" and e.get("rule") == UNIT_RULE
            and any(o is not e and o["type"] == "ORG" and e["start"] <= o["start"] and o["end"] <= e["end"]
                    and (o["end"] - o["start"]) < (e["end"] - e["start"]) for o in entities))


# idner tags a country LOC where the sentence uses it as a place (`di Jepang`, `ke Rusia`, `dari Suriah`) and
# leaves it O where it names the state, its people or its army as an actor or a modifier (`Israel
# menyerang`, `warga Palestina`, `militer Israel`, `Presiden Perancis`, `dolar AS`). Counted on its TRAIN
# split with the names of pipelines/gazetteers/countries.tsv (a country inside a longer ORG or PERSON set
# aside): after a word of LOCATIVE_WORDS, or in a list that one opens (`di Jepang, Korea dan Tiongkok`), a
# country is tagged 128 times of 143 (90 %); elsewhere 40 of 238 (17 %). The words are locative prepositions,
# place nouns and compass words; of them, those seen twice or more before a country in TRAIN are tagged there
# in most cases (`di` 67 of 71, `ke` 16 of 17, `dari` 13 of 14, `seperti` 4 of 5; `negara`, 2 of 6, is left
# out). ANNOTATION.md makes every country a LOC. Scored against idner, a country LOC counts only in locative
# use; elsewhere it is left out, as idner leaves it untagged (a convention: no prediction changes). NERGrit
# tags countries in both uses (PLACE).
LOCATIVE_WORDS = {"di", "ke", "dari", "menuju", "sampai", "hingga", "tiba", "mengunjungi", "meninggalkan",
                  "wilayah", "kawasan", "seluruh", "ibukota", "ibu", "kota", "asal", "perbatasan", "arah",
                  "antara", "seberang", "utara", "selatan", "timur", "barat", "daratan", "perairan", "luar",
                  "dalam", "teluk", "pulau", "seperti"}
LIST_JOINERS = {",", "dan", "atau", "serta", "-"}
_COUNTRY_NAMES: set[str] | None = None


def country_names() -> set[str]:
    """The surfaces of pipelines/gazetteers/countries.tsv (countries and world regions)."""
    global _COUNTRY_NAMES
    if _COUNTRY_NAMES is None:
        path = REPO / "pipelines" / "gazetteers" / "countries.tsv"
        _COUNTRY_NAMES = {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
                          if line.strip() and not line.startswith("#")}
    return _COUNTRY_NAMES


def countries_in_locative_use(text: str, entities: list[dict]) -> list[dict]:
    """idner's convention for countries (LOCATIVE_WORDS): a country LOC is kept when the word before it is a
    locative word, or a list joiner right after another LOC kept this way; other country LOCs are dropped."""
    names, kept, out = country_names(), [], []
    for e in sorted(entities, key=lambda e: (e["start"], -e["end"])):
        if e["type"] != "LOC" or text[e["start"]:e["end"]] not in names:
            out.append(e)
            continue
        head = text[:e["start"]].rstrip()
        words = head.split()
        before = words[-1].lower() if words else ""
        if head.endswith((",", "-")):
            rest = head[:-1].rstrip()
        elif before in LIST_JOINERS:
            rest = head[:len(head) - len(before)].rstrip()
        else:
            rest = None
        chained = rest is not None and any(k["end"] == len(rest) for k in kept)
        if before in LOCATIVE_WORDS or chained:
            kept.append(e)
            out.append(e)
    return out


def bracket_acronyms(text: str, entities: list[dict]) -> list[dict]:
    """idner's convention for a bracketed acronym: its tokenization glues the brackets to the acronym
    (`(PPP)` is one token), and the token is tagged inside the long form before it (`Partai Persatuan
    Pembangunan (PPP)` one ORG: 38 of the 58 cases in its train split) or as an entity of its own with
    the brackets. ANNOTATION.md makes the long form and the acronym two entities without the brackets.
    Scored against idner, a long form and the acronym of the same type right after it in brackets count
    as one span, and a lone bracketed acronym keeps its brackets; no prediction changes."""
    out, skip = [], set()
    by_start = {e["start"]: e for e in entities}
    for i, e in enumerate(entities):
        if i in skip:
            continue
        a = by_start.get(e["end"] + 2)
        if (a is not None and a["type"] == e["type"] and text[e["end"]:e["end"] + 2] == " ("
                and text[a["end"]:a["end"] + 1] == ")"):
            skip.add(entities.index(a))
            out.append(dict(e, end=a["end"] + 1))
        elif e["start"] > 0 and text[e["start"] - 1] == "(" and text[e["end"]:e["end"] + 1] == ")":
            out.append(dict(e, start=e["start"] - 1, end=e["end"] + 1))
        else:
            out.append(e)
    return out


def glue(args, set_name: str) -> bool:
    """Whether bracketed acronyms are scored in idner's convention (bracket_acronyms)."""
    return set_name == "idner" and args.glue_brackets


def countries(args, set_name: str) -> bool:
    """Whether country LOCs count only in locative use, idner's convention (LOCATIVE_WORDS)."""
    return set_name == "idner" and args.locative_countries


def parents(args, set_name: str) -> bool:
    """Whether a unit ORG is scored as its parent body, idner's convention (UNIT_RULE)."""
    return set_name == "idner" and args.parent_bodies


def role_places(args, set_name: str) -> bool:
    """Whether a LOC inside a ROLE is left out, idner's convention."""
    return set_name == "idner" and args.role_places


def governments(args, set_name: str) -> bool:
    """Whether a government's place is scored instead of it, NERGrit's convention (GOVERNMENT_HEAD)."""
    return set_name == "nergrit" and args.governments_as_places


def academic(args, set_name: str) -> bool:
    """Whether a university's academic unit is left out, NERGrit's convention (ACADEMIC_UNIT_HEADS)."""
    return set_name == "nergrit" and args.academic_units


def schools(args, set_name: str) -> bool:
    """Whether school ORGs are scored as LOC, NERGrit's convention (SCHOOL_HEADS)."""
    return set_name == "nergrit" and args.schools_as_places


def error_dump(gold: dict, pred: dict, skip: set, n: int, seed: int, fac_as_loc: bool,
               glue_brackets: bool = False, schools_as_places: bool = False,
               locative_countries: bool = False, parent_bodies: bool = False,
               role_places: bool = False, academic_units: bool = False,
               governments_as_places: bool = False) -> list[str]:
    fps, fns = [], []
    rules_fp, rules_tp = Counter(), Counter()
    for doc_id, g in gold.items():
        if doc_id in skip:
            continue
        text = g["text"]
        gs = {(e["type"], e["start"], e["end"]) for e in g["entities"]}
        ps = {(e["type"], e["start"], e["end"]): e.get("rule", "?")
              for e in scored_predictions(pred[doc_id], fac_as_loc, glue_brackets, schools_as_places,
                                          locative_countries, parent_bodies, role_places, academic_units,
                                          governments_as_places)}
        gold_at = {(s, e): t for t, s, e in gs}
        for k, rule in ps.items():
            if k in gs:
                rules_tp[rule] += 1
                continue
            rules_fp[rule] += 1
            t, s, e = k
            note = f"gold {gold_at[(s, e)]}" if (s, e) in gold_at else \
                ("overlaps " + ",".join(f"{gt}:{text[gs_:ge]}" for gt, gs_, ge in gs if gs_ < e and s < ge) or "no gold")
            fps.append(f"FP {t:6} {rule:28} {note:30.30} | {context(text, s, e)}")
        for t, s, e in gs:
            if (t, s, e) in ps:
                continue
            over = [f"{pt}:{text[ps_:pe]}({r})" for (pt, ps_, pe), r in ps.items() if ps_ < e and s < pe]
            fns.append(f"FN {t:6} {'; '.join(over) or '-':60.60} | {context(text, s, e)}")
    rnd = random.Random(seed)
    lines = ["rule  TP  FP  (exact span, PERSON/ORG/LOC)"]
    for rule in sorted(set(rules_tp) | set(rules_fp), key=lambda r: -(rules_tp[r] + rules_fp[r])):
        lines.append(f"  {rule:32} {rules_tp[rule]:5} {rules_fp[rule]:5}")
    lines.append(f"false positives: {len(fps)} (sample of {min(n, len(fps))})")
    lines += rnd.sample(fps, min(n, len(fps)))
    lines.append(f"false negatives: {len(fns)} (sample of {min(n, len(fns))})")
    lines += rnd.sample(fns, min(n, len(fns)))
    return lines


def fmt(r: dict) -> list[str]:
    ent = r["entities"]
    me, mo = ent["micro_exact"], ent["micro_overlap"]
    lines = [f"{r['set']}/{r['split']}: {r['scored']}/{r['sentences']} sentences scored, "
             f"{r['gold_entities']} gold entities; micro-F1 exact {me['f1']:.3f} "
             f"(P {me['precision']:.3f} R {me['recall']:.3f}), overlap {mo['f1']:.3f} "
             f"(P {mo['precision']:.3f} R {mo['recall']:.3f})"]
    for t in TYPES:
        e, o = ent["exact"].get(t), ent["overlap"].get(t)
        if e:
            lines.append(f"    {t:6} exact P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f}"
                         f" | overlap P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}"
                         f"  (gold {e['tp'] + e['fn']})")
    if r["excluded"]:
        lines.append(f"    excluded (normalized text differs): {len(r['excluded'])}")
        for doc_id, g, p in r["excluded"][:5]:
            lines.append(f"      {doc_id}: gold {g[:80]!r}")
            lines.append(f"      {' ' * len(doc_id)}  warta {str(p)[:80]!r}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--set", choices=["idner", "nergrit", "all"], default="all")
    ap.add_argument("--split", choices=["train", "dev", "test"], default="dev")
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"), help="shared data folder")
    ap.add_argument("--warta", default=str(REPO / ".build" / "debug" / "warta"), help="warta binary")
    ap.add_argument("--pipeline", help="pipeline file (default: warta's default)")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N sampled FPs and FNs with context")
    ap.add_argument("--seed", type=int, default=1, help="sampling seed of --errors")
    ap.add_argument("--keep", metavar="DIR", help="keep the generated files in DIR")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--no-idner-brackets", dest="glue_brackets", action="store_false",
                    help="score idner's bracketed acronyms as warta writes them (default: in idner's convention, "
                         "the acronym inside the long form's span, brackets included)")
    ap.add_argument("--no-nergrit-schools", dest="schools_as_places", action="store_false",
                    help="score NERGrit's schools as warta types them (default: a school ORG counts as LOC there)")
    ap.add_argument("--no-nergrit-academic-units", dest="academic_units", action="store_false",
                    help="score a university's faculty, department or study programme against NERGrit as warta "
                         "writes it (default: in NERGrit's convention, such a unit is left out and its university "
                         "scored)")
    ap.add_argument("--no-nergrit-governments", dest="governments_as_places", action="store_false",
                    help="score NERGrit's `Pemerintah X` ORGs as warta writes them (default: the place X inside, "
                         "GOVERNMENT_HEAD)")
    ap.add_argument("--no-idner-countries", dest="locative_countries", action="store_false",
                    help="score every country LOC against idner (default: in idner's convention, a country counts "
                         "only where it is used as a place: after a locative word such as di/ke/dari)")
    ap.add_argument("--no-idner-parent-bodies", dest="parent_bodies", action="store_false",
                    help="score a unit of a body (`Fraksi Partai Demokrat`) against idner as warta writes it (default: "
                         "in idner's convention, the parent body nested in it, `Partai Demokrat`)")
    ap.add_argument("--no-idner-role-places", dest="role_places", action="store_false",
                    help="score a place inside an office against idner (default: in idner's convention, a LOC inside "
                         "a ROLE, `Gubernur DKI Jakarta`, is left out)")
    ap.add_argument("--no-fac-as-loc", dest="fac_as_loc", action="store_false",
                    help="score only warta's LOC as LOC (default: FAC too, as both sets' place labels include "
                         "buildings and venues)")
    args = ap.parse_args()
    if not Path(args.warta).exists():
        sys.exit(f"eval_ner: no warta binary at {args.warta}; run `swift build` first")
    sets = ["idner", "nergrit"] if args.set == "all" else [args.set]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="warta-ner-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = [evaluate(args, s, args.split, work) for s in sets]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        for r in results:
            r["excluded"] = [e[0] for e in r["excluded"]]
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        print("\n".join(fmt(r)))
        if "dump" in r:
            print("\n".join(r["dump"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
