#!/usr/bin/env python3
"""Resolve hand-written gold annotations (surface strings) into offsets.

The gold annotations of the seed articles are authored as surface strings in a
tab-separated file (gold/seeds.annotations.tsv, format described below and in
gold/GUIDELINES-NOTES.md). This script finds each surface in the document's
NORMALIZED text and writes gold/seeds.ndjson with Unicode code point offsets,
in the same schema as warta's output records.

    make_gold.py --annotations gold/seeds.annotations.tsv \
                 --text output/documents.ndjson --out gold/seeds.ndjson
    make_gold.py --annotations ... --text-from-seeds seeds --out ...
    make_gold.py --annotations gold/news.annotations.tsv \
                 --text dev/documents.ndjson --out gold/news.dev.ndjson \
                 --text test/documents.ndjson --out gold/news.test.ndjson
    make_gold.py --selftest

With several `--text`/`--out` pairs, each output gets the documents of its
text file; every annotated document must be in one of them, and a
duplicate_of may not point into another output (splits are scored apart).

`--text` reads the pipeline's normalized documents (one JSON object per line
with at least `id` and `text`). `--text-from-seeds DIR` uses a small stand-in
for the pipeline's normalization instead (see `standin_normalize`); it exists
only so the gold can be checked before the pipeline's normalizer is done.

Annotation file: one row per line, fields separated by one TAB; `#` starts a
comment line; blank lines are ignored. Every row starts with the document id.

    DOC  ENTITY   TYPE   surface   norm   occurrence
    DOC  ACRONYM  short  long      occurrence
    DOC  QUOTE    spec   speaker   duplicate_of   occurrence

- An empty norm / speaker / duplicate_of field means null.
- ENTITY occurrence: `N` (1-based) = the N-th whole-word match of the exact,
  case-sensitive surface in the text, counting every match left to right
  (also those inside other entities); `N,M,...` = those matches; `*` = every
  whole-word match that is not inside a longer entity of another row, except
  where the guide nests it (ALLOWED_NESTING: e.g. a LOC inside an ORG, ROLE,
  FAC or EVENT; never anything inside a LAW, DATE or PERSON). A `*` row never
  nests into an entity of its own type; an ORG inside an ORG or a FAC inside
  a FAC is given by number.
- ACRONYM occurrence counts the places where `long (short)` or
  `short (long)` is written; the short form is the one in parentheses or
  before them, the long form the spelled-out one.
- QUOTE spec is the full quoted text, or `first words … last words` (U+2026
  with a space on each side). The quoted text is everything between the
  opening mark and the closing mark of the same paragraph (or the paragraph
  end if the quote is not closed), without the marks. occurrence counts the
  quotes in the document that match the spec. duplicate_of is `DOC#N`, N the
  0-based index of the earlier quote in that document's quote list (ordered
  by start offset).

Matching is done on a folded copy of the text in which curly quotes, dashes
and no-break spaces are mapped one-to-one onto ASCII (code point counts do not
change), so a surface written with `'` also finds `’`; the spans written out
always carry the document's own text.

Any problem (unknown document, surface not found, occurrence out of range,
overlap that the guide does not allow, duplicate rows, bad duplicate_of) stops
the script with `file:line: message` on stderr and exit status 1.

Python 3 standard library only; output is deterministic.
"""

import argparse
import difflib
import glob
import json
import os
import re
import sys
import tempfile

ENTITY_TYPES = ("PERSON", "ROLE", "ORG", "LOC", "FAC", "DATE", "LAW", "EVENT")
# Nesting the gold allows (../shared/ANNOTATION.md, "Nesting"): a PERSON, ORG, LOC, ROLE,
# EVENT or FAC inside another entity is annotated too, but nothing inside a LAW (one unit),
# a DATE or a PERSON, no DATE inside anything (a year inside an EVENT or LAW is no separate
# DATE), and no entity inside one of its own type except an ORG inside an ORG (a unit of a
# ministry) and a FAC inside a FAC (a room inside a named building). Spans never cross.
_NESTABLE = {"PERSON", "ORG", "LOC", "ROLE", "EVENT", "FAC"}
ALLOWED_NESTING = {outer: {inner for inner in _NESTABLE
                           if inner != outer or outer in ("ORG", "FAC")}
                   for outer in ("ROLE", "ORG", "LOC", "FAC", "EVENT")}
