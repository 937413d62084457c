#!/usr/bin/env python3
"""Generate warta's data-derived gazetteers and word lists.

    python3 scripts/build_gazetteers.py [--data ../shared/data] [--out pipelines] [--check]

--check writes nothing and exits 1 naming each generated file that differs from what the inputs
generate (scripts/test.sh runs it, so an edited hand-written input cannot leave them stale).

Relative paths are taken from the repository root (the parent of scripts/), so the
command works from any directory. Standard library only; the output is sorted and
byte-for-byte deterministic.

What it writes, and why:

  gazetteers/regions.tsv     LOC: the 38 provinces and 514 regencies/cities of wilayah/
                             in the forms news writes them (Kabupaten X, Kab. X, Kab X,
                             bare X, Kota Y, bare Y, Provinsi Z, Prov. Z, bare Z), plus a
                             hand-written table of aliases (spelling variants such as
                             Bandarlampung, and the abbreviations regional news uses such
                             as Jabar, Sulsel, Kukar), plus ALL-CAPS forms of the bare
                             names for datelines ("MIMIKA -", "JAKARTA, KOMPAS.com -").
  gazetteers/districts.tsv   LOC: kecamatan. "Kecamatan X" and "Kec. X" for every
                             kecamatan (the prefix makes them unambiguous); the bare name X
                             only when it cannot be confused with a common word or a
                             person's name (filters counted on stderr).
  lists/ambiguous_places.txt bare region names of regions.tsv that are also common words
                             or person-name tokens (Batang, Malang, Metro, Puncak, ...):
                             the tagger should want context before trusting them.
  lists/not_names.txt        capitalised words that are not names (sentence starts,
                             title-case headlines), learnt from the NER training splits.
  lists/person_given_names.txt  single tokens that are strong evidence of a person name,
                             from the NER training splits and DBpedia person names.
  lists/sentence_common.txt  common lower-case words of the NER TRAIN splits: at the start
                             of a sentence they never open a personal name.

Only the training splits of the NER corpora are read (idner-news-2k train+dev, nergrit
train+valid); the test splits are never opened, so they stay usable for evaluation.

The hand-written files of pipelines/ (lists/offices.txt, honorifics.txt,
role_prefixes.txt, the *_heads.txt lists, law_kinds.tsv, days.txt, months.tsv, and
gazetteers/countries.tsv, institutions.tsv) are inputs too: a generated entry must not
contradict them (a not_names word is not the first word of an office, a district's
bare name is not an institution's). Run the script again after editing them.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# Hand-written region aliases
# ---------------------------------------------------------------------------

# Province spellings and abbreviations that national and regional news use, mapped to
# the province's name in wilayah/provinsi.csv. The two-part abbreviations (Jabar,
# Sulsel, ...) are the standard forms of Indonesian newsrooms (ANTARA, Kompas, Tempo
# all use them in headlines and body text); NTB/NTT are used more than the full names.
# "Sumatra" is the spelling KBBI prefers and many outlets use beside "Sumatera".
# Left out: NAD (obsolete), Pabar/Papteng/Papsel (rare), Babel's sub-regions.
PROVINCE_ALIASES = {
    "Aceh": ["Nanggroe Aceh Darussalam"],
    "Sumatera Utara": ["Sumatra Utara", "Sumut"],
    "Sumatera Barat": ["Sumatra Barat", "Sumbar"],
    "Sumatera Selatan": ["Sumatra Selatan", "Sumsel"],
    "Kepulauan Bangka Belitung": ["Bangka Belitung", "Babel"],
    "Kepulauan Riau": ["Kepri"],
    "Daerah Khusus Ibukota Jakarta": [
        "DKI Jakarta", "Jakarta", "DKI", "Daerah Khusus Jakarta",
        "Daerah Khusus Ibu Kota Jakarta",
    ],
    "Jawa Barat": ["Jabar"],
    "Jawa Tengah": ["Jateng"],
    # Yogya/Jogja often mean the city; the province is the safer norm for a bare name
    # (the city is always written "Kota Yogyakarta" when it matters).
    "Daerah Istimewa Yogyakarta": [
        "DI Yogyakarta", "DIY", "Yogyakarta", "Yogya", "Jogja", "Jogjakarta",
    ],
    "Jawa Timur": ["Jatim"],
    "Nusa Tenggara Barat": ["NTB"],
    "Nusa Tenggara Timur": ["NTT"],
    "Kalimantan Barat": ["Kalbar"],
    "Kalimantan Tengah": ["Kalteng"],
    "Kalimantan Selatan": ["Kalsel"],
    "Kalimantan Timur": ["Kaltim"],
    "Kalimantan Utara": ["Kaltara"],
    "Sulawesi Utara": ["Sulut"],
    "Sulawesi Tengah": ["Sulteng"],
    "Sulawesi Selatan": ["Sulsel"],
    "Sulawesi Tenggara": ["Sultra"],
    "Sulawesi Barat": ["Sulbar"],
    "Maluku Utara": ["Malut"],
    # PBD is how Papua outlets write the province created in 2022.
    "Papua Barat Daya": ["PBD"],
}

# The norm of a province is its wilayah name, except Jakarta (task contract: DKI Jakarta).
PROVINCE_NORM = {"Daerah Khusus Ibukota Jakarta": "DKI Jakarta"}

# Regency/city spellings that differ from wilayah (joined vs split words, hyphens, old
# official spellings) mapped to the wilayah name. Each alias also gets the prefixed
# forms (Kota Baubau, Kabupaten Fakfak, ...).
REGENCY_SPELLINGS = {
    "Kota Bandar Lampung": ["Bandarlampung"],
    "Kota Bau Bau": ["Baubau", "Bau-Bau"],
    "Kabupaten Fak Fak": ["Fakfak", "Fak-Fak"],
    "Kabupaten Toli-Toli": ["Tolitoli", "Toli Toli"],
    "Kabupaten Tojo Una Una": ["Tojo Una-Una"],
    "Kota Palangkaraya": ["Palangka Raya"],
    "Kota Pangkal Pinang": ["Pangkalpinang"],
    "Kota Tanjung Pinang": ["Tanjungpinang"],
    "Kota Lubuk Linggau": ["Lubuklinggau"],
    "Kota Pagar Alam": ["Pagaralam"],
    "Kota Pematangsiantar": ["Pematang Siantar", "Siantar"],
    "Kota Tanjungbalai": ["Tanjung Balai"],
    "Kota Padangsidimpuan": ["Padang Sidempuan", "Padangsidempuan", "Padang Sidimpuan"],
    "Kota Gunungsitoli": ["Gunung Sitoli"],
    "Kota Bukittinggi": ["Bukit Tinggi"],
    "Kota Tebing Tinggi": ["Tebingtinggi"],
    "Kota Parepare": ["Pare-Pare", "Pare Pare"],
    "Kota Surakarta": ["Solo"],
    "Kota Tidore Kepulauan": ["Tidore"],
    "Kabupaten Labuhanbatu": ["Labuhan Batu"],
    "Kabupaten Labuhanbatu Selatan": ["Labuhan Batu Selatan"],
    "Kabupaten Labuhanbatu Utara": ["Labuhan Batu Utara"],
    "Kabupaten Batanghari": ["Batang Hari"],
    "Kabupaten Batu Bara": ["Batubara"],
    "Kabupaten Deli Serdang": ["Deliserdang"],
    "Kabupaten Mukomuko": ["Muko-Muko", "Muko Muko"],
    "Kabupaten Gunungkidul": ["Gunung Kidul"],
    "Kabupaten Kulon Progo": ["Kulonprogo"],
    "Kabupaten Lima Puluh Kota": ["Limapuluh Kota"],
    "Kabupaten Tulang Bawang": ["Tulangbawang"],
    "Kabupaten Tulang Bawang Barat": ["Tulangbawang Barat"],
    "Kabupaten Kep. Siau Tagulandang Biaro": [
        "Kepulauan Siau Tagulandang Biaro", "Siau Tagulandang Biaro",
    ],
    # Archipelago regencies are usually written without "Kepulauan"/"Pulau".
    "Kabupaten Kepulauan Mentawai": ["Mentawai"],
    "Kabupaten Kepulauan Meranti": ["Meranti"],
    "Kabupaten Kepulauan Anambas": ["Anambas"],
    "Kabupaten Kepulauan Selayar": ["Selayar"],
    "Kabupaten Kepulauan Sangihe": ["Sangihe"],
    "Kabupaten Kepulauan Talaud": ["Talaud"],
    "Kabupaten Kepulauan Yapen": ["Yapen"],
    "Kabupaten Kepulauan Aru": ["Aru"],
    "Kabupaten Kepulauan Sula": ["Sula"],
    "Kabupaten Kepulauan Tanimbar": ["Tanimbar"],
    "Kabupaten Pulau Morotai": ["Morotai"],
    "Kabupaten Pulau Taliabu": ["Taliabu"],
    "Kabupaten Biak Numfor": ["Biak"],
    "Kabupaten Administrasi Kepulauan Seribu": ["Kepulauan Seribu"],
}

# Short forms of regencies/cities that regional outlets use as names in their own right
# (headlines and body text). Bare only: they are already names, not spellings.
# Left out on purpose: short forms that are common words or other names
# (Mitra, Mabar, Palas, Basel, Babar, Bateng, OI, KBB).
REGENCY_ABBREVIATIONS = {
    "Kabupaten Aceh Barat Daya": ["Abdya"],
    "Kabupaten Tapanuli Utara": ["Taput"],
    "Kabupaten Tapanuli Selatan": ["Tapsel"],
    "Kabupaten Tapanuli Tengah": ["Tapteng"],
    "Kabupaten Mandailing Natal": ["Madina"],
    "Kabupaten Humbang Hasundutan": ["Humbahas"],
    "Kabupaten Serdang Bedagai": ["Sergai"],
    "Kabupaten Labuhanbatu Utara": ["Labura"],
    "Kabupaten Labuhanbatu Selatan": ["Labusel"],
    "Kabupaten Padang Lawas Utara": ["Paluta"],
    "Kabupaten Tanjung Jabung Barat": ["Tanjabbar"],
    "Kabupaten Tanjung Jabung Timur": ["Tanjabtim"],
    "Kabupaten Ogan Komering Ulu": ["OKU"],
    "Kabupaten Ogan Komering Ilir": ["OKI"],
    "Kabupaten Ogan Komering Ulu Timur": ["OKU Timur"],
    "Kabupaten Ogan Komering Ulu Selatan": ["OKU Selatan"],
    "Kabupaten Musi Banyuasin": ["Muba"],
    "Kabupaten Musi Rawas": ["Mura"],
    "Kabupaten Musi Rawas Utara": ["Muratara"],
    "Kabupaten Penukal Abab Lematang Ilir": ["PALI"],
    "Kabupaten Lampung Selatan": ["Lamsel"],
    "Kabupaten Lampung Tengah": ["Lamteng"],
    "Kabupaten Lampung Utara": ["Lampura"],
    "Kabupaten Lampung Timur": ["Lamtim"],
    "Kabupaten Lampung Barat": ["Lambar"],
    "Kabupaten Tulang Bawang Barat": ["Tubaba"],
    "Kota Administrasi Jakarta Pusat": ["Jakpus"],
    "Kota Administrasi Jakarta Utara": ["Jakut"],
    "Kota Administrasi Jakarta Barat": ["Jakbar"],
    "Kota Administrasi Jakarta Selatan": ["Jaksel"],
    "Kota Administrasi Jakarta Timur": ["Jaktim"],
    "Kota Tangerang Selatan": ["Tangsel"],
    "Kabupaten Kutai Kartanegara": ["Kukar"],
    "Kabupaten Kutai Barat": ["Kubar"],
    "Kabupaten Kutai Timur": ["Kutim"],
    "Kabupaten Penajam Paser Utara": ["PPU"],
    "Kabupaten Kotawaringin Barat": ["Kobar"],
    "Kabupaten Kotawaringin Timur": ["Kotim"],
    "Kabupaten Hulu Sungai Selatan": ["HSS"],
    "Kabupaten Hulu Sungai Tengah": ["HST"],
    "Kabupaten Hulu Sungai Utara": ["HSU"],
    "Kabupaten Timor Tengah Selatan": ["TTS"],
    "Kabupaten Timor Tengah Utara": ["TTU"],
    "Kabupaten Sumba Barat Daya": ["SBD"],
    "Kabupaten Flores Timur": ["Flotim"],
    "Kabupaten Bolaang Mongondow": ["Bolmong"],
    "Kabupaten Bolaang Mongondow Utara": ["Bolmut"],
    "Kabupaten Bolaang Mongondow Timur": ["Boltim"],
    "Kabupaten Bolaang Mongondow Selatan": ["Bolsel"],
    "Kabupaten Minahasa Selatan": ["Minsel"],
    "Kabupaten Minahasa Utara": ["Minut"],
    "Kabupaten Kep. Siau Tagulandang Biaro": ["Sitaro"],
    "Kabupaten Pangkajene dan Kepulauan": ["Pangkep"],
    "Kabupaten Sidenreng Rappang": ["Sidrap"],
    "Kabupaten Polewali Mandar": ["Polman"],
    "Kabupaten Seram Bagian Barat": ["SBB"],
    "Kabupaten Seram Bagian Timur": ["SBT"],
    "Kabupaten Maluku Barat Daya": ["MBD"],
    "Kabupaten Maluku Tengah": ["Malteng"],
    "Kabupaten Halmahera Selatan": ["Halsel"],
    "Kabupaten Halmahera Utara": ["Halut"],
    "Kabupaten Halmahera Barat": ["Halbar"],
    "Kabupaten Halmahera Tengah": ["Halteng"],
    "Kabupaten Halmahera Timur": ["Haltim"],
    # (issue 20, fifth round) The short forms of the regional press of NTB, Southeast Sulawesi, Riau,
    # West Sumatra, the Kalimantan provinces, Central Sulawesi, Gorontalo, NTT, Maluku and Bangka Belitung,
    # as their outlets and governments write them (`Setda Lotim`, `KPU Koltim`). Left out: short forms that
    # are common words (Balut, Mateng, Benteng) or other names (KKR, KKU, BU, BS).
    "Kabupaten Lombok Barat": ["Lobar"],
    "Kabupaten Lombok Tengah": ["Loteng"],
    "Kabupaten Lombok Timur": ["Lotim"],
    "Kabupaten Lombok Utara": ["KLU"],
    "Kabupaten Sumbawa Barat": ["KSB"],
    "Kabupaten Kolaka Timur": ["Koltim"],
    "Kabupaten Kolaka Utara": ["Kolut"],
    "Kabupaten Konawe Selatan": ["Konsel"],
    "Kabupaten Konawe Utara": ["Konut"],
    "Kabupaten Konawe Kepulauan": ["Konkep"],
    "Kabupaten Buton Tengah": ["Buteng"],
    "Kabupaten Buton Selatan": ["Busel"],
    "Kabupaten Buton Utara": ["Butur"],
    "Kabupaten Muna Barat": ["Mubar"],
    "Kabupaten Indragiri Hulu": ["Inhu"],
    "Kabupaten Indragiri Hilir": ["Inhil"],
    "Kabupaten Rokan Hulu": ["Rohul"],
    "Kabupaten Rokan Hilir": ["Rohil"],
    "Kabupaten Kuantan Singingi": ["Kuansing"],
    "Kabupaten Pesisir Selatan": ["Pessel"],
    "Kabupaten Pasaman Barat": ["Pasbar"],
    "Kabupaten Barito Selatan": ["Barsel"],
    "Kabupaten Barito Timur": ["Bartim"],
    "Kabupaten Barito Utara": ["Barut"],
    "Kabupaten Barito Kuala": ["Batola"],
    "Kabupaten Gunung Mas": ["Gumas"],
    "Kabupaten Pulang Pisau": ["Pulpis"],
    "Kabupaten Tanah Bumbu": ["Tanbu"],
    "Kabupaten Mahakam Ulu": ["Mahulu"],
    "Kabupaten Manggarai Timur": ["Matim"],
    "Kabupaten Maluku Tenggara": ["Malra"],
    "Kabupaten Parigi Moutong": ["Parimo"],
    "Kabupaten Morowali Utara": ["Morut"],
    "Kabupaten Banggai Kepulauan": ["Bangkep"],
    "Kabupaten Gorontalo Utara": ["Gorut"],
    "Kabupaten Bone Bolango": ["Bonebol"],
    "Kabupaten Belitung Timur": ["Beltim"],
    # (issue 20, ninth round) South Kalimantan's and Gorontalo's press: `DPRD Tala`, `Bawaslu Kabgor`.
    "Kabupaten Tanah Laut": ["Tala"],
    "Kabupaten Gorontalo": ["Kabgor"],
}

# Towns, areas and kecamatan that national news names often but that the district
# filters drop (4-letter names such as Kuta and Ubud, names repeated elsewhere such as
# Tanah Abang, names with a common word such as Kelapa Gading) or that are not
# kecamatan at all (Timika is the town of Kecamatan Mimika Baru; Sofifi is the capital
# of Maluku Utara). Hand-written; norm in the districts.tsv style. Kept short on
# purpose: only places that national outlets mention by bare name.
LOCALITIES = {
    "Timika": "Timika, Kabupaten Mimika",
    "Sofifi": "Sofifi, Kota Tidore Kepulauan",
    "Ibu Kota Nusantara": "Ibu Kota Nusantara, Kalimantan Timur",
    "IKN": "Ibu Kota Nusantara, Kalimantan Timur",
    "Cikarang": "Cikarang, Kabupaten Bekasi",
    "Sentul": "Sentul, Kabupaten Bogor",
    "Kuta": "Kecamatan Kuta, Kabupaten Badung",
    "Ubud": "Kecamatan Ubud, Kabupaten Gianyar",
    "Sanur": "Sanur, Kota Denpasar",
    "Nusa Dua": "Nusa Dua, Kabupaten Badung",
    "Jimbaran": "Jimbaran, Kabupaten Badung",
    "Labuan Bajo": "Labuan Bajo, Kabupaten Manggarai Barat",
    "Mandalika": "Mandalika, Kabupaten Lombok Tengah",
    "Parapat": "Parapat, Kabupaten Simalungun",
    "Tanah Abang": "Kecamatan Tanah Abang, Kota Administrasi Jakarta Pusat",
    "Kelapa Gading": "Kecamatan Kelapa Gading, Kota Administrasi Jakarta Utara",
    "Pasar Minggu": "Kecamatan Pasar Minggu, Kota Administrasi Jakarta Selatan",
    "Senayan": "Senayan, Kota Administrasi Jakarta Selatan",
}

# Bare region names that the data does not flag but that are ordinary words, frequent
# given names or names of other things in news text (checked by hand):
#   common words: Malang (unlucky), Buru (hunt), Landak (porcupine), Lebak, Pati
#   (essence; also pati = perwira tinggi), Batu, Kota Baru-like phrases, Metro
#   (Polda Metro Jaya, Metro TV), Lingga, Tegal (field), Asahan, Kampar (scattered),
#   Berau, Muna, Siak, Kaur, Alor, Ende, Belu, Sigi, Toba (lake), Nias (island),
#   Bangka/Belitung (islands), Kapuas (river), Empat Lawang (empat);
#   person names: Bima, Agam, Intan Jaya (Intan), Lanny Jaya, Kudus (Roh Kudus),
#   Ngada, Dairi, Sabang (Sabang-Merauke = the whole country), Malaka (Melaka).
EXTRA_AMBIGUOUS = {
    "Malang", "Buru", "Landak", "Lebak", "Pati", "Batu", "Metro", "Lingga", "Tegal",
    "Asahan", "Kampar", "Berau", "Muna", "Siak", "Kaur", "Alor", "Ende", "Belu", "Sigi",
    "Toba", "Nias", "Bangka", "Belitung", "Kapuas", "Empat Lawang", "Bima",
    "Agam", "Intan Jaya", "Lanny Jaya", "Kudus", "Ngada", "Dairi", "Sabang", "Malaka",
    "Puncak", "Solo", "Banjar", "Bone", "Medan", "Serang", "Paser", "Tapin", "Mura",
    "Muba", "Madina", "Minut", "Aru", "Sula", "Biak",
}


# Words that place names carry as a qualifier ("Kluet Utara", "Tanjung Priok"). They
# are common words, but a kecamatan name made of one of them plus a distinctive word is
# not confusable with ordinary text, so they do not disqualify a name on their own.
GEO_QUALIFIERS = {
    "utara", "selatan", "barat", "timur", "tengah", "tenggara", "barat daya", "laut",
    "darat", "hulu", "hilir", "ilir", "ulu", "baru", "lama", "raya", "besar", "kecil",
    "atas", "bawah", "dalam", "luar", "kota", "pulau", "kepulauan", "gunung", "sungai",
    "tanjung", "teluk", "muara", "bukit", "danau", "air", "batu", "tanah", "kampung",
    "pasar", "pantai", "rawa", "ujung", "bandar", "kuala", "daya", "seberang", "jaya",
    "induk", "pesisir", "lembah", "padang", "tanjung", "labuhan", "kep.", "gn.",
}

# Abbreviations inside wilayah names, expanded for the surface forms.
NAME_ABBREVIATIONS = {"Kep.": "Kepulauan", "Gn.": "Gunung"}

DAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
MONTHS = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
    "september", "oktober", "november", "desember", "jan", "feb", "mar", "apr", "jun",
    "jul", "agu", "agt", "ags", "sep", "sept", "okt", "nov", "nop", "des",
    "january", "february", "march", "may", "june", "july", "august", "october",
    "december",
}

# Tokens the data rules let through into person_given_names.txt that are not given
# names: English words and titles that begin DBpedia names of bands, works and royals
# (Led Zeppelin, Pink Floyd, Queen, Lady Gaga, Infanta, Permaisuri), common words the
# NER splits tag inside PER spans by mistake (Syukuran, Buyut, Farma), and fragments.
# Checked by hand on the generated list.
GIVEN_NAME_BLOCK = {
    "After", "Baby", "Christ", "Council", "Creation", "Diva", "Farma", "Fiesta", "Fla",
    "Infanta", "Kanjeng", "Lady", "Led", "Love", "Malevolent", "Napalm", "New", "Oh",
    "One", "Papa", "Pengiran", "Permaisuri", "Pink", "Queen", "Sh", "Slovak", "Speed",
    "Sr", "Super", "Swift", "Syukuran", "Buyut", "Warta", "White", "Zeppelin",
    "Jokowi-JK", "Jokowi-Kalla", "Cecobaian",
}

# NER training splits only (never the test splits).
NER_TRAIN_FILES = [
    ("ner/idner-news-2k/train.txt", " "),
    ("ner/idner-news-2k/dev.txt", " "),
    ("ner/nergrit/train_preprocess.txt", "\t"),
    ("ner/nergrit/valid_preprocess.txt", "\t"),
]
# The splits whose entity surfaces become gazetteers/ner_train.tsv: the TRAIN splits
# only, so that the dev splits (idner dev, nergrit valid) still measure generalization.
NER_SURFACE_FILES = [
    ("ner/idner-news-2k/train.txt", " "),
    ("ner/nergrit/train_preprocess.txt", "\t"),
]
# Hand-written cue lists whose entries a generated list must not contradict.
HAND_LISTS = [
    "offices.txt", "honorifics.txt", "role_prefixes.txt", "org_heads.txt",
    "fac_heads.txt", "event_heads.txt", "loc_heads.txt", "law_kinds.tsv", "days.txt",
    "months.tsv",
]
NER_LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANISATION": "ORG",
              "LOC": "LOC", "PLACE": "LOC"}

def is_word(tok: str) -> bool:
    """Letters, with inner ' or - (Jum'at, Jean-Marie)."""
    return bool(tok) and tok[0].isalpha() and all(c.isalpha() or c in "'-" for c in tok)


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------

def read_csv(path: Path) -> list[dict]:
    """Rows of a wilayah CSV (CRLF, header kode,nama[,kode_induk,nama_induk]), stripped."""
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: " ".join(v.split()) for k, v in row.items()} for row in csv.DictReader(f)]


def read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a list file (which must exist)."""
    if not path.exists():
        sys.exit(f"build_gazetteers: missing input {path}")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def read_tsv_surfaces(path: Path) -> list[str]:
    return [line.split("\t")[0] for line in read_lines(path)]


