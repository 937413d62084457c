#!/usr/bin/env python3
"""Build a corpus of Indonesian news-like articles with known repeated quotes.

    make_dup_corpus.py --out DIR [--articles N] [--quotes-per-article A-B] [--repeat-rate R] [--seed S]

Writes DIR/docs/NNNNNN.txt (one article per file, ids in input order) and DIR/truth.json.

Source material (real sentences, never typed here):
  - the quotes and sentences of the seed articles (../../seeds/*.txt),
  - the sentences of ../shared/data/ner/*/train* (tokens joined and detokenized).
Quotation marks inside a sentence are dropped, a sentence of 30 words or more is cut in two at the
comma nearest its middle; pieces of 8 to 50 words are STATEMENTS (the pool of distinct quotable texts),
the others are narrative. A statement that repeats or nearly repeats an earlier one is dropped from the
pool (the same words; half of the word 3-grams of the smaller one shared; or, sharing two 3-grams, a
longest common word subsequence of 70 % of the longer one), so that two fresh quotes are not
duplicates of each other by accident and the truth below is the whole truth. (So the benchmark does
not measure how near two different statements may come before dedup links them: the unit tests do.)

Each article: a headline, a dateline paragraph, narrative paragraphs and quote paragraphs. A quote is
`"TEXT," ujarnya.` (or `kata NAME`, `ujar NAME`, `NAME mengatakan, "TEXT."`, `tambahnya`...). Each quote
slot is either FRESH (the next unused statement of the pool) or, with probability --repeat-rate (and
always once the pool is exhausted), a REPEAT of an earlier fresh quote of this article (within) or of
an earlier article (across), of one of these kinds:
  exact      the same words
  punct      punctuation changed (commas dropped or added, final mark changed)
  changed    one word replaced by another word of the corpus
  added      one word inserted
  dropped    one word removed
  mixed      punctuation changed and one word replaced
  truncated  the first (or last) 60-90 % of the words
  split      two pieces (cut at a comma near the middle, else at the middle), two quotes
Repeats point at fresh quotes only (the first occurrence in input order is the original).

truth.json: {"articles": N, "quotes": [[text of quote 0 of doc 0, ...], ...] per document in order,
"docs": [ids], "repeats": [{"doc", "quote", "kind", "original": {"doc", "quote"}}], "stats": {...}}.
Deterministic: the same arguments give the same bytes.
"""
import argparse
import glob
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "ner"))

QUOTE_CHARS = set('"\'`“”‘’«»')


def detokenize(tokens):
    s = " ".join(tokens)
    s = re.sub(r" ([,.;:?!%)\]])", r"\1", s)
    s = re.sub(r"([(\[]) ", r"\1", s)
    s = re.sub(r"(\w) - (\w)", r"\1-\2", s)
    s = re.sub(r"(\d)([.,]) (\d)", r"\1\2\3", s)
    return s.strip()


def conll_sentences(path):
    out, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    out.append(cur)
                    cur = []
                continue
            parts = line.split()
            cur.append((parts[0], parts[-1]))
    if cur:
        out.append(cur)
    return out


def seed_sentences():
    """Quotes and sentences of the seed articles."""
    result = []
    for path in sorted(glob.glob(os.path.join(REPO, "seeds", "*.txt"))):
        text = open(path, encoding="utf-8").read()
        for para in text.split("\n"):
            for q in re.findall(r'["“”]([^"“”]{20,})["“”]', para):
                result.append(q.strip().rstrip(",").strip())
            plain = re.sub(r'["“”][^"“”]*["“”]?', " ", para)
            for s in re.split(r"(?<=[.!?])\s+", plain):
                result.append(s.strip())
    return result


def words_of(text):
    return re.findall(r"\w+", text.lower())


