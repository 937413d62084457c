#!/usr/bin/env python3
"""Who-said-what rates of a warta run on a folder of articles, without gold (issue 19's targets):

  - quotes with no speaker;
  - quotes whose speaker is one word while the document writes a fuller form of it (a PERSON whose
    text or norm has more words, one of them that word, case ignored): a short mention never linked
    to its full name;
  - (for reference) quotes whose speaker is one word at all.

Reads warta's NDJSON records (`warta run FOLDER --out - --quiet`, or a documents.ndjson file) and
prints one line per rate, or a JSON object with --json.

  warta run ARTICLES --out - --quiet | scripts/quote_rates.py
  scripts/quote_rates.py output/documents.ndjson --json
  scripts/quote_rates.py --selftest
"""
import argparse
import json
import sys


def words(s):
    return [w for w in s.casefold().split() if w]


def rates(records):
    """Counts over the quotes of an iterable of warta document records (dicts)."""
    total = no_speaker = one_word = one_word_fuller = documents = 0
    for record in records:
        documents += 1
        names = set()
        for e in record.get("entities") or []:
            if e.get("type") != "PERSON":
                continue
            for form in (e.get("text"), e.get("norm")):
                if form:
                    names.add(tuple(words(form)))
        for q in record.get("quotes") or []:
            total += 1
            speaker = q.get("speaker")
            if not speaker:
                no_speaker += 1
                continue
            w = words(speaker)
            if len(w) != 1:
                continue
            one_word += 1
            if any(len(n) > 1 and w[0] in n for n in names):
                one_word_fuller += 1
    return {"documents": documents, "quotes": total, "no_speaker": no_speaker,
            "one_word_speaker": one_word, "one_word_speaker_with_fuller_name": one_word_fuller}


def share(n, total):
    return round(n / total, 4) if total else 0.0


def read_records(paths):
    streams = [sys.stdin] if not paths or paths == ["-"] else None
    if streams is None:
        streams = [open(p, encoding="utf-8") for p in paths]
    for stream in streams:
        for number, line in enumerate(stream, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise SystemExit(f"{getattr(stream, 'name', 'stdin')} line {number}: not a JSON record ({error.msg})")
            if isinstance(record, dict) and "quotes" in record:
                yield record


def report(counts, as_json):
    total = counts["quotes"]
    result = dict(counts)
    result["no_speaker_rate"] = share(counts["no_speaker"], total)
    result["one_word_speaker_rate"] = share(counts["one_word_speaker"], total)
    result["one_word_speaker_with_fuller_name_rate"] = share(counts["one_word_speaker_with_fuller_name"], total)
    if as_json:
        return json.dumps(result, sort_keys=True)
    return "\n".join([
        f"documents: {counts['documents']}, quotes: {total}",
        f"no speaker: {counts['no_speaker']} ({100 * result['no_speaker_rate']:.1f} %)",
        f"one-word speaker with a fuller name in the document: {counts['one_word_speaker_with_fuller_name']}"
        f" ({100 * result['one_word_speaker_with_fuller_name_rate']:.1f} %)",
        f"one-word speaker (any): {counts['one_word_speaker']} ({100 * result['one_word_speaker_rate']:.1f} %)",
    ])


def selftest():
    person = lambda text, norm=None: {"type": "PERSON", "text": text, "norm": norm}
    records = [
        {"entities": [person("Bagus Santoso"), person("Bagus", "Bagus Santoso"), {"type": "ROLE", "text": "Kepala Dinas", "norm": None}],
         "quotes": [{"speaker": "Bagus Santoso"}, {"speaker": "Bagus"}, {"speaker": None}, {"speaker": "Kepala Dinas"}]},
        # A one-word speaker whose document has no fuller form: one word, but nothing to link to.
        {"entities": [person("Yeti")], "quotes": [{"speaker": "Yeti"}, {"speaker": "Santoso"}]},
        {"entities": [], "quotes": []},
    ]
    counts = rates(records)
    expected = {"documents": 3, "quotes": 6, "no_speaker": 1, "one_word_speaker": 3, "one_word_speaker_with_fuller_name": 1}
    assert counts == expected, counts
    assert json.loads(report(counts, True))["no_speaker_rate"] == round(1 / 6, 4)
    print("selftest ok", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="warta NDJSON output files (default: stdin)")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.add_argument("--selftest", action="store_true")
    args = parser.parse_args()
    if args.selftest:
        selftest()
        return
    print(report(rates(read_records(args.paths)), args.json))


if __name__ == "__main__":
    main()