class Ner:
    """Token statistics of the NER training splits.

    `lowercase` is every token seen in lowercase. `common` is the stricter set used to
    call a word "common": seen lowercase with tag O at least twice, or at least as often
    as it is tagged as (part of) an entity in any case. The corpora hold a few
    lowercased sentences ("... di bali ...", "manado"), so a single lowercase sighting of
    a place name must not make it a common word, while "puncak", "batang", "medan",
    "tanah" are.
    """

    def __init__(self, data: Path):
        self.lowercase = set()            # tokens seen in lowercase
        lower_o: Counter = Counter()      # lowercase token -> times tagged O
        entity: Counter = Counter()       # lowercased token -> times tagged as entity
        self.label_counts = defaultdict(Counter)  # token -> Counter(PER/ORG/LOC/O)
        self.per_spans = set()            # whole PER spans, lowercased
        # Runs of two or three lowercase O tokens in a row (`batu bara`, `tanah air`): a multi-word place
        # name whose words are all common is a common phrase only if it is written as one in lowercase.
        self.lower_phrases = set()
        for rel, sep in NER_TRAIN_FILES:
            span: list[str] = []
            run: list[str] = []
            for line in (data / rel).read_text(encoding="utf-8").splitlines():
                parts = line.strip().split(sep)
                if len(parts) < 2 or not parts[0]:
                    if span:
                        self.per_spans.add(" ".join(span).lower())
                    span = []
                    run = []
                    continue
                tok, tag = parts[0].strip(), parts[-1].strip()
                label = "O" if tag == "O" else NER_LABELS[tag.split("-", 1)[1]]
                if tok.islower() and label == "O":
                    run = (run + [tok])[-3:]
                    for n in (2, 3):
                        if len(run) >= n:
                            self.lower_phrases.add(" ".join(run[-n:]))
                else:
                    run = []
                if tok.islower():
                    self.lowercase.add(tok)
                    if label == "O":
                        lower_o[tok] += 1
                if label != "O":
                    entity[tok.lower()] += 1
                self.label_counts[tok][label] += 1
                if label == "PER" and (tag.startswith("I-") and span):
                    span.append(tok)
                else:
                    if span:
                        self.per_spans.add(" ".join(span).lower())
                    span = [tok] if label == "PER" else []
            if span:
                self.per_spans.add(" ".join(span).lower())
        self.per_tokens = {t.lower() for t, c in self.label_counts.items() if c["PER"]}
        self.common = {w for w, n in lower_o.items() if n >= 2 or n >= entity[w]}