ELLIPSIS = " \u2026 "
QUOTE_MARKS = ('"', "'")

FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ",
})


def fold(s):
    """One-to-one code point folding used for matching only."""
    return s.translate(FOLD)


class GoldError(Exception):
    pass


def fail(where, message):
    raise GoldError("%s: %s" % (where, message))


# --------------------------------------------------------------------------
# Stand-in normalization (mimics the pipeline's normalize stage for the seeds)

_STANDIN_MAP = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
    "\u2013": "-", "\u2014": "-", "\u00a0": " ",
})
_STANDIN_BOILERPLATE = [re.compile(p) for p in (
    r"^Exit mobile version$",
    r"^Cek Berita dan Artikel yang lain di Google News$",
    r"^Berita ini telah tayang di .* dengan judul: .*$",
    r"^Sumber:.*$",
    r"^ZAN$",
    r"^.*-Foto : .*-$",
    r"^Tim Liputan Diskominfo Mimika$",
)]
# Related-article headlines glued to the start of a paragraph.
_STANDIN_GLUED = [re.compile(r'^1\.100 Pelajar se-Jaksel Ikuti Sosialisasi Pemilu(?=")')]


def standin_normalize(raw):
    """A stand-in for the pipeline's normalization, good enough for the seeds.

    Curly quotes and dashes to ASCII, NBSP to space, runs of spaces collapsed,
    lines trimmed, blank and boilerplate lines dropped, a trailing `(*)`
    dropped, a word broken over a line (`D` / `alam`) joined, paragraphs
    joined with a single newline.
    """
    lines = []
    for line in raw.translate(_STANDIN_MAP).split("\n"):
        line = re.sub(r"[ \t]+", " ", line).strip()
        if not line or any(p.match(line) for p in _STANDIN_BOILERPLATE):
            continue
        for p in _STANDIN_GLUED:
            line = p.sub("", line)
        line = re.sub(r"\s*\(\*\)$", "", line)
        if lines and re.search(r" [A-Z]$", lines[-1]) and line[:1].islower():
            lines[-1] += line
            continue
        lines.append(line)
    return "\n".join(lines)


def texts_from_seeds(directory):
    paths = sorted(glob.glob(os.path.join(directory, "*.txt")))
    if not paths:
        raise GoldError("%s: no *.txt files" % directory)
    texts = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            texts[os.path.basename(path)[:-4]] = standin_normalize(f.read())
    return texts


def texts_from_ndjson(path):
    texts = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                doc_id, text = record["id"], record["text"]
            except (ValueError, KeyError, TypeError) as e:
                fail("%s:%d" % (path, n), "not a document record with id and text (%s)" % e)
            if doc_id in texts:
                fail("%s:%d" % (path, n), "document %s appears twice" % doc_id)
            texts[doc_id] = text
    return texts


# --------------------------------------------------------------------------
# Reading the annotation file

class Row:
    def __init__(self, where, doc, kind, fields):
        self.where, self.doc, self.kind, self.fields = where, doc, kind, fields


FIELD_COUNTS = {"ENTITY": 6, "ACRONYM": 5, "QUOTE": 6}


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = "%s:%d" % (path, n)
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 2 or fields[1] not in FIELD_COUNTS:
                fail(where, "second field must be one of %s" % ", ".join(FIELD_COUNTS))
            want = FIELD_COUNTS[fields[1]]
            if len(fields) != want:
                fail(where, "%s row needs %d tab-separated fields, found %d"
                     % (fields[1], want, len(fields)))
            for i, value in enumerate(fields):
                if value != value.strip():
                    fail(where, "field %d has leading or trailing blanks: %r" % (i + 1, value))
            rows.append(Row(where, fields[0], fields[1], fields))
    return rows


