#!/usr/bin/env python3
"""Compares rasad's date tagger with dateparser on the seed articles.

    python3 crates/dates/compare/compare.py [--shared ../shared] [--rasad target/release/rasad]

Creates a venv in /tmp (first run only) and installs dateparser there, runs
`dateparser.search.search_dates(text, languages=['ar'])` on every seed, runs
`rasad extract` on the same files, and scores both against the gold time
expressions exactly as ../shared/tools/score does (found: a system span overlaps
an occurrence of the gold text; resolved: a hit's value matches the gold value;
unmatched system expressions are false positives unless they overlap an
optional time). Prints precision/recall/F1 and the time each took.
"""
import argparse, datetime, json, os, pathlib, subprocess, sys, time

VENV = pathlib.Path("/tmp/rasad-compare-venv")
ROOT = pathlib.Path(__file__).resolve().parents[3]


def ensure_venv():
    py = VENV / "bin" / "python"
    if pathlib.Path(sys.prefix) == VENV:
        return
    if not py.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    if subprocess.call([str(py), "-c", "import dateparser"], stderr=subprocess.DEVNULL) != 0:
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "dateparser"])
    os.execv(str(py), [str(py), __file__] + sys.argv[1:])


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


def time_match(gold, system):
    if gold is None or system is None:
        return gold is None and system is None
    g, s = str(gold), str(system)
    return g == s or s.startswith(g) or (g.startswith(s) and len(s) >= 10)


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score(gold, docs, system):
    """system: {doc: [(span, value)]} -> (found, resolved) tallies."""
    found, resolved = Tally(), Tally()
    for g in gold:
        text = docs[g["doc"]]
        sys_times = system.get(g["doc"], [])
        gold_times = [(t, spans_of(text, t["text"])) for t in g.get("times", [])]
        opt = [sp for x in g.get("optional_times", []) for sp in spans_of(text, x)]
        claimed = set()
        for t, gspans in gold_times:
            hits = [i for i, (sp, _) in enumerate(sys_times) if any(overlaps(sp, gs) for gs in gspans)]
            found.tp += bool(hits)
            found.fn += not hits
            claimed.update(hits)
            if t["value"] is not None:
                ok = any(time_match(t["value"], sys_times[i][1]) for i in hits)
                resolved.tp += ok
                resolved.fn += not ok
        for i, (sp, _) in enumerate(sys_times):
            if i not in claimed and not any(overlaps(sp, o) for o in opt):
                found.fp += 1
    return found, resolved


def run_dateparser(gold, docs):
    from dateparser.search import search_dates
    out = {}
    t0 = time.perf_counter()
    for g in gold:
        text = docs[g["doc"]]
        ref = datetime.datetime.fromisoformat(g.get("reference_date", "2019-01-01"))
        res = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": ref}) or []
        items, pos = [], 0
        for sub, dt in res:
            i = text.find(sub, pos)
            if i < 0:
                i = text.find(sub)
            if i < 0:
                continue
            pos = i + len(sub)
            value = dt.strftime("%Y-%m-%d") if (dt.hour, dt.minute) == (0, 0) else dt.strftime("%Y-%m-%dT%H:%M")
            items.append(((i, i + len(sub)), value))
        out[g["doc"]] = items
    return out, time.perf_counter() - t0


def run_rasad(binary, seeds, reference):
    t0 = time.perf_counter()
    proc = subprocess.run([str(binary), "extract", "--reference-date", reference, str(seeds)],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    out, published = {}, {}
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        out[rec["id"]] = [(tuple(t["span"]), t.get("value")) for t in rec.get("times") or []]
        published[rec["id"]] = (rec.get("published") or {}).get("value")
    return out, published, elapsed


def main():
    ensure_venv()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--rasad", default=str(ROOT / "target" / "release" / "rasad"))
    a = ap.parse_args()
    shared = pathlib.Path(a.shared)
    seeds = shared / "corpus" / "seeds"
    gold = [json.loads(l) for l in open(shared / "gold" / "seeds.jsonl", encoding="utf-8") if l.strip()]
    docs = {p.stem: p.read_bytes().decode("utf-8", "replace") for p in sorted(seeds.glob("*.txt"))}
    size = sum(len(d.encode("utf-8")) for d in docs.values())
    reference = gold[0].get("reference_date", "2019-01-01")

    rows = []
    dp, dp_time = run_dateparser(gold, docs)
    rows.append(("dateparser", *score(gold, docs, dp), dp_time))
    if pathlib.Path(a.rasad).exists():
        rs, published, rs_time = run_rasad(a.rasad, seeds, reference)
        rows.append(("rasad extract", *score(gold, docs, rs), rs_time))
        ok = sum(time_match(g["published"]["value"], published.get(g["doc"]))
                 for g in gold if g.get("published"))
        total = sum(1 for g in gold if g.get("published"))
        print(f"rasad published: {ok}/{total} right")
    else:
        print(f"({a.rasad} not built: cargo build --release -p rasad)")

    print(f"{len(docs)} documents, {size / 1024:.1f} KiB")
    print(f"{'system':15} {'found P':>8} {'R':>6} {'F1':>6}   {'resolved P':>10} {'R':>6} {'F1':>6}   {'seconds':>8} {'MB/s':>7}")
    for name, f, r, secs in rows:
        fp, fr, ff = f.prf()
        rp, rr, rf = r.prf()
        print(f"{name:15} {fp:8.3f} {fr:6.3f} {ff:6.3f}   {rp:10.3f} {rr:6.3f} {rf:6.3f}   {secs:8.3f} {size / secs / 1e6:7.2f}")
    print("(rasad extract runs the whole pipeline and process start-up; the tagger alone: cargo bench -p rasad-dates)")


if __name__ == "__main__":
    main()