class Inputs:
    """Everything the generators read, loaded once."""

    def __init__(self, data: Path, out: Path):
        self.data = data
        wil = data / "wilayah"
        self.provinces = read_csv(wil / "provinsi.csv")
        self.regencies = read_csv(wil / "kabupaten_kota.csv")
        self.districts = read_csv(wil / "kecamatan.csv")
        self.stopwords = set(read_lines(data / "stopwords-id" / "stopwords-id.txt"))
        self.ner = Ner(data)
        self.common = self.stopwords | self.ner.common
        persons = read_lines(data / "names-dbpedia" / "person.txt")
        self.dbpedia_persons = persons
        self.dbpedia_person_set = {p.lower() for p in persons}
        self.dbpedia_person_tokens = Counter(t.lower() for p in persons for t in p.split())
        self.dbpedia_first_tokens = Counter(p.split()[0] for p in persons if p.split())
        lists = out / "lists"
        self.offices = {e.lower() for e in read_lines(lists / "offices.txt")}
        self.honorifics = {e.lower() for e in read_lines(lists / "honorifics.txt")}
        self.role_prefixes = {e.lower() for e in read_lines(lists / "role_prefixes.txt")}
        # first words of every hand-written cue list entry (tab-separated keys too)
        self.head_first_words = set()
        for name in HAND_LISTS:
            for entry in read_lines(lists / name):
                self.head_first_words.add(entry.split("\t")[0].split()[0].lower())
        gaz = out / "gazetteers"
        self.countries = set(read_tsv_surfaces(gaz / "countries.tsv"))
        self.institutions = set(read_tsv_surfaces(gaz / "institutions.tsv"))


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------

# Compass and position words after an island's name in a province name (Jawa Barat, Papua Barat Daya).
ISLAND_QUALIFIERS = {"Utara", "Barat", "Selatan", "Timur", "Tengah", "Tenggara", "Daya", "Pegunungan"}


# Indonesian compass words after a place's name and the English word that comes before it (English forms).
ENGLISH_COMPASS = {"Utara": "North", "Selatan": "South", "Timur": "East", "Barat": "West", "Tengah": "Central",
                   "Pusat": "Central", "Tenggara": "Southeast", "Barat Daya": "Southwest", "Barat Laut": "Northwest",
                   "Timur Laut": "Northeast"}
# Island names written otherwise in English.
ENGLISH_ISLANDS = {"Jawa": "Java", "Sumatera": "Sumatra"}


def bare_regency(name: str) -> tuple[str, str]:
    """("Kabupaten"|"Kota", bare name) of a wilayah regency/city name."""
    kind, rest = name.split(" ", 1)
    if rest.startswith("Administrasi "):
        rest = rest[len("Administrasi "):]
    return kind, rest