def parse_occurrence(where, value):
    """`*`, a positive number, or a comma-separated list of positive numbers (`1,3`)."""
    if value == "*":
        return "*"
    if re.fullmatch(r"[1-9][0-9]*", value):
        return int(value)
    if re.fullmatch(r"[1-9][0-9]*(,[1-9][0-9]*)+", value):
        numbers = [int(v) for v in value.split(",")]
        if len(set(numbers)) != len(numbers):
            fail(where, "occurrence list %r names a match twice" % value)
        return sorted(numbers)
    fail(where, "occurrence must be a positive number, a list like 1,3, or *, not %r" % value)


# --------------------------------------------------------------------------
# Matching

def is_word_char(c):
    return c.isalnum()


def whole_word_matches(ftext, fsurface):
    """Start offsets of the whole-word matches of fsurface in ftext."""
    starts = []
    i = ftext.find(fsurface)
    while i >= 0:
        end = i + len(fsurface)
        ok_left = not (is_word_char(fsurface[0]) and i > 0 and is_word_char(ftext[i - 1]))
        ok_right = not (is_word_char(fsurface[-1]) and end < len(ftext)
                        and is_word_char(ftext[end]))
        if ok_left and ok_right:
            starts.append(i)
        i = ftext.find(fsurface, i + 1)
    return starts


def nesting_allowed(outer_type, inner_type):
    return inner_type in ALLOWED_NESTING.get(outer_type, ())


def pick(where, what, candidates, occurrence):
    if not candidates:
        fail(where, "%s not found in the normalized text" % what)
    if occurrence == "*":
        return candidates
    numbers = occurrence if isinstance(occurrence, list) else [occurrence]
    if numbers[-1] > len(candidates):
        fail(where, "%s: occurrence %d asked, only %d found" % (what, numbers[-1], len(candidates)))
    return [candidates[n - 1] for n in numbers]


def resolve_entities(doc, text, ftext, rows):
    """Entities of one document, as dicts with type/start/end/text/norm and their row."""
    resolved = []  # (start, end, type, norm, row)

    def check_row(row):
        _, _, etype, surface, norm, occ = row.fields
        if etype not in ENTITY_TYPES:
            fail(row.where, "unknown entity type %r" % etype)
        if not surface:
            fail(row.where, "empty surface")
        if "\n" in surface:
            fail(row.where, "surface spans a paragraph break")
        return etype, surface, (norm or None), parse_occurrence(row.where, occ)

    numbered, starred = [], []
    for row in rows:
        etype, surface, norm, occ = check_row(row)
        (starred if occ == "*" else numbered).append((row, etype, surface, norm, occ))

    for row, etype, surface, norm, occ in numbered:
        fs = fold(surface)
        for s in pick(row.where, "%s %r" % (etype, surface), whole_word_matches(ftext, fs), occ):
            resolved.append((s, s + len(fs), etype, norm, row))

    # Longest surfaces first, so that a `*` row never takes matches inside a
    # longer entity that another `*` row resolves.
    starred.sort(key=lambda r: -len(r[2]))
    for row, etype, surface, norm, occ in starred:
        fs = fold(surface)
        found = whole_word_matches(ftext, fs)
        if not found:
            fail(row.where, "%s %r not found in the normalized text" % (etype, surface))
        kept = 0
        for s in found:
            e = s + len(fs)
            inside = [r for r in resolved
                      if r[0] <= s and e <= r[1] and (r[1] - r[0]) > (e - s)
                      and r[4] is not row
                      and (r[2] == etype or not nesting_allowed(r[2], etype))]
            if inside:
                continue
            resolved.append((s, e, etype, norm, row))
            kept += 1
        if kept == 0:
            fail(row.where, "%s %r: every match lies inside a longer entity" % (etype, surface))

    check_overlaps(resolved)
    resolved.sort(key=lambda r: (r[0], -r[1], r[2]))
    return [{"type": t, "start": s, "end": e, "text": text[s:e], "norm": n}
            for s, e, t, n, _ in resolved]


def describe(r, where=True):
    text = "%s %r [%d,%d)" % (r[2], r[4].fields[3], r[0], r[1])
    return "%s (%s)" % (text, r[4].where) if where else text