def shingles(ws, n=3):
    if len(ws) < n:
        return {tuple(ws)}
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def lcs_ratio(a, b):
    """Longest common subsequence of two word lists over the longer one."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1] / max(len(a), len(b), 1)


def seed_speakers():
    """Speaker names of the committed seed output (for --seeds-only, where the NER data is not read)."""
    names = set()
    with open(os.path.join(REPO, "output", "documents.ndjson"), encoding="utf-8") as f:
        for line in f:
            for q in json.loads(line)["quotes"]:
                if q["speaker"]:
                    names.add(q["speaker"])
    return sorted(names)


def load_pool(seeds_only=False):
    sentences = seed_sentences()
    names = []
    for path in ([] if seeds_only else sorted(glob.glob(os.path.join(SHARED, "*", "train*")))):
        for sent in conll_sentences(path):
            sentences.append(detokenize([t for t, _ in sent]))
            # Person names of the training data, for `kata NAME`.
            cur = []
            for tok, tag in sent + [("", "O")]:
                if tag.endswith("PER") or tag.endswith("PERSON"):
                    if tag.startswith("B-") and cur:
                        names.append(" ".join(cur))
                        cur = []
                    cur.append(tok)
                elif cur:
                    names.append(" ".join(cur))
                    cur = []
    statements, narrative = [], []
    owners = {}         # 3-gram -> indexes of the statements that have it
    sizes = []          # number of 3-grams of each statement
    pool_words = []     # words of each statement
    seen_words = set()
    units = []
    for s in sentences:
        # Quoted titles inside a sentence (`dianugerahi " Booker Prize "`) lose their marks: a quote
        # inside a quote would be read as two quotes.
        s = re.sub(r'\s*["“”`]\s*', " ", s).strip()
        s = re.sub(r"\s+([,.;:?!)])", r"\1", s)
        if not s or any(c in QUOTE_CHARS for c in s):
            continue
        # A long sentence gives two statements, cut at the comma or semicolon nearest its middle.
        ws = s.split()
        cuts = [i + 1 for i, w in enumerate(ws[:-1]) if w[-1] in ",;" and 12 <= i + 1 <= len(ws) - 12]
        if len(ws) >= 30 and cuts:
            cut = min(cuts, key=lambda i: abs(i - len(ws) / 2))
            first = " ".join(ws[:cut])[:-1] + "."
            second = " ".join(ws[cut:])
            units += [first, second[0].upper() + second[1:]]
        else:
            units.append(s)
    for s in units:
        ws = words_of(s)
        if len(ws) < 5:
            continue
        if not re.search(r"[.!?]$", s):
            s += "."
        if 8 <= len(ws) <= 50:
            key = " ".join(ws)
            sh = shingles(ws)
            counts = {}
            for g in sh:
                for o in owners.get(g, ()):
                    counts[o] = counts.get(o, 0) + 1
            near = any(c * 2 >= min(len(sh), sizes[o]) or (c >= 2 and lcs_ratio(ws, pool_words[o]) >= 0.7)
                       for o, c in counts.items())
            if key in seen_words or near:
                narrative.append(s)
                continue
            seen_words.add(key)
            for g in sh:
                owners.setdefault(g, []).append(len(statements))
            sizes.append(len(sh))
            pool_words.append(ws)
            statements.append(s)
        else:
            narrative.append(s)
    good_names = sorted({n for n in names if re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+){1,2}", n)})
    if not good_names:
        good_names = [n for n in seed_speakers() if re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+){1,2}", n)]
    return statements, narrative, good_names


FILLERS = ["juga", "memang", "tentu", "sudah", "pun", "akan", "tetap", "benar-benar", "sangat", "semua"]


def split_words(text):
    """Words with their trailing punctuation kept on them: edits stay natural."""
    return text.split()


def edit(text, kind, rng, vocabulary):
    ws = split_words(text)
    body = ws[:]
    if kind == "exact":
        return text
    if kind in ("punct", "mixed"):
        if any(w.endswith(",") for w in body[:-1]) and rng.random() < 0.6:
            body = [w[:-1] if w.endswith(",") and i < len(body) - 1 else w for i, w in enumerate(body)]
        else:
            i = rng.randrange(1, max(2, len(body) - 1))
            if not body[i - 1].endswith(","):
                body[i - 1] += ","
        last = body[-1].rstrip(".!?")
        body[-1] = last + rng.choice(["!", "", "."])
    if kind in ("changed", "mixed"):
        letters = [i for i in range(1, len(body)) if re.fullmatch(r"[^\W\d_]+[,.!?;:]?", body[i])] or list(range(1, len(body)))
        i = rng.choice(letters)
        tail = re.sub(r"^[^\W\d_]+", "", body[i])
        body[i] = rng.choice(vocabulary) + tail
    if kind == "added":
        i = rng.randrange(1, len(body))
        body.insert(i, rng.choice(FILLERS + vocabulary[:200]))
    if kind == "dropped":
        i = rng.randrange(1, len(body))
        if re.search(r"[.!?]$", body[i]) and i > 0:
            body[i - 1] = body[i - 1].rstrip(",") + body[i][-1]
        del body[i]
    if kind == "truncated":
        keep = max(1, round(len(body) * rng.uniform(0.6, 0.9)))
        body = body[:keep] if rng.random() < 0.7 else body[len(body) - keep:]
        body[0] = body[0][0].upper() + body[0][1:]
    return " ".join(body)


def split_in_two(text, rng):
    ws = split_words(text)
    n = len(ws)
    commas = [i + 1 for i, w in enumerate(ws[:-1]) if w.endswith(",") and 0.3 * n <= i + 1 <= 0.7 * n]
    cut = rng.choice(commas) if commas else rng.randint(max(1, round(0.4 * n)), max(1, round(0.6 * n)))
    a = " ".join(ws[:cut]).rstrip(",") + "."
    b = " ".join(ws[cut:])
    b = b[0].upper() + b[1:]
    return a, b


KINDS = ["exact", "punct", "changed", "added", "dropped", "mixed", "truncated", "split"]
CITIES = ["Jayapura", "Timika", "Sorong", "Bandarlampung", "Jakarta", "Manokwari", "Merauke", "Makassar",
          "Surabaya", "Medan", "Kupang", "Ambon", "Palu", "Mataram", "Pontianak", "Samarinda"]
MEDIA = ["ANTARA", "Koreri.com", "RADARTV", "Kompas.com", "Tempo.co", "Detik.com"]
AFTER_NYA = ["ujarnya", "katanya", "tegasnya", "ungkapnya", "jelasnya", "tuturnya", "tambahnya", "imbuhnya"]
AFTER_NAME = ["kata", "ujar", "tutur", "ucap"]
BEFORE = ["mengatakan", "menegaskan", "menjelaskan", "menyampaikan"]


def quote_paragraph(text, rng, name, style):
    body = text.rstrip()
    if style == "before":
        return f'{name} {rng.choice(BEFORE)}, "{body}"'
    inner = re.sub(r"[.!?]$", "", body) + ","
    if style == "name":
        return f'"{inner}" {rng.choice(AFTER_NAME)} {name.split()[-1] if rng.random() < 0.5 else name}.'
    return f'"{inner}" {rng.choice(AFTER_NYA)}.'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--quotes-per-article", default="4-10")
    ap.add_argument("--repeat-rate", type=float, default=0.25)
    ap.add_argument("--within-rate", type=float, default=0.3, help="share of repeats taken from the same article")
    ap.add_argument("--seed", type=int, default=20241127)
    ap.add_argument("--synthetic-after-pool", action="store_true",
                    help="once the real statements are used up, make fresh ones of 10-30 words drawn at random "
                         "from the words of the real ones (for timing a large index of distinct quotes; "
                         "not real sentences)")
    ap.add_argument("--seeds-only", action="store_true",
                    help="take statements from the seed articles only, not from ../shared/data/ner (the same "
                         "corpus on every machine, e.g. a fresh CI clone; use with --synthetic-after-pool)")
    ap.add_argument("--ndjson", help="also write the articles as NDJSON lines {\"id\", \"text\"} to this file")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.quotes_per_article.split("-"))
    rng = random.Random(args.seed)

    statements, narrative, names = load_pool(args.seeds_only)
    vocabulary = sorted({w.strip(",.") for s in statements for w in s.split() if re.fullmatch(r"[a-z]{4,12}[,.]?", w)})
    rng.shuffle(statements)
    rng.shuffle(narrative)
    pool_size = len(statements)
    next_statement = 0
    synthetic = 0
    token_stream = [w for st in statements for w in re.findall(r"[^\W\d_]+", st.lower())]

    docs_dir = os.path.join(args.out, "docs")
    os.makedirs(docs_dir, exist_ok=True)
    for old in glob.glob(os.path.join(docs_dir, "*.txt")):
        os.remove(old)

    originals = []          # (doc index, quote index, text) of fresh quotes, in input order
    all_quotes, repeats, ids = [], [], []
    kind_counts = {k: 0 for k in KINDS}
    where_counts = {"within": 0, "across": 0}
    narr_i = 0
    ndjson = open(args.ndjson, "w", encoding="utf-8") if args.ndjson else None
    for d in range(args.articles):
        doc_id = f"{d:06d}"
        ids.append(doc_id)
        name = rng.choice(names)
        city = rng.choice(CITIES)
        paragraphs = []

        def narrative_sentence():
            nonlocal narr_i
            s = narrative[narr_i % len(narrative)]
            narr_i += 1
            return s

        head = narrative_sentence()
        paragraphs.append(" ".join(head.split()[:8]).rstrip(",.;:"))
        paragraphs.append(f"{city} ({rng.choice(MEDIA)}) - {narrative_sentence()}")
        paragraphs.append(f"Hal itu disampaikan {name} di {city}.")
        quotes = []
        doc_originals = []
        n_quotes = rng.randint(lo, hi)
        while len(quotes) < n_quotes:
            fresh_left = next_statement < pool_size or args.synthetic_after_pool
            want_repeat = originals and (not fresh_left or rng.random() < args.repeat_rate)
            if rng.random() < 0.35:
                paragraphs.append(narrative_sentence())
            style = rng.choices(["nya", "name", "before"], [0.6, 0.25, 0.15])[0]
            if not want_repeat:
                if next_statement < pool_size:
                    text = statements[next_statement]
                else:
                    ws = [rng.choice(token_stream) for _ in range(rng.randint(10, 30))]
                    text = " ".join(ws)
                    text = text[0].upper() + text[1:] + "."
                    synthetic += 1
                next_statement += 1
                originals.append((d, len(quotes), text))
                doc_originals.append(originals[-1])
                quotes.append(text)
                paragraphs.append(quote_paragraph(text, rng, name, style))
                continue
            within = doc_originals and rng.random() < args.within_rate
            od, oq, otext = rng.choice(doc_originals) if within else rng.choice(originals)
            within = od == d
            kind = rng.choice(KINDS)
            where_counts["within" if within else "across"] += 1
            kind_counts[kind] += 1
            if kind == "split":
                a, b = split_in_two(otext, rng)
                for piece, st in ((a, style), (b, "nya")):
                    repeats.append({"doc": doc_id, "quote": len(quotes), "kind": kind,
                                    "original": {"doc": ids[od], "quote": oq}})
                    quotes.append(piece)
                    paragraphs.append(quote_paragraph(piece, rng, name, st))
                continue
            text = edit(otext, kind, rng, vocabulary)
            repeats.append({"doc": doc_id, "quote": len(quotes), "kind": kind,
                            "original": {"doc": ids[od], "quote": oq}})
            quotes.append(text)
            paragraphs.append(quote_paragraph(text, rng, name, style))
        paragraphs.append(narrative_sentence())
        with open(os.path.join(docs_dir, doc_id + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(paragraphs) + "\n")
        all_quotes.append(quotes)
        if ndjson:
            ndjson.write(json.dumps({"id": doc_id, "text": "\n".join(paragraphs) + "\n"}, ensure_ascii=False) + "\n")

    if ndjson:
        ndjson.close()
    stats = {"articles": args.articles, "quotes": sum(len(q) for q in all_quotes), "repeats": len(repeats),
             "fresh": len(originals), "pool": pool_size, "pool_exhausted": next_statement >= pool_size,
             "synthetic_fresh": synthetic,
             "kinds": kind_counts, "where": where_counts, "seed": args.seed, "repeat_rate": args.repeat_rate}
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump({"docs": ids, "quotes": all_quotes, "repeats": repeats, "stats": stats}, f, ensure_ascii=False)
    print(json.dumps(stats), file=sys.stderr)


if __name__ == "__main__":
    main()