def expand_abbreviations(name: str) -> str:
    return " ".join(NAME_ABBREVIATIONS.get(w, w) for w in name.split())


def build_regions(inp: Inputs) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """Rows (surface, LOC, norm) for provinces and regencies/cities, and the bare names.

    Priority when one surface could mean two places: province > kabupaten > kota
    (Gorontalo, Bengkulu, Jambi, Yogyakarta are provinces when bare; Bogor, Bekasi,
    Sorong, ... are the kabupaten when bare, as the task contract says).
    Returns the rows and a dict bare name -> norm (for districts and ambiguity checks).
    """
    surfaces: dict[str, tuple[int, str]] = {}  # surface -> (priority, norm)

    def add(surface: str, norm: str, prio: int) -> None:
        old = surfaces.get(surface)
        if old is None or prio < old[0]:
            surfaces[surface] = (prio, norm)

    bare_names: set[str] = set()

    def add_bare(name: str, norm: str, prio: int) -> None:
        add(name, norm, prio)
        bare_names.add(name)

    province_names = {p["nama"] for p in inp.provinces}
    for p in inp.provinces:
        name = p["nama"]
        norm = PROVINCE_NORM.get(name, name)
        for form in [name] + PROVINCE_ALIASES.get(name, []):
            # The clarified ANNOTATION.md keeps an administrative prefix written as part of the
            # name (`Provinsi Lampung` is the LOC, inside `Bawaslu Provinsi Lampung` too).
            add_bare(form, norm, 0)
            for pre in ("Provinsi", "Prov.", "Prov"):
                add(f"{pre} {form}", norm, 0)
    unknown = set(PROVINCE_ALIASES) - province_names
    assert not unknown, f"PROVINCE_ALIASES names unknown provinces: {unknown}"
    # Island groups: the name two or more provinces share before a compass or position word
    # (Jawa of Jawa Barat/Tengah/Timur, Sumatera/Sumatra, Kalimantan, Sulawesi, Nusa Tenggara).
    # They are geographic places (ANNOTATION.md LOC) that no province is named bare; a
    # province of the same name (Papua, Maluku) keeps its surface. Norm empty: no wilayah row.
    bases: Counter = Counter()
    for p in inp.provinces:
        for form in [p["nama"]] + PROVINCE_ALIASES.get(p["nama"], []):
            words = form.split()
            i = len(words)
            if i > 2 and words[-1] == "Daya":  # Papua Barat Daya
                i -= 1
            if i > 1 and words[i - 1] in ISLAND_QUALIFIERS:
                i -= 1
            if 0 < i < len(words):
                bases[" ".join(words[:i])] += 1
    for base, n in sorted(bases.items()):
        if n >= 2 and base not in surfaces:
            add_bare(base, "", 3)
            log(f"regions.tsv: island group {base!r} ({n} provinces)")

    regency_names = {r["nama"] for r in inp.regencies}
    unknown = (set(REGENCY_SPELLINGS) | set(REGENCY_ABBREVIATIONS)) - regency_names
    assert not unknown, f"regency aliases name unknown regencies: {unknown}"

    for r in inp.regencies:
        official = r["nama"]
        kind, name = bare_regency(official)
        prio = 1 if kind == "Kabupaten" else 2
        names = [name, expand_abbreviations(name)] + REGENCY_SPELLINGS.get(official, [])
        for n in dict.fromkeys(names):  # ordered, unique
            add_bare(n, official, prio)
            if kind == "Kabupaten":
                for pre in ("Kabupaten", "Kab.", "Kab"):
                    add(f"{pre} {n}", official, prio)
            else:
                add(f"Kota {n}", official, prio)
        add(official, official, prio)  # "Kota Administrasi Jakarta Pusat"
        for abbr in REGENCY_ABBREVIATIONS.get(official, []):
            if kind == "Kabupaten":
                for pre in ("Kabupaten", "Kab.", "Kab"):
                    add(f"{pre} {abbr}", official, prio)
            else:
                add(f"Kota {abbr}", official, prio)
            if abbr in inp.institutions:  # OKI is also Organisasi Kerja Sama Islam
                log(f"regions.tsv: bare {abbr!r} left to institutions.tsv")
                continue
            add_bare(abbr, official, prio)

    # English forms for English-language outlets (issue 20, fifth round): a compass word after the name comes
    # first in English (`Kolaka Timur` -> `East Kolaka`, `Sulawesi Tenggara` -> `Southeast Sulawesi`, `Jakarta
    # Pusat` -> `Central Jakarta`), the islands in their English spelling, and a regency or city may carry its
    # English kind after the name (`East Kolaka Regency`, `Kendari City`, `Southeast Sulawesi Province`).
    def english_form(name: str) -> str | None:
        words = name.split()
        for n in (2, 1):
            tail = " ".join(words[-n:])
            if len(words) > n and tail in ENGLISH_COMPASS:
                base = " ".join(ENGLISH_ISLANDS.get(w, w) for w in words[:-n])
                return f"{ENGLISH_COMPASS[tail]} {base}"
        return None
    for p in inp.provinces:
        norm = PROVINCE_NORM.get(p["nama"], p["nama"])
        en = english_form(p["nama"])
        if en:
            for form in (en, f"{en} Province"):
                add(form, norm, 1)
    for r in inp.regencies:
        kind, name = bare_regency(r["nama"])
        en = english_form(name) or name
        suffix = "Regency" if kind == "Kabupaten" else "City"
        # (capitalized only: in `Bone Bolango regency` the place is `Bone Bolango`, as dev's and dev2's gold read it)
        add(f"{en} {suffix}", r["nama"], 1)
        if en != name:
            add(en, r["nama"], 2 if kind == "Kabupaten" else 3)

    # Regency groups: the name three or more regencies share before a compass or position word (Hulu Sungai
    # of Hulu Sungai Selatan/Tengah/Utara, Halmahera, Barito, Sumba): a region the regional press names bare
    # (issue 20, fifth round). Not one that is a place already or a common word. Norm empty, as for islands.
    groups: Counter = Counter()
    for r in inp.regencies:
        kind, name = bare_regency(r["nama"])
        words = name.split()
        i = len(words)
        if i > 2 and words[-1] == "Daya":  # Sumba Barat Daya
            i -= 1
        if i > 1 and words[i - 1] in ISLAND_QUALIFIERS:
            groups[" ".join(words[:i - 1])] += 1
    for base, n in sorted(groups.items()):
        if n >= 3 and base not in surfaces and base.lower() not in inp.common:
            add_bare(base, "", 3)
            log(f"regions.tsv: regency group {base!r} ({n} regencies)")

    bare = {name: surfaces[name][1] for name in bare_names}
    # ALL-CAPS dateline forms of the bare names ("MIMIKA - ...", "JAKARTA, KOMPAS.com").
    for name, norm in sorted(bare.items()):
        upper = name.upper()
        if upper != name and upper not in inp.institutions:
            add(upper, norm, surfaces[name][0])

    rows = sorted((s, "LOC", n) for s, (_, n) in surfaces.items())
    log(f"regions.tsv: {len(rows)} rows, {len(bare)} bare names")
    return rows, bare


# ---------------------------------------------------------------------------
# Districts
# ---------------------------------------------------------------------------

def district_variants(name: str) -> list[str]:
    """Surface forms of one wilayah kecamatan name.

    "Wari/Taiyeve II" holds two names; "Misool (Misool Utara)" a name and its other
    name; "Kep." and "Gn." are written out in news.
    """
    parts = []
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if m:
        parts = [m.group(1), m.group(2)]
    elif "/" in name:
        parts = [p.strip() for p in name.split("/")]
    else:
        parts = [name]
    out = []
    for p in parts:
        out.append(p)
        out.append(expand_abbreviations(p))
    return list(dict.fromkeys(x for x in out if x))


def district_drop_reason(name: str, inp: Inputs, parents: set[str],
                         region_lower: set[str]) -> str | None:
    """Why the bare kecamatan name must not be matched on its own, or None to keep it.

    The checks run in this order and the first that applies is the reason counted.
    """
    low = name.lower()
    words = low.replace("-", " ").split()
    if len(parents) > 1:
        return "ambiguous: same name in several regencies"
    if low in region_lower:
        return "equals a province/regency/city name"
    if name in inp.institutions or name in inp.countries:
        return "equals an institution or country name"
    if len(words) == 1 and len(name) < 5:
        return "one word shorter than 5 letters"
    if low in inp.common:
        return "is a common word"
    # (issue 20, sixth round) a word that opens an office, body or venue of the hand-written cue lists
    # (Pendopo, Bendahara): `Pendopo Kabupaten ...` and `Bendahara Desa` are no kecamatan
    if len(words) == 1 and low in inp.head_first_words:
        return "is the first word of a hand-written cue list entry"
    distinctive = [w for w in words if w not in GEO_QUALIFIERS]
    if not distinctive:
        return "only qualifier words (Kota Baru, Tanjung Raya)"
    if any(w in inp.common for w in distinctive):
        return "contains a common word"
    if low in inp.dbpedia_person_set or low in inp.ner.per_spans:
        return "is a person name (DBpedia / NER PER)"
    if any(w in inp.ner.per_tokens for w in distinctive):
        return "contains a NER PER token"
    if len(words) == 1 and inp.dbpedia_person_tokens[low] >= 3:
        return "one word that is a frequent DBpedia person-name token"
    return None