def check_overlaps(resolved):
    ordered = sorted(resolved, key=lambda r: (r[0], -r[1]))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[0] >= a[1]:
                break
            # b starts inside a
            if (a[0], a[1]) == (b[0], b[1]):
                fail(b[4].where, "same span as %s" % describe(a))
            if b[1] > a[1]:
                fail(b[4].where, "%s crosses %s" % (describe(b, False), describe(a)))
            if not nesting_allowed(a[2], b[2]):
                fail(b[4].where, "%s inside %s: the guide does not nest a %s in a %s"
                     % (describe(b, False), describe(a), b[2], a[2]))


def resolve_acronyms(doc, text, ftext, rows):
    pairs = []
    seen = set()
    for row in rows:
        _, _, short, long_, occ = row.fields
        occ = parse_occurrence(row.where, occ)
        if not short or not long_:
            fail(row.where, "empty short or long form")
        fshort, flong = fold(short), fold(long_)
        candidates = []
        for first, second, short_first in ((flong, fshort, False), (fshort, flong, True)):
            pattern = re.escape(first) + r"[ ]?\(" + re.escape(second) + r"\)"
            for m in re.finditer(pattern, ftext):
                s = m.start()
                if is_word_char(first[0]) and s > 0 and is_word_char(ftext[s - 1]):
                    continue
                inner = m.end() - 1 - len(second)
                if short_first:
                    short_span, long_span = (s, s + len(first)), (inner, inner + len(second))
                else:
                    short_span, long_span = (inner, inner + len(second)), (s, s + len(first))
                candidates.append((s, short_span, long_span))
        candidates.sort()
        for _, short_span, long_span in pick(row.where, "acronym %s = %r" % (short, long_),
                                             candidates, occ):
            key = (short_span, long_span)
            if key in seen:
                fail(row.where, "acronym pair %s = %r given twice" % (short, long_))
            seen.add(key)
            pairs.append(key)
    pairs.sort(key=lambda p: (min(p[0][0], p[1][0]), p[0][0]))
    return [{"short": {"start": a, "end": b, "text": text[a:b]},
             "long": {"start": c, "end": d, "text": text[c:d]}} for (a, b), (c, d) in pairs]


def quote_spans(ftext):
    """(start, end) of every stretch of text between a quotation mark and its
    closing mark, or the paragraph end when the quote is not closed.

    Double and single quotes are scanned separately; a `'` opens a quote only
    where no word character precedes it and closes one only where no word
    character follows it, so apostrophes inside words (Musa'ad) are skipped.
    """
    spans = []
    offset = 0
    left_open = False
    for para in ftext.split("\n"):
        doubles = _double_quotes(para, left_open)
        spans.extend((offset + s, offset + e) for s, e in doubles)
        spans.extend((offset + s, offset + e) for s, e in _single_quotes(para))
        if para.strip():
            left_open = bool(doubles) and doubles[-1][1] == len(para) and not para.rstrip().endswith('"')
        offset += len(para) + 1
    return sorted(_trimmed(ftext, s, e) for s, e in spans)


def _trimmed(ftext, s, e):
    """A span without the blanks just inside its marks (`“ Kami ... ”`): it covers the quoted words
    (ANNOTATION.md), and a row's spec, which may not start or end with a blank, can then match it."""
    while s < e and ftext[s].isspace():
        s += 1
    while e > s and ftext[e - 1].isspace():
        e -= 1
    return s, e


def _double_quotes(para, continued=False):
    """The double-quoted stretches of one paragraph. `continued`: the paragraph before left a quote
    open; when this one does not reopen it and its first mark closes a sentence (`...,"` `..."`),
    the quote goes on from the paragraph's start to that mark (some outlets write no opening mark
    on a quote's second paragraph)."""
    spans = []
    i = para.find('"')
    if continued and i > 0 and para[:i].strip() and para[i - 1] in ",.!?":
        spans.append((len(para) - len(para.lstrip()), i))
        i = para.find('"', i + 1)
    while i >= 0:
        j = para.find('"', i + 1)
        end = j if j >= 0 else len(para)
        spans.append((i + 1, end))
        i = para.find('"', end + 1) if j >= 0 else -1
    return spans


