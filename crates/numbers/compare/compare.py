#!/usr/bin/env python3
"""Compare rasad-numbers with PyArabic's number extraction on the seed articles.

Installs pyarabic into a virtual environment under /tmp, runs
`pyarabic.number.detect_number_phrases_position` + `text2number` on each seed
(PyArabic reads number words only; a second row adds a plain digit regex to
it), runs rasad-numbers through its `numbers_tag` example, scores both against the gold
quantities the way `shared/tools/score` does (span overlap and the same `best`;
optional quantities and overlaps with a gold quantity of another value are not
extras), and prints precision, recall, F1 and throughput side by side.

The whole file is the body for every system (no page cleaning), so quantities
in page chrome count as extras for all of them.

Usage: python3 crates/numbers/compare/compare.py [--repeat N]
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import time
import venv

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
SHARED = REPO.parent / "shared"
VENV = pathlib.Path("/tmp/rasad-compare-venv")


def ensure_pyarabic():
    py = VENV / "bin" / "python"
    if not py.exists():
        venv.create(VENV, with_pip=True)
    ok = subprocess.run([str(py), "-c", "import pyarabic.number"], capture_output=True).returncode == 0
    if not ok:
        subprocess.run([str(py), "-m", "pip", "install", "-q", "pyarabic"], check=True)
    return py


# Runs inside the venv: prints one JSON line per doc and a timing line.
PYARABIC_RUNNER = r"""
import json, re, sys, time
import pyarabic.number as pn
paths = sys.argv[2:]
repeat = int(sys.argv[1])
WORD = re.compile(r"[^\s\"«»“”(),.،؛:!?؟]+")
DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*")

def run(text):
    toks = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    words = [t[2] for t in toks]
    out = []
    for s, e in pn.detect_number_phrases_position(words):
        phrase = " ".join(words[s:e + 1])
        try:
            v = pn.text2number(phrase)
        except Exception:
            v = None
        if v:
            out.append({"span": [toks[s][0], toks[e][1]], "text": phrase, "best": float(v)})
    return out

def digits(text):
    out = []
    for m in DIGITS.finditer(text):
        d = m.group().translate({0x0660 + i: 48 + i for i in range(10)}).translate({0x06f0 + i: 48 + i for i in range(10)})
        d = d.replace(",", "").replace("\u066c", "").replace("\u066b", ".")
        try:
            v = float(d)
        except ValueError:
            continue
        out.append({"span": [m.start(), m.end()], "text": m.group(), "best": v})
    return out

docs = [(p, open(p, encoding="utf-8").read()) for p in paths]
for p, t in docs:
    stem = p.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    print(json.dumps({"doc": stem, "words": run(t), "digits": digits(t)}, ensure_ascii=False))
start = time.perf_counter()
for _ in range(repeat):
    for _, t in docs:
        run(t)
secs = time.perf_counter() - start
print(json.dumps({"timing": {"bytes": sum(len(t.encode()) for _, t in docs) * repeat, "seconds": secs}}))
"""


def spans_of(text, needle):
    out, start = [], 0
    while needle:
        i = text.find(needle, start)
        if i < 0:
            break
        out.append((i, i + len(needle)))
        start = i + 1
    return out


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def score(gold, docs, system):
    tp = fp = fn = 0
    for g in gold:
        text = docs.get(g["doc"], "")
        gq = [(q, spans_of(text, q["text"])) for q in g.get("quantities", [])]
        opt = [sp for x in g.get("optional_quantities", []) for sp in spans_of(text, x)]
        sq = [q for q in system.get(g["doc"], []) if isinstance(q.get("span"), list)]
        claimed = set()
        for q, gspans in gq:
            hits = [i for i, s in enumerate(sq) if i not in claimed
                    and any(overlaps(tuple(s["span"]), gs) for gs in gspans) and s.get("best") == q["best"]]
            if hits:
                tp += 1
                claimed.add(hits[0])
            else:
                fn += 1
        for i, s in enumerate(sq):
            sp = tuple(s["span"])
            if i not in claimed and not any(overlaps(sp, o) for o in opt) \
                    and not any(overlaps(sp, gs) for _, spans in gq for gs in spans):
                fp += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return tp, fp, fn, p, r, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=50, help="passes over the seeds for timing")
    args = ap.parse_args()
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    gold_path = SHARED / "gold" / "seeds.jsonl"
    if not seeds or not gold_path.exists():
        print(f"note: {SHARED} not found; nothing to compare")
        return 0
    gold = [json.loads(l) for l in gold_path.read_text().splitlines() if l.strip()]
    docs = {p.stem: p.read_text(encoding="utf-8") for p in seeds}

    py = ensure_pyarabic()
    out = subprocess.run([str(py), "-c", PYARABIC_RUNNER, str(args.repeat), *map(str, seeds)],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    pa_words, pa_both, pa_timing = {}, {}, None
    for line in out:
        o = json.loads(line)
        if "timing" in o:
            pa_timing = o["timing"]
        else:
            pa_words[o["doc"]] = o["words"]
            pa_both[o["doc"]] = sorted(o["words"] + o["digits"], key=lambda q: q["span"][0])

    subprocess.run(["cargo", "build", "-q", "--release", "-p", "rasad-numbers", "--example", "numbers_tag"],
                   cwd=REPO, check=True)
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    exe = target / "release" / "examples" / "numbers_tag"
    out = subprocess.run([str(exe), "--repeat", str(args.repeat), *map(str, seeds)],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    rasad, r_timing = {}, None
    for line in out:
        o = json.loads(line)
        if "timing" in o:
            r_timing = o["timing"]
        else:
            rasad[o["doc"]] = o["quantities"]

    rows = [
        ("rasad-numbers", rasad, r_timing),
        ("pyarabic (words)", pa_words, pa_timing),
        ("pyarabic + digit regex", pa_both, None),
    ]
    print(f"{'system':<24} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6} {'MB/s':>8}")
    for name, sysq, timing in rows:
        tp, fp, fn, p, r, f = score(gold, docs, sysq)
        speed = f"{timing['bytes'] / timing['seconds'] / 1e6:8.2f}" if timing and timing["seconds"] > 0 else "       -"
        print(f"{name:<24} {tp:>4} {fp:>4} {fn:>4} {p:6.3f} {r:6.3f} {f:6.3f} {speed}")
    print("(rasad MB/s includes building the normalized text; pyarabic MB/s is its words pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