def build_districts(inp: Inputs, region_bare: dict[str, str]) -> list[tuple[str, str, str]]:
    """Rows for kecamatan: prefixed forms always, bare forms only when unambiguous.

    Norm = "Kecamatan NAME, PARENT"; empty when the name exists under several parents
    (then only the prefixed forms are emitted, and the tagger cannot know which one).
    """
    parents_of: dict[str, set[str]] = defaultdict(set)
    for d in inp.districts:
        for v in district_variants(d["nama"]):
            parents_of[v].add(d["nama_induk"])

    region_lower = {b.lower() for b in region_bare}
    rows: dict[str, str] = {}
    reasons: Counter = Counter()
    kept = 0
    for d in sorted(inp.districts, key=lambda d: d["kode"]):
        for v in district_variants(d["nama"]):
            parents = parents_of[v]
            norm = f"Kecamatan {d['nama']}, {d['nama_induk']}" if len(parents) == 1 else ""
            for pre in ("Kecamatan", "Kec."):
                rows[f"{pre} {v}"] = norm
            reason = district_drop_reason(v, inp, parents, region_lower)
            if reason:
                reasons[reason] += 1
            else:
                rows[v] = norm
                kept += 1
    for name, norm in LOCALITIES.items():
        rows[name] = norm
    # ALL-CAPS dateline forms of the bare names kept ("PELAIHARI - ...", "LHOKSUKON - ..."), as regions.tsv has
    # them: an all-caps dateline word that names a kecamatan is the place, not an outlet (issue 20, ninth round).
    upper_forms = 0
    for name, norm in sorted(rows.items()):
        if name.startswith(("Kecamatan ", "Kec. ")):
            continue
        upper = name.upper()
        if upper != name and upper not in rows and upper not in inp.institutions:
            rows[upper] = norm
            upper_forms += 1
    log(f"districts.tsv: {len(inp.districts)} kecamatan; bare name forms kept {kept} "
        f"(+{len(LOCALITIES)} hand-written localities, +{upper_forms} ALL-CAPS forms), dropped:")
    for reason, n in reasons.most_common():
        log(f"  {n:5d}  {reason}")
    return sorted((s, "LOC", n) for s, n in rows.items())


def ambiguous_places(inp: Inputs, region_bare: dict[str, str]) -> list[str]:
    """Bare region names that are also common words or person names.

    Data rule: the name is a common word, all its words are common words and the NER
    training text writes the name in lowercase as a phrase, it is a
    token tagged PER more often than LOC in the NER training splits, it begins >= 3
    DBpedia person names or is one; plus EXTRA_AMBIGUOUS.
    """
    out = set(n for n in EXTRA_AMBIGUOUS if n in region_bare)
    unknown = EXTRA_AMBIGUOUS - set(region_bare)
    assert not unknown, f"EXTRA_AMBIGUOUS names unknown places: {unknown}"
    for name in region_bare:
        low = name.lower()
        words = low.split()
        if name.isupper():
            continue
        labels = Counter()
        for form in (name, low, name.upper()):
            labels.update(inp.ner.label_counts.get(form, {}))
        # (a name of common words only when the lowercase phrase is written too: `batu bara`, not `tanah
        # laut`, which news writes capitalized only as the regency; issue 20, ninth round)
        if (low in inp.common
                or (len(words) > 1 and all(w in inp.common for w in words) and low in inp.ner.lower_phrases)
                or labels["PER"] > labels["LOC"]
                or inp.dbpedia_first_tokens[name] >= 3
                or low in inp.dbpedia_person_set):
            out.add(name)
    return sorted(out)


# ---------------------------------------------------------------------------
# Word lists learnt from the NER training splits
# ---------------------------------------------------------------------------

def is_capitalised(tok: str) -> bool:
    return is_word(tok) and tok[0].isupper()


ROMAN_RE = re.compile(r"^[IVXLC]+$")


def build_not_names(inp: Inputs, region_bare: dict[str, str]) -> list[str]:
    """Capitalised tokens that are O in >= 90% of >= 3 capitalised occurrences, plus
    the stopwords capitalised.

    Removed from the learnt part: ALL-CAPS tokens (acronyms are names or heads: PDAM,
    POM), Roman numerals and single letters (parts of names: "Paulus II"), and tokens
    that occur in >= 3 DBpedia person names (Ramon, Perdana, Bakar: the NERGrit tags
    miss some names). Removed from both parts: the first word of every entry of the
    hand lists (offices, honorifics, role prefixes, ORG/FAC/EVENT/LOC heads, law kinds,
    days, months: "Juru" of "Juru Bicara", "Partai", "Piala", "Senin") and every
    single-token gazetteer surface (a place or institution is a name).
    """
    by_form: dict[str, Counter] = defaultdict(Counter)  # capitalised form -> labels
    for tok, labels in inp.ner.label_counts.items():
        if is_capitalised(tok):
            by_form[tok].update(labels)
    learnt = set()
    for tok, labels in by_form.items():
        total = sum(labels.values())
        if (total >= 3 and labels["O"] / total >= 0.9 and len(tok) > 1
                and not tok.isupper() and not ROMAN_RE.match(tok)
                and inp.dbpedia_person_tokens[tok.lower()] < 3):
            learnt.add(tok)
    stop = {w.capitalize() for w in inp.stopwords if is_word(w)}
    excluded = (inp.head_first_words
                | {s.lower() for s in region_bare} | {s.lower() for s in inp.countries}
                | {s.lower() for s in inp.institutions})
    out = {}
    for tok in sorted(learnt | stop):
        if tok.lower() in excluded:
            continue
        out.setdefault(tok.lower(), tok)  # one form per word, case-insensitive list
    # prefer the capitalised learnt form over an ALL-CAPS one
    result = sorted(out.values(), key=lambda t: (t.lower(), t))
    log(f"not_names.txt: {len(result)} ({len(learnt)} learnt, {len(stop)} stopwords, "
        f"before exclusions)")
    return result


def build_given_names(inp: Inputs, region_bare: dict[str, str],
                      not_names: list[str]) -> list[str]:
    """Single tokens that are strong evidence of a person name.

    (a) NER training tokens tagged PER >= 2 times, never ORG/LOC, never lowercase;
    (b) first tokens of DBpedia person names occurring >= 3 times there.
    Both minus common words (stopwords, NER lowercase vocabulary), place names of
    wilayah (provinces, regencies/cities, kecamatan), countries, offices, honorifics,
    role prefixes, the first words of the hand cue lists, day and month names, the
    not_names list and GIVEN_NAME_BLOCK.
    """
    places = {b.lower() for b in region_bare} | {s.lower() for s in inp.countries}
    for d in inp.districts:
        places.update(v.lower() for v in district_variants(d["nama"]))
    blocked = (inp.stopwords | inp.ner.lowercase | places | inp.offices | inp.honorifics
               | inp.role_prefixes | inp.head_first_words
               | DAYS | MONTHS | {n.lower() for n in not_names}
               | {s.lower() for s in inp.institutions}
               | {b.lower() for b in GIVEN_NAME_BLOCK})

    def ok(tok: str) -> bool:
        return is_capitalised(tok) and len(tok) >= 2 and not tok.isupper() \
            and tok.lower() not in blocked

    from_ner = set()
    lower_counts: dict[str, Counter] = defaultdict(Counter)
    for tok, labels in inp.ner.label_counts.items():
        lower_counts[tok.lower()].update(labels)
    for tok, labels in inp.ner.label_counts.items():
        agg = lower_counts[tok.lower()]
        if agg["PER"] >= 2 and not agg["ORG"] and not agg["LOC"] and ok(tok) \
                and tok.lower() not in inp.ner.lowercase:
            from_ner.add(tok)

    from_dbp = {t for t, c in inp.dbpedia_first_tokens.items() if c >= 3 and ok(t)}

    out = {}
    for tok in sorted(from_ner | from_dbp):
        out.setdefault(tok.lower(), tok)
    result = sorted(out.values(), key=lambda t: (t.lower(), t))
    log(f"person_given_names.txt: {len(result)} (NER {len(from_ner)}, "
        f"DBpedia first tokens {len(from_dbp)})")
    return result


# ---------------------------------------------------------------------------
# Entity surfaces learnt from the NER training splits (ner_train.tsv)
# ---------------------------------------------------------------------------

NER_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def read_ner_sentences(path: Path, sep: str) -> list[tuple[list[str], list[str]]]:
    sentences, toks, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split(sep)
        if len(parts) < 2 or not parts[0].strip():
            if toks:
                sentences.append((toks, tags))
            toks, tags = [], []
            continue
        toks.append(parts[0].strip())
        tags.append(parts[-1].strip())
    if toks:
        sentences.append((toks, tags))
    return sentences


# First words of the NER sets' LOC entries that ANNOTATION.md types as a body or a venue (see build_ner_surfaces).
# Hand-written: courts and prosecutors (ORG) and buildings (FAC); not schools, streets, airports or parks,
# which the NER evaluation scores as places too.
NER_BODY_OR_BUILDING_HEADS = {"Pengadilan", "Mahkamah", "Kejaksaan", "Hotel", "Gedung", "Kantor"}
# Street words (issue 20, seventh round): the NER sets tag streets as places (`Jalan Imam Bonjol`), ANNOTATION.md
# makes them FAC, which fac.head-name finds (and eval_ner scores a FAC as LOC); a street kept here as a LOC
# came out as a place in real articles and joined the body before it (`Pemda Jalan Imam Bonjol` as one ORG).
NER_STREET_HEADS = {"Jalan", "Jl", "Jl.", "Jln", "Jln."}