def _single_quotes(para):
    def opens(k):
        return para[k] == "'" and (k == 0 or not is_word_char(para[k - 1])) \
            and k + 1 < len(para) and is_word_char(para[k + 1])

    def closes(k):
        return para[k] == "'" and (k + 1 == len(para) or not is_word_char(para[k + 1]))

    i = 0
    while i < len(para):
        if not opens(i):
            i += 1
            continue
        j = next((k for k in range(i + 1, len(para)) if closes(k)), None)
        if j is None:  # an unmatched single quote is an apostrophe, not a quote
            i += 1
            continue
        yield i + 1, j
        i = j + 1


def resolve_quotes(doc, text, ftext, rows):
    spans = quote_spans(ftext)
    picked = []  # (start, end, speaker, dup_ref, row)
    for row in rows:
        _, _, spec, speaker, dup, occ = row.fields
        occ = parse_occurrence(row.where, occ)
        if not isinstance(occ, int):
            fail(row.where, "a QUOTE row needs one numbered occurrence")
        fspec = fold(spec)
        if ELLIPSIS in fspec:
            head, tail = fspec.split(ELLIPSIS, 1)
            if not head or not tail or ELLIPSIS in tail:
                fail(row.where, "quote spec must be `first words … last words`")
            match = [(s, e) for s, e in spans
                     if ftext.startswith(head, s) and ftext[s:e].endswith(tail)
                     and e - s >= len(head) + len(tail)]
        else:
            match = [(s, e) for s, e in spans if ftext[s:e] == fspec]
        (s, e), = pick(row.where, "quote %r" % spec, match, occ)
        ref = None
        if dup:
            m = re.fullmatch(r"([^#\s]+)#(0|[1-9][0-9]*)", dup)
            if not m:
                fail(row.where, "duplicate_of must be DOC#N, not %r" % dup)
            ref = (m.group(1), int(m.group(2)))
        picked.append((s, e, speaker or None, ref, row))
    picked.sort(key=lambda q: q[0])
    for a, b in zip(picked, picked[1:]):
        if a[0] == b[0]:
            fail(b[4].where, "same quote as %s" % a[4].where)
    return picked


# --------------------------------------------------------------------------

def build(rows, texts, annotations_path):
    by_doc = {}
    for row in rows:
        if row.doc not in texts:
            fail(row.where, "document %r is not in the normalized texts" % row.doc)
        by_doc.setdefault(row.doc, []).append(row)

    records, all_quotes = [], {}
    for doc in sorted(by_doc):
        text = texts[doc]
        ftext = fold(text)
        if len(ftext) != len(text):
            raise AssertionError("fold changed the length")
        kinds = {"ENTITY": [], "ACRONYM": [], "QUOTE": []}
        for row in by_doc[doc]:
            kinds[row.kind].append(row)
        entities = resolve_entities(doc, text, ftext, kinds["ENTITY"])
        acronyms = resolve_acronyms(doc, text, ftext, kinds["ACRONYM"])
        quotes = resolve_quotes(doc, text, ftext, kinds["QUOTE"])
        all_quotes[doc] = quotes
        records.append({"id": doc, "text": text, "entities": entities,
                        "acronyms": acronyms, "quotes": quotes})

    order = [r["id"] for r in records]
    for record in records:
        doc = record["id"]
        out = []
        for index, (s, e, speaker, ref, row) in enumerate(record["quotes"]):
            dup = None
            if ref is not None:
                rdoc, rn = ref
                if rdoc not in all_quotes:
                    fail(row.where, "duplicate_of names document %r, which has no quotes here" % rdoc)
                if order.index(rdoc) > order.index(doc) or (rdoc == doc and rn >= index):
                    fail(row.where, "duplicate_of must point to an earlier quote")
                if rn >= len(all_quotes[rdoc]):
                    fail(row.where, "duplicate_of %s#%d: that document has %d quotes"
                         % (rdoc, rn, len(all_quotes[rdoc])))
                rs, re_, *_ = all_quotes[rdoc][rn]
                earlier = texts[rdoc][rs:re_]
                ratio, contained = repeat_similarity(earlier, record["text"][s:e])
                if ratio < 0.6 and contained < 0.8:
                    fail(row.where, "duplicate_of %s#%d is neither a near copy (similarity %.2f, 0.6 "
                         "wanted) nor a fragment (%.2f of the shorter text in the longer, 0.8 wanted)"
                         % (rdoc, rn, ratio, contained))
                dup = {"doc": rdoc, "quote": rn}
            out.append({"start": s, "end": e, "text": record["text"][s:e],
                        "speaker": speaker, "duplicate_of": dup})
        record["quotes"] = out
    return records