def build_ner_surfaces(inp: Inputs, region_bare: dict[str, str],
                       not_names: list[str]) -> list[tuple[str, str, str]]:
    """Entity surfaces of the NER TRAIN splits that are tagged consistently.

    A surface (the tokens of one B-/I- span, joined by spaces) is kept when
      - it was tagged as its best type at least twice, or once when it has two or more tokens
        or when that one tagged occurrence is the only time the word occurs in train;
      - wherever the same token sequence occurs in the train text, it is that exact entity of
        that type in >= 60% of the occurrences (so `Israel`, left O in most idner sentences,
        or `Jokowi-JK`, are not kept; idner and nergrit disagree on schools and clubs);
      - it starts with a capital letter or digit-free acronym, is not a single common or cue
        word (stopwords, not_names, offices/honorifics/heads, days, months), and is not a
        single letter;
      - it does not contradict the hand-written data: a surface that regions.tsv,
        countries.tsv or institutions.tsv types differently is left to them.
    This is training in the ordinary sense (memorising the training entities); the test
    splits are never read, and neither are the dev splits (idner dev, nergrit valid).
    """
    sentences = []
    for rel, sep in NER_SURFACE_FILES:
        sentences += read_ner_sentences(inp.data / rel, sep)
    tagged: dict[str, Counter] = defaultdict(Counter)
    for toks, tags in sentences:
        cur = None
        for i, tag in enumerate(tags + ["O"]):
            bio, _, lab = tag.partition("-")
            typ = NER_TYPES.get(NER_LABELS.get(lab, ""), None) if tag != "O" else None
            if cur and not (bio == "I" and typ == cur[0]):
                tagged[" ".join(toks[cur[1]:i])][cur[0]] += 1
                cur = None
            if typ and cur is None:
                cur = (typ, i)
    # occurrences of every candidate surface as a token sequence, tagged or not
    cand = {s: c for s, c in tagged.items()}
    lengths = {len(s.split()) for s in cand}
    occ: Counter = Counter()
    for toks, _ in sentences:
        for n in lengths:
            for i in range(len(toks) - n + 1):
                g = " ".join(toks[i:i + n])
                if g in cand:
                    occ[g] += 1
    hand = {}
    for surf in inp.countries:
        hand[surf] = "LOC"
    for surf in region_bare:
        hand[surf] = "LOC"
    for surf in inp.institutions:
        hand[surf] = "ORG"
    blocked = ({w.lower() for w in not_names} | inp.stopwords | inp.offices | inp.honorifics
               | inp.role_prefixes | inp.head_first_words | DAYS | MONTHS | inp.ner.common)
    rows, dropped = [], Counter()
    for surf, counts in cand.items():
        typ, n = counts.most_common(1)[0]
        words = surf.split()
        if n < 2 and len(words) < 2 and occ[surf] > 1:
            dropped["seen once"] += 1
            continue
        if n < 0.6 * max(occ[surf], 1):
            dropped["mostly not this entity"] += 1
            continue
        if not (words[0][0].isupper() or words[0][0].isdigit()) or not any(c.isalpha() for c in surf):
            dropped["not capitalised"] += 1
            continue
        if len(words) == 1 and (surf.lower() in blocked or len(surf) < 2):
            dropped["common or cue word"] += 1
            continue
        if "(" in surf or ")" in surf or words[0] in ("Provinsi", "Prov", "Prov."):
            # idner puts a defined acronym inside the span (`Uni Eropa (EU)`) and nergrit the
            # word `Provinsi`; ANNOTATION.md does neither.
            dropped["convention differs from ANNOTATION.md"] += 1
            continue
        if typ == "LOC" and len(words) > 1 and words[0] in NER_BODY_OR_BUILDING_HEADS | NER_STREET_HEADS:
            # idner and nergrit tag courts, prosecutors' offices and buildings as places (`Hotel Santika`,
            # `Pengadilan Tipikor`); ANNOTATION.md makes them ORG and FAC, which the head rules find, and a
            # LOC of them chains with the place after it (`Pengadilan Tipikor Ambon` as one LOC; issue 20,
            # fifth round).
            dropped["convention differs from ANNOTATION.md"] += 1
            continue
        if surf in hand and hand[surf] != typ:
            dropped["contradicts hand data"] += 1
            continue
        if surf in hand:
            dropped["already in hand data"] += 1
            continue
        rows.append((" ".join(surf.split()), typ, ""))
    log(f"ner_train.tsv: {len(rows)} surfaces; dropped {dict(dropped)}")
    return sorted(set(rows))


def build_dbpedia_places(inp: Inputs, region_bare: dict[str, str],
                         not_names: list[str]) -> list[tuple[str, str, str]]:
    """LOC surfaces from names-dbpedia/place.txt (world cities, regions, rivers, islands).

    Only entries without a comma (the comma ones are "Village, District, Regency" paths) are
    read. Dropped: entries whose first word is a head of a FAC/ORG/EVENT cue list (Bandar Udara,
    Museum, Stadion, Universitas: ANNOTATION.md makes airports and venues FAC), entries with a
    word that is a common word (stopwords, NER lowercase vocabulary; place qualifiers such as
    Utara/Selatan do not count), single words that are person-name tokens (DBpedia person names,
    NER PER tokens, the given-name list), not_names, offices, entries already in the
    hand-written or regional gazetteers, and entries with digits or odd characters (the
    re-encoding left `?` for lost letters).
    """
    heads = set()
    for name in ("fac_heads.txt", "org_heads.txt", "event_heads.txt"):
        for entry in read_lines(REPO / "pipelines" / "lists" / name):
            heads.add(entry.split()[0].lower())
    blocked = ({w.lower() for w in not_names} | inp.offices | inp.honorifics | inp.role_prefixes
               | DAYS | MONTHS)
    known = set(inp.countries) | set(region_bare) | set(inp.institutions)
    rows, dropped = [], Counter()
    for name in read_lines(inp.data / "names-dbpedia" / "place.txt"):
        name = " ".join(name.split())
        words = name.split()
        if "," in name or not words:
            continue
        if not all(is_word(w) or w in ("-",) for w in words) or not words[0][0].isupper():
            dropped["digits or odd characters"] += 1
            continue
        low = [w.lower() for w in words]
        if low[0] in heads:
            dropped["FAC/ORG/EVENT head"] += 1
            continue
        if any(w in inp.common and w not in GEO_QUALIFIERS for w in low):
            dropped["common word"] += 1
            continue
        if len(words) == 1 and (low[0] in blocked or low[0] in inp.ner.per_tokens
                                or inp.dbpedia_person_tokens[low[0]] >= 1 or len(name) < 4):
            dropped["person token or cue word"] += 1
            continue
        if name in known:
            continue
        rows.append((name, "LOC", ""))
    log(f"places_dbpedia.tsv: {len(set(rows))} surfaces; dropped {dict(dropped)}")
    return sorted(set(rows))


# Words that join the parts of a personal name in lower case (Agathe Whitehead von Trapp, Ludwig
# van Beethoven, Abdullah bin Abdul Aziz): allowed inside a DBpedia person name.
NAME_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "dos", "bin",
                  "binti", "al", "el", "ibn", "ter", "zu", "y"}


# First words of competitions listed among DBpedia's organisations (La Liga, Ligue 1, Liga Indonesia).
LEAGUE_WORDS = {"la", "liga", "ligue", "league", "serie", "divisi", "kejuaraan", "piala"}


def build_dbpedia_names(inp: Inputs, region_bare: dict[str, str], not_names: list[str],
                        places: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """PERSON and ORG surfaces from names-dbpedia/person.txt and organization.txt.

    Persons: whole names of two words or more, every word capitalized (lower-case name particles
    such as van/bin between them) and of letters (initials with a dot allowed), no common word,
    no office, honorific or cue word. A single word is never taken: one word of a name (Date,
    Hole, Jasper) is too often a common word or another thing's name. Entries with a parenthesis
    (`Anthrax (band)`: disambiguated titles, often not persons) are dropped.
    Organisations: names of two words or more whose words are capitalized, digits or joiners, and
    one-word names in capitals (acronyms) of three letters or more that are not common words,
    person or place tokens; a name also listed as a person or a place is left out (ambiguous).
    Entries already in the hand-written or regional gazetteers are left out: those win.
    """
    blocked = ({w.lower() for w in not_names} | inp.offices | inp.honorifics | inp.role_prefixes
               | DAYS | MONTHS | inp.head_first_words)
    known = set(inp.countries) | set(region_bare) | set(inp.institutions) | {s for s, _, _ in places}
    person_names = set()
    rows, dropped = [], Counter()

    def initial(w: str) -> bool:
        return len(w) <= 3 and w.endswith(".") and w[:-1].isalpha() and w[0].isupper()

    for name in read_lines(inp.data / "names-dbpedia" / "person.txt"):
        name = " ".join(name.split())
        words = name.split()
        if "(" in name or "," in name or len(words) < 2:
            dropped["person: one word, comma or parenthesis"] += 1
            continue
        if not all((is_word(w) and (w[0].isupper() or w in NAME_PARTICLES)) or initial(w) for w in words) \
                or not words[0][0].isupper() or not words[-1][0].isupper():
            dropped["person: not a capitalized name"] += 1
            continue
        low = [w.lower() for w in words]
        if any((w in inp.common and w not in NAME_PARTICLES) or w in blocked for w in low if not w.endswith(".")):
            dropped["person: common or cue word"] += 1
            continue
        if name in known:
            continue
        person_names.add(name)
        rows.append((name, "PERSON", ""))
    place_names = {s for s, _, _ in places} | set(region_bare)
    org_heads = {e.split()[0].lower() for e in read_lines(REPO / "pipelines" / "lists" / "org_heads.txt")}
    for name in read_lines(inp.data / "names-dbpedia" / "organization.txt"):
        name = " ".join(name.split())
        words = name.split()
        if "(" in name or "," in name or not words or name in known or name in person_names or name in place_names:
            dropped["org: parenthesis, comma or known"] += 1
            continue
        if words[0].lower() in inp.head_first_words - org_heads or words[0].lower() in LEAGUE_WORDS:
            dropped["org: a league, cup or venue"] += 1  # La Liga, Ligue 1, Piala Dunia: competitions
            continue
        if len(words) == 1:
            w = words[0]
            if not (w.isalpha() and w.isupper() and len(w) >= 3) or w.lower() in inp.common \
                    or w.lower() in blocked or w.lower() in inp.ner.per_tokens:
                dropped["org: one word, not an acronym"] += 1
                continue
        elif not all(w[0].isupper() or w.isdigit() or w in ("dan", "&", "-", "untuk")
                     for w in words) or not all(is_word(w) or w.isdigit() or w in ("&", "-") or initial(w)
                                                for w in words):
            dropped["org: not a capitalized name"] += 1
            continue
        rows.append((name, "ORG", ""))
    log(f"names_dbpedia.tsv: {len(set(rows))} surfaces; dropped {dict(dropped)}")
    return sorted(set(rows))


NOMINALIZATION_RE = re.compile(r"^(pe|ke)[a-z]{3,}an$")


def build_nominalizations(inp: Inputs) -> list[str]:
    """Capitalized forms of the common words made by the pe-/per-/pen-/peng-...-an and ke-...-an
    nominalizations (Perhubungan, Perkebunan, Pendidikan, Kesehatan, Keuangan): the portfolio of an
    office (`Menteri Perhubungan`) or a unit's field, never the first word of a personal name. Taken
    from the words of the NER training splits, of DBpedia's organisation names and of the institutions
    gazetteer that have this form, minus any token seen in a person name (NER PER tokens, DBpedia
    person names)."""
    vocabulary = set(inp.common) | {t.lower() for t in inp.ner.label_counts}
    vocabulary |= {t.lower() for name in read_lines(inp.data / "names-dbpedia" / "organization.txt") for t in name.split()}
    vocabulary |= {t.lower() for name in inp.institutions for t in name.split()}
    words = {w for w in vocabulary if NOMINALIZATION_RE.match(w)}
    words = {w for w in words if w not in inp.ner.per_tokens and inp.dbpedia_person_tokens[w] == 0}
    result = sorted(w.capitalize() for w in words)
    log(f"nominalizations.txt: {len(result)}")
    return result


def build_sentence_common(inp: Inputs, not_names: list[str]) -> list[str]:
    """Capitalized forms of the common lower-case words of the NER TRAIN splits (seen lower-case
    and tagged O at least twice, or a stopword), that never open a personal name at the start of a
    sentence (`Produser David Heyman`, `Penumpang Rajawali Air`, `Kunjungan Solana`): a sentence's
    first word is capitalized whatever it is, so capitalization there says nothing. Left out: words
    tagged inside a PER span of the train splits (`Agung`, `Budi`, `Putri`: common words that are
    also names), words tagged as (part of) any entity more than a third as often as they are seen
    lower-case, tokens of >= 3 DBpedia person names, words of fewer than 3 letters and the entries
    of not_names.txt (already excluded everywhere). The train splits only, never dev or test."""
    lower_o: Counter = Counter()
    per: Counter = Counter()
    entity: Counter = Counter()
    for rel, sep in NER_SURFACE_FILES:
        for toks, tags in read_ner_sentences(inp.data / rel, sep):
            for tok, tag in zip(toks, tags):
                label = "O" if tag == "O" else NER_LABELS[tag.split("-", 1)[1]]
                if label == "O" and tok.islower():
                    lower_o[tok] += 1
                if label == "PER":
                    per[tok.lower()] += 1
                if label != "O":
                    entity[tok.lower()] += 1
    skip = {n.lower() for n in not_names}
    words = set()
    for w, n in lower_o.items():
        if ((n >= 2 or w in inp.stopwords) and is_word(w) and len(w) >= 3 and not per[w]
                and entity[w] * 3 <= n and inp.dbpedia_person_tokens[w] < 3 and w not in skip):
            words.add(w.capitalize())
    result = sorted(words)
    log(f"sentence_common.txt: {len(result)}")
    return result


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------

def build_portfolios(inp: Inputs) -> list[str]:
    """The capitalized words of the ministries' names in institutions.tsv (`Kementerian Agama`,
    `Kementerian Pemuda dan Olahraga`, `Kementerian Hukum dan Hak Asasi Manusia`): the portfolio
    after `Menteri` (`Menteri Agama`, `Menteri Sosial`), never the first word of a personal name.
    Left out: all-capitals words and mixed-case short names (BUMN, Bappenas, Setneg: names of
    their own), words that are themselves a gazetteer entry or a country (Indonesia), the heads
    Kementerian/Koordinator/Bidang/Badan/Sekretariat, and tokens of NER person names (Tinggi)."""
    heads = {"Kementerian", "Koordinator", "Bidang", "Badan", "Sekretariat"}
    words = set()
    for name in inp.institutions:
        if not name.startswith("Kementerian "):
            continue
        for w in re.split(r"[\s/,]+", name)[1:]:
            if w and w.isalpha() and w[0].isupper() and w[1:].islower():
                words.add(w)
    words -= heads
    words = {w for w in words if w not in inp.institutions and w not in inp.countries
             and w.lower() not in inp.ner.per_tokens and w not in {"Bappenas", "Setneg", "Imipas"}}
    result = sorted(words)
    log(f"portfolios.txt: {len(result)}")
    return result


def build_ministry_short(gaz: Path) -> list[str]:
    """The one-token short forms of the ministries in institutions.tsv (rows whose norm is a
    `Kementerian ...` name: Kemendagri, Kemenkeu, KemenPAN-RB, Bappenas), and the acronym that follows
    `Kementerian` in a two-token short form, four letters or more (PANRB in `Kementerian PANRB`, PUPR): the body a unit
    belongs to (`Ditjen Bina Keuda Kemendagri`), which ends the unit's name; the capitalized words
    after it are an officer's name (issue 20, fifth round)."""
    words = set()
    for line in (gaz / "institutions.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        surface, _type, norm = (line.split("\t") + ["", ""])[:3]
        if not norm.startswith("Kementerian "):
            continue
        parts = surface.split()
        if len(parts) == 1:
            words.add(surface)
        elif (len(parts) == 2 and parts[0] == "Kementerian" and len(parts[1]) >= 4
              and any(c.isupper() for c in parts[1][1:])):
            # (not HAM, PU, LH: words that end other names, `Hukum dan HAM`)
            words.add(parts[1])
    result = sorted(words)
    log(f"ministry_short.txt: {len(result)}")
    return result


def write_tsv(path: Path, header: str, rows: list[tuple[str, str, str]]) -> None:
    for s, t, n in rows:
        assert "\t" not in s + t + n and s == s.strip() and "  " not in s, (path, s)
    body = "".join(f"{s}\t{t}\t{n}\n" for s, t, n in rows)
    path.write_text(comment(header) + body, encoding="utf-8")


def write_list(path: Path, header: str, entries: list[str]) -> None:
    path.write_text(comment(header) + "".join(e + "\n" for e in entries), encoding="utf-8")


def comment(text: str) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in text.strip("\n").splitlines())


GENERATED = "GENERATED by scripts/build_gazetteers.py; do not edit by hand, edit the script."

REGIONS_HEADER = f"""
{GENERATED}
LOC gazetteer of Indonesian provinces (38) and regencies/cities (514).
Source: ../shared/data/wilayah (cahyadsn/wilayah, MIT; Kepmendagri 2025).
Forms: X, Provinsi X, Prov. X, Prov X (ANNOTATION.md keeps the prefix); Kabupaten X, Kab. X, Kab X, X; Kota X, X; the official
"Kota Administrasi ..." names; hand-written aliases in the script (spelling variants
such as Bandarlampung/Baubau/Palangka Raya, province abbreviations Jabar/Sulsel/NTT,
regency short forms Kukar/Sidrap/OKU used by regional outlets); ALL-CAPS forms of
every bare name for datelines ("MIMIKA -").
norm = the wilayah name of the place (Jakarta -> DKI Jakarta). A bare name shared by a
province and a regency/city is the province (Gorontalo, Bengkulu, Jambi, Yogyakarta);
shared by a Kabupaten and a Kota it is the Kabupaten (Bogor, Sorong, ...).
Island groups (Jawa, Sumatera/Sumatra, Kalimantan, Sulawesi, Nusa Tenggara): the name two or
more provinces share before a compass word; bare and ALL-CAPS, empty norm (no wilayah row).
Regency groups (Hulu Sungai, Halmahera, Barito, Sumba): the name three or more regencies share
before a compass word, the same way. English forms for English-language outlets: the compass word
first (East Kolaka, Southeast Sulawesi, Central Jakarta, West Java), and `X Regency`, `X City`,
`X Province`.
Bare names that are also common words are listed in lists/ambiguous_places.txt.
Columns: surface<TAB>TYPE<TAB>norm.
"""

DISTRICTS_HEADER = f"""
{GENERATED}
LOC gazetteer of kecamatan (districts). Source: ../shared/data/wilayah/kecamatan.csv.
"Kecamatan X" and "Kec. X" for every kecamatan (the prefix makes the span a place).
The bare name X only when it cannot be confused with ordinary words or person names;
dropped: names found under several regencies (ambiguous), names equal to a province/
regency/city name (in regions.tsv), one-word names under 5 letters, names that are
common words or contain one (stopwords-id, words seen lowercase in the NER training
splits; place qualifiers such as Utara/Baru/Tanjung do not count when the name has
another, distinctive word), person names (DBpedia person.txt, NER PER spans), names
with a PER token of the NER training splits, and one-word names that are a token of
>= 3 DBpedia person names (Bruno, Guntur, Permata).
norm = "Kecamatan NAME, PARENT" with the wilayah names; empty when the name exists under
several regencies. Names with "/" or "(...)" give one surface per alternative; "Kep."
and "Gn." are also written out.
Also a short hand-written list of towns and areas national news names by bare name
(Timika, Sofifi, IKN, Kuta, Ubud, Labuan Bajo, Tanah Abang, ...; LOCALITIES in the
script), with norm "PLACE, PARENT".
ALL-CAPS forms of every bare name (and locality) for datelines ("PELAIHARI - ...").
"""

AMBIGUOUS_HEADER = f"""
{GENERATED}
Bare names of regions.tsv (provinces, regencies/cities and their aliases) that are also
common Indonesian words (stopwords-id, words seen lowercase in the NER training splits)
or person-name tokens (NER PER tokens, DBpedia person names): Batang, Malang, Metro,
Puncak, Agam, ... They are still in regions.tsv; the tagger should want context before
trusting a bare match of these (a place prefix, "di/ke/dari", a dateline, a following
province name) and should not tag them at the start of a sentence alone.
"""

NOMINALIZATIONS_HEADER = f"""
{GENERATED}
Capitalized pe-/ke-...-an nominalizations of common words (Perhubungan, Pendidikan, Kesehatan):
the portfolio after an office (Menteri Perhubungan), never the first word of a personal name.
Source: words of this form in the NER training splits (test splits never read), DBpedia organisation
names and the institutions gazetteer, minus tokens of person names (NER PER tokens, DBpedia persons).
See build_nominalizations.
"""

PORTFOLIOS_HEADER = f"""
{GENERATED}
The capitalized words of the ministries' names in gazetteers/institutions.tsv (Agama, Sosial, Pemuda,
Olahraga, Luar, Negeri): the portfolio after an office (Menteri Agama, Menteri Pemuda dan Olahraga),
never the first word of a personal name. See build_portfolios.
"""

MINISTRY_SHORT_HEADER = f"""
{GENERATED}
The one-token short forms of the ministries in gazetteers/institutions.tsv (Kemendagri, Kemenkeu,
KemenPAN-RB) and the acronym after `Kementerian` in a two-token one (PANRB, PUPR): the body a unit
belongs to, the last word of the unit's name (`Ditjen Bina Keuda Kemendagri`). See build_ministry_short.
"""

NOT_NAMES_HEADER = f"""
{GENERATED}
Capitalised words that are not names although they appear capitalised (sentence starts,
title-case headlines): tokens of the NER training splits (idner-news-2k train+dev,
nergrit train+valid; never test) that are tagged O in >= 90% of their capitalised
occurrences and occur capitalised >= 3 times, plus every stopwords-id entry capitalised.
From the learnt part, removed: ALL-CAPS acronyms (PDAM, POM are names), Roman numerals
and single letters, and tokens of >= 3 DBpedia person names (the NERGrit tags miss some
names: Ramon, Perdana, Bakar).
From both parts, removed: the first word of every entry of the hand-written cue lists
(offices, honorifics, role_prefixes, org/fac/event/loc heads, law_kinds, days, months:
"Juru" of "Juru Bicara", "Partai", "Piala", "Senin"), and every single-token surface of
regions.tsv, countries.tsv and institutions.tsv. Speech verbs stay (Kata, Ujar,
Mengatakan are not names). Some learnt entries are titles of works the NER corpora
leave untagged (Zorro, Mazinger): harmless as "not a person".
"""

GIVEN_NAMES_HEADER = f"""
{GENERATED}
Single tokens that are strong evidence of a person name:
(a) tokens of the NER training splits (idner-news-2k train+dev, nergrit train+valid;
    never test) tagged B-/I-PER(SON) at least 2 times, never tagged ORG/LOC in any case
    form and never seen lowercase;
(b) first tokens of ../shared/data/names-dbpedia/person.txt entries that begin at least
    3 entries (many are foreign: John, Sergei, Kim).
Both minus common words (stopwords-id, NER lowercase vocabulary), wilayah place names
(provinces, regencies/cities, kecamatan), countries, institutions, offices, honorifics,
role prefixes, the first words of the hand cue lists, day/month names, not_names.txt
and a short hand-checked block list (GIVEN_NAME_BLOCK in the script: Led, Zeppelin,
Queen, Lady, Syukuran, ...); only tokens of letters (with ' or -) that are not ALL-CAPS.
Caveat: some entries are also surnames or family names (Ginting, Sitompul, Harahap,
Widodo); they are evidence of a person, not of a first name.
"""


NER_TRAIN_HEADER = f"""
{GENERATED}
PERSON/ORG/LOC surfaces learnt from the NER TRAIN splits (idner-news-2k train.txt, nergrit
train_preprocess.txt): training data used as a gazetteer, which is legitimate training
(memorising the entities of the training set), never the dev/valid or test splits.
Kept: surfaces tagged as their type >= 2 times (or once when multi-word or the word's only
occurrence in train), that are that
entity in >= 60% of the places the same token sequence occurs in train, capitalised, not a
single common or cue word, and not typed differently by regions/countries/institutions.
Caveat: the datasets' conventions differ from ANNOTATION.md (nergrit types some schools as
PLACE, idner leaves most countries used as actors O); conflicting surfaces drop out by the
60% rule or the hand-data rule. norm is empty.
Columns: surface<TAB>TYPE<TAB>norm.
"""


NAMES_HEADER = f"""
{GENERATED}
PERSON and ORG surfaces from ../shared/data/names-dbpedia/person.txt and organization.txt (Indonesian
DBpedia; noisy, filtered; see build_dbpedia_names in the script): whole person names of two words or
more, capitalized, with no common or cue word; organisation names of two words or more, capitalized,
and one-word acronyms of three capitals or more. Names also listed as a place, or already in another
gazetteer, are left out. Lowest priority: every other gazetteer and rule wins a tie.
Columns: surface<TAB>TYPE<TAB>norm.
"""

PLACES_HEADER = f"""
{GENERATED}
LOC surfaces from ../shared/data/names-dbpedia/place.txt (Indonesian DBpedia; noisy, filtered):
world cities, regions, islands, rivers written by one name (London, Teheran, Jenewa, Xinjiang).
Kept: entries without a comma, of letters only, whose first word is not a FAC/ORG/EVENT head
(airports, museums, stadiums are FAC per ANNOTATION.md), with no common word (place qualifiers
such as Utara/Selatan allowed), and, for single words, not a person-name token (DBpedia persons,
NER PER tokens), not a not_name or cue word, at least 4 letters; minus the surfaces already in
regions/countries/institutions. Lowest priority: every other gazetteer wins a tie.
Columns: surface<TAB>TYPE<TAB>norm.
"""


SENTENCE_COMMON_HEADER = f"""
{GENERATED}
Capitalized forms of common lower-case words of the NER TRAIN splits (idner-news-2k train.txt,
nergrit train_preprocess.txt; never dev or test): seen lower-case and tagged O at least twice (or a
stopwords-id entry), of 3 letters or more. The rules never start a personal name with one of them
at the start of a sentence, where every word is capitalized (`Produser David Heyman` -> `David
Heyman`). Left out: words tagged inside a PER span of the train splits (Agung, Budi, Putri), words
tagged as part of an entity more than a third as often as seen lower-case, tokens of >= 3 DBpedia
person names, and the entries of not_names.txt.
"""


GENERATED = [
    "gazetteers/regions.tsv", "gazetteers/districts.tsv", "lists/ambiguous_places.txt",
    "lists/not_names.txt", "lists/nominalizations.txt", "lists/portfolios.txt",
    "lists/ministry_short.txt", "lists/sentence_common.txt", "lists/person_given_names.txt",
    "gazetteers/places_dbpedia.tsv", "gazetteers/names_dbpedia.tsv", "gazetteers/ner_train.tsv",
]


def generate(data: Path, out: Path) -> None:
    """Writes every file of GENERATED under out from data and out's hand-written files."""
    (out / "gazetteers").mkdir(parents=True, exist_ok=True)
    (out / "lists").mkdir(parents=True, exist_ok=True)

    inp = Inputs(data, out)
    regions, region_bare = build_regions(inp)
    write_tsv(out / "gazetteers" / "regions.tsv", REGIONS_HEADER, regions)
    write_tsv(out / "gazetteers" / "districts.tsv", DISTRICTS_HEADER,
              build_districts(inp, region_bare))
    amb = ambiguous_places(inp, region_bare)
    log(f"ambiguous_places.txt: {len(amb)}")
    write_list(out / "lists" / "ambiguous_places.txt", AMBIGUOUS_HEADER, amb)
    not_names = build_not_names(inp, region_bare)
    write_list(out / "lists" / "not_names.txt", NOT_NAMES_HEADER, not_names)
    write_list(out / "lists" / "nominalizations.txt", NOMINALIZATIONS_HEADER, build_nominalizations(inp))
    write_list(out / "lists" / "portfolios.txt", PORTFOLIOS_HEADER, build_portfolios(inp))
    write_list(out / "lists" / "ministry_short.txt", MINISTRY_SHORT_HEADER, build_ministry_short(out / "gazetteers"))
    write_list(out / "lists" / "sentence_common.txt", SENTENCE_COMMON_HEADER,
               build_sentence_common(inp, not_names))
    write_list(out / "lists" / "person_given_names.txt", GIVEN_NAMES_HEADER,
               build_given_names(inp, region_bare, not_names))
    places = build_dbpedia_places(inp, region_bare, not_names)
    write_tsv(out / "gazetteers" / "places_dbpedia.tsv", PLACES_HEADER, places)
    write_tsv(out / "gazetteers" / "names_dbpedia.tsv", NAMES_HEADER,
              build_dbpedia_names(inp, region_bare, not_names, places))
    write_tsv(out / "gazetteers" / "ner_train.tsv", NER_TRAIN_HEADER,
              build_ner_surfaces(inp, region_bare, not_names))


def check(data: Path, out: Path) -> int:
    """Generates into a copy of out and names every generated file that differs from out's."""
    with tempfile.TemporaryDirectory(prefix="build_gazetteers.") as tmp:
        copy = Path(tmp) / "pipelines"
        shutil.copytree(out, copy)
        with contextlib.redirect_stderr(io.StringIO()):  # the counts of a normal run are noise here
            generate(data, copy)
        stale = [name for name in GENERATED
                 if not (out / name).is_file() or (out / name).read_bytes() != (copy / name).read_bytes()]
    for name in stale:
        print(f"{out / name}: not what scripts/build_gazetteers.py generates from its inputs; "
              f"run `python3 scripts/build_gazetteers.py` and commit the result", file=sys.stderr)
    return 1 if stale else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data",
                    help="shared data folder (relative to the repository root)")
    ap.add_argument("--out", default="pipelines",
                    help="pipelines folder (relative to the repository root)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 naming each generated file that is not what its "
                         "inputs generate (a hand-written input edited without running the script)")
    args = ap.parse_args()
    data = (REPO / args.data).resolve()
    out = (REPO / args.out).resolve()
    if args.check:
        return check(data, out)
    generate(data, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