def repeat_similarity(a, b):
    """How alike two quotes are, as a sanity check on a duplicate_of written by hand: difflib's ratio
    over the case-folded words (a near copy, another outlet's rendering), and the share of the shorter
    quote's words found in order in the longer (a fragment or a trimmed copy)."""
    wa, wb = re.findall(r"\w+", a.casefold()), re.findall(r"\w+", b.casefold())
    if not wa or not wb:
        return 0.0, 0.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matcher.ratio(), matched / min(len(wa), len(wb))


def unannotated_quotes(record):
    """Quoted stretches of text (double quotes, a quote's second paragraph without its opening mark
    included) that no QUOTE row covers."""
    ftext = fold(record["text"])
    have = {(q["start"], q["end"]) for q in record["quotes"]}
    return [(s, e) for s, e in quote_spans(ftext)
            if (s == 0 or ftext[s - 1] in '"\n') and (s, e) not in have]


def dumps(record):
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write(records, path):
    data = "".join(dumps(r) + "\n" for r in records)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".gold-")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


def summary(records):
    lines = []
    for r in records:
        counts = {}
        for e in r["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
        parts = ["%s=%d" % (t, counts.get(t, 0)) for t in ENTITY_TYPES]
        lines.append("%s  %s  acronyms=%d quotes=%d" % (
            r["id"], " ".join(parts), len(r["acronyms"]), len(r["quotes"])))
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Self-test: the resolver's own behaviour, then the real annotations against
# the stand-in normalization of the seeds.

def _expect_error(rows_text, texts, needle):
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        f.write(rows_text)
        path = f.name
    try:
        build(read_rows(path), texts, path)
    except GoldError as e:
        if needle not in str(e) or (path + ":") not in str(e):
            raise AssertionError("wrong error for %r: %s" % (rows_text, e))
        return
    finally:
        os.unlink(path)
    raise AssertionError("no error for %r" % rows_text)


def _build_from(rows_text, texts):
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        f.write(rows_text)
        path = f.name
    try:
        return build(read_rows(path), texts, path)
    finally:
        os.unlink(path)


def selftest(annotations, seeds_dir):
    t = {"d": 'Ketua KPU DKI Jakarta, Ani. KPU dan KPUD. Kota Sorong dan Sorong.\n'
              '"Kami siap," ujar Ani \u201cKami siap,\u201d katanya.\n'
              'Komisi Pemilihan Umum (KPU) hadir. Musa\u2019ad datang "tanpa tutup'}
    r = _build_from("d\tENTITY\tROLE\tKetua KPU DKI Jakarta\t\t1\n"
                    "d\tENTITY\tORG\tKPU DKI Jakarta\t\t1\n"
                    "d\tENTITY\tORG\tKPU\tKomisi Pemilihan Umum\t*\n"
                    "d\tENTITY\tLOC\tSorong\t\t*\n"
                    "d\tENTITY\tLOC\tKota Sorong\t\t1\n"
                    "d\tENTITY\tPERSON\tMusa'ad\t\t1\n"
                    "d\tACRONYM\tKPU\tKomisi Pemilihan Umum\t1\n"
                    "d\tQUOTE\tKami siap,\tAni\t\t1\n"
                    "d\tQUOTE\tKami siap,\tAni\td#0\t2\n"
                    "d\tQUOTE\ttanpa tutup\t\t\t1\n", t)[0]
    got = [(e["type"], e["text"]) for e in r["entities"]]
    assert got == [("ROLE", "Ketua KPU DKI Jakarta"), ("ORG", "KPU DKI Jakarta"),
                   ("ORG", "KPU"), ("LOC", "Kota Sorong"), ("LOC", "Sorong"),
                   ("ORG", "KPU"), ("PERSON", "Musa\u2019ad")], got
    for e in r["entities"]:
        assert r["text"][e["start"]:e["end"]] == e["text"]
    a = r["acronyms"][0]
    assert (a["short"]["text"], a["long"]["text"]) == ("KPU", "Komisi Pemilihan Umum"), a
    assert [q["text"] for q in r["quotes"]] == ["Kami siap,", "Kami siap,", "tanpa tutup"]
    assert r["quotes"][1]["duplicate_of"] == {"doc": "d", "quote": 0}
    assert not unannotated_quotes(r)
    # A quote's second paragraph written without an opening mark goes on from the paragraph's start;
    # a paragraph that reopens the quote, or one after a closed quote, does not.
    assert quote_spans('"Satu dua.\n\nTiga empat," ujar Ani.') == [(1, 10), (12, 23)]
    assert quote_spans('"Satu dua."\n\nTiga empat," ujar Ani.') == [(1, 10), (26, 35)]
    assert quote_spans('"Satu dua.\n"Tiga," ujar Ani.') == [(1, 10), (12, 17)]
    # A blank just inside a mark (some sites write `“ Kami`) is not part of the quote.
    assert quote_spans('" Satu dua. " ujar Ani.') == [(2, 11)]

    _expect_error("x\tENTITY\tORG\tKPU\t\t1\n", t, "not in the normalized texts")
    _expect_error("d\tENTITY\tORG\tBKN\t\t1\n", t, "not found")
    _expect_error("d\tENTITY\tORG\tKPU\t\t9\n", t, "occurrence 9 asked")
    _expect_error("d\tENTITY\tLAW\tKota Sorong dan Sorong\t\t1\nd\tENTITY\tLOC\tSorong\t\t*\n", t,
                  "every match lies inside")
    _expect_error("d\tENTITY\tTHING\tKPU\t\t1\n", t, "unknown entity type")
    _expect_error("d\tENTITY\tORG\tKPU\t\t0\n", t, "occurrence must be")
    _expect_error("d\tENTITY\tORG\tKPU\t\n", t, "needs 6")
    _expect_error("d\tENTITY\tLOC\tSorong\t\t1\nd\tENTITY\tLOC\tKota Sorong\t\t1\n", t,
                  "does not nest a LOC in a LOC")
    _expect_error("d\tENTITY\tLAW\tKPU DKI Jakarta\t\t1\nd\tENTITY\tLOC\tDKI Jakarta\t\t1\n", t,
                  "does not nest a LOC in a LAW")
    _expect_error("d\tENTITY\tORG\tKPU\t\t2,2\n", t, "names a match twice")
    _expect_error("d\tENTITY\tORG\tKPU\t\t1,9\n", t, "occurrence 9 asked")
    # The clarified guide's nesting: a `*` LOC lands inside an ORG inside a ROLE; a list picks matches.
    nested = _build_from("d\tENTITY\tROLE\tKetua KPU DKI Jakarta\t\t1\n"
                         "d\tENTITY\tORG\tKPU DKI Jakarta\t\t1\n"
                         "d\tENTITY\tLOC\tDKI Jakarta\t\t*\n"
                         "d\tENTITY\tORG\tKPU\t\t2,3\n", t)[0]
    assert [(e["type"], e["start"]) for e in nested["entities"]] == [
        ("ROLE", 0), ("ORG", 6), ("LOC", 10), ("ORG", 28), ("ORG", 133)], nested["entities"]
    _expect_error("d\tENTITY\tORG\tKPU DKI\t\t1\nd\tENTITY\tLOC\tDKI Jakarta\t\t1\n", t, "crosses")
    _expect_error("d\tENTITY\tORG\tKPU\t\t1\nd\tENTITY\tLOC\tKPU\t\t1\n", t, "same span")
    _expect_error("d\tACRONYM\tKPU\tKomisi Pemilu\t1\n", t, "not found")
    _expect_error("d\tQUOTE\tKami … tidak,\t\t\t1\n", t, "not found")
    _expect_error("d\tQUOTE\tKami siap,\t\td#1\t1\nd\tQUOTE\tKami siap,\t\t\t2\n", t, "earlier quote")
    _expect_error("d\tQUOTE\ttanpa tutup\t\td#0\t1\nd\tQUOTE\tKami siap,\t\t\t1\n", t,
                  "neither a near copy")
    # A fragment of a longer quote is a repeat; an unrelated quote of the same length is not.
    ratio, contained = repeat_similarity("Kami siap menjaga netralitas ASN sampai akhir tahun ini.", "menjaga netralitas ASN sampai akhir")
    assert ratio < 0.8 and contained == 1.0, (ratio, contained)
    ratio, contained = repeat_similarity("Kami siap bekerja keras.", "Harga beras naik lagi.")
    assert ratio < 0.6 and contained < 0.8, (ratio, contained)

    texts = texts_from_seeds(seeds_dir)
    records = build(read_rows(annotations), texts, annotations)
    assert [r["id"] for r in records] == sorted(texts), "every seed must be annotated"
    for r in records:
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"]
        left = unannotated_quotes(r)
        assert not left, "%s: quoted text without a QUOTE row: %r" % (
            r["id"], [r["text"][s:e] for s, e in left])
    again = build(read_rows(annotations), texts, annotations)
    assert [dumps(x) for x in again] == [dumps(x) for x in records], "not deterministic"
    return records


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--annotations", default=os.path.join(root, "gold", "seeds.annotations.tsv"))
    src = p.add_mutually_exclusive_group()
    src.add_argument("--text", action="append",
                     help="normalized documents, NDJSON with id and text (repeat, with one --out each, "
                          "to write one gold file per split)")
    src.add_argument("--text-from-seeds", metavar="DIR",
                     help="use the stand-in normalization of DIR/*.txt instead of --text")
    p.add_argument("--out", action="append", help="gold NDJSON to write (one per --text)")
    p.add_argument("--selftest", action="store_true",
                   help="test the resolver and resolve the annotations against the stand-in "
                        "normalization of the seeds (--text-from-seeds, default seeds/, "
                        "else ../shared/seeds)")
    args = p.parse_args(argv)
    try:
        if args.selftest:
            seeds = args.text_from_seeds or next(
                (d for d in (os.path.join(root, "seeds"),
                             os.path.join(os.path.dirname(root), "shared", "seeds"))
                 if os.path.isdir(d)), os.path.join(root, "seeds"))
            records = selftest(args.annotations, seeds)
            print(summary(records), file=sys.stderr)
            print("selftest ok", file=sys.stderr)
            return 0
        if not args.text and not args.text_from_seeds:
            p.error("give --text or --text-from-seeds (or --selftest)")
        if not args.out:
            p.error("give --out")
        if args.text_from_seeds:
            if len(args.out) != 1:
                p.error("--text-from-seeds writes one --out")
            parts = [texts_from_seeds(args.text_from_seeds)]
        else:
            if len(args.out) != len(args.text):
                p.error("give one --out for each --text")
            parts = [texts_from_ndjson(t) for t in args.text]
        texts = {}
        for part, source in zip(parts, args.text or [args.text_from_seeds]):
            for doc in part:
                if doc in texts:
                    fail(source, "document %s is in two --text files" % doc)
            texts.update(part)
        records = build(read_rows(args.annotations), texts, args.annotations)
        for r in records:
            for s, e in unannotated_quotes(r):
                print("warning: %s: quoted text without a QUOTE row at [%d,%d): %r"
                      % (r["id"], s, e, r["text"][s:e]), file=sys.stderr)
        for part, out in zip(parts, args.out):
            chosen = [r for r in records if r["id"] in part]
            for r in chosen:
                for q in r["quotes"]:
                    if q["duplicate_of"] and q["duplicate_of"]["doc"] not in part:
                        fail(out, "%s: a quote's duplicate_of points at %s, which goes to another output"
                             % (r["id"], q["duplicate_of"]["doc"]))
            write(chosen, out)
        print(summary(records), file=sys.stderr)
        return 0
    except GoldError as e:
        print("make_gold: error: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
