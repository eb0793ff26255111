#!/usr/bin/env python3
"""Reads `rasad export --format parquet` back with DuckDB (a reader other than
rasad's) and checks it against rasad's own outputs of the same articles.

The repository's demo and owndev articles (corpus/demo, corpus/owndev) become
one JSON-lines input with ids and URLs; it is ingested into a fresh store and
extracted directly with the same reference date. Then:

  - events.parquet and claims.parquet have one row per event and per casualty
    claim of the extraction records (`rasad extract`), article by article;
  - reports.parquet has one row per report of `rasad export --format jsonl`
    (the incidents), with the same incident, outlet, URL and publication;
  - the joins hold: every report finds its event, every claim with an event
    finds it, and claims -> events -> reports counts each incident's claims as
    the records and the incidents do.

Run by .ci/run after the cargo tests, with DuckDB from PyPI:
    python3 bench/parquet_readback.py --rasad target/debug/rasad
Prints `N passed, M failed` and exits 1 on any failure.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = [os.path.join(HERE, "..", "corpus", c) for c in ("demo", "owndev")]
# The articles' collection date: relative dates resolve the same in ingest
# and extract.
REFERENCE_DATE = "2024-01-01"

passed, failed = 0, []


def check(name, ok, detail=""):
    global passed
    if ok:
        passed += 1
    else:
        failed.append(f"{name}: {detail}")
        print(f"FAILED {name}: {detail}", file=sys.stderr)


def articles(path):
    """The corpora's text files as JSON lines, each with an id and a URL."""
    with open(path, "w", encoding="utf-8") as out:
        for folder in CORPORA:
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".txt"):
                    continue
                stem = name[:-4]
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                row = {"id": stem, "text": text, "url": f"https://news.example/{stem}"}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


def rasad(binary, *args, out=None):
    r = subprocess.run([binary, *args], stdout=out or subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit(f"rasad {' '.join(args)} failed: {r.stderr.decode()[-2000:]}")
    return r.stdout.decode("utf-8") if out is None else None


def json_lines(text):
    # Split at "\n" only: str.splitlines also splits at U+2028 and other
    # separators that JSON strings hold unescaped.
    return [json.loads(l) for l in text.split("\n") if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rasad", default="target/debug/rasad")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(os.path.abspath(args.rasad), tmp)
    print(f"parquet read-back: {passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


def run(binary, tmp):
    src, db, pq = (os.path.join(tmp, n) for n in ("articles.jsonl", "t.db", "pq"))
    articles(src)
    rasad(binary, "ingest", "--db", db, "--reference-date", REFERENCE_DATE, src)
    records = json_lines(rasad(binary, "extract", "--reference-date", REFERENCE_DATE, src))
    records = [r for r in records if "error" not in r]
    incidents = json_lines(rasad(binary, "export", "--db", db, "--format", "jsonl"))
    rasad(binary, "export", "--db", db, "--format", "parquet", "--out", pq)
    con = duckdb.connect()
    for t in ("events", "claims", "reports"):
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{os.path.join(pq, t)}.parquet')")
    check_events(con, records)
    check_claims(con, records)
    check_reports(con, incidents)
    check_joins(con, records, incidents)


def per_article(con, table):
    rows = con.execute(f"SELECT article_id, count(*) FROM {table} GROUP BY 1").fetchall()
    return dict(rows)


def check_events(con, records):
    want = {r["id"]: len(r["events"]) for r in records if r["events"]}
    check("events per article", per_article(con, "events") == want, f"{per_article(con, 'events')} vs {want}")
    rows = con.execute("SELECT article_id, event_index, type, subtype, date, actor1, place_names FROM events").fetchall()
    by_id = {r["id"]: r for r in records}
    bad = []
    for article, i, kind, subtype, day, actor1, places in rows:
        e = by_id[article]["events"][i]
        want_actor1 = sorted({a["id"] for a in e["actors"] if a["role"] == "actor1"})
        got = (kind, subtype, day, list(actor1), list(places))
        want = (e["type"], e["subtype"], (e.get("date") or {}).get("value"), want_actor1, [p["name"] for p in e["places"]])
        if got != want:
            bad.append((article, i, got, want))
    check("event rows equal the records' events", not bad, str(bad[:3]))
    types = dict(con.execute("SELECT typeof(date_day), typeof(actor1) FROM events LIMIT 1").fetchall())
    check("dates are DATE and actors lists", types == {"DATE": "VARCHAR[]"}, str(types))


def check_claims(con, records):
    want = {r["id"]: len(r["casualties"]) for r in records if r["casualties"]}
    check("claims per article", per_article(con, "claims") == want, f"{per_article(con, 'claims')} vs {want}")
    rows = con.execute("SELECT article_id, claim_index, kind, victims, best, start FROM claims").fetchall()
    by_id = {r["id"]: r for r in records}
    bad = []
    for article, i, kind, victims, best, start in rows:
        c = by_id[article]["casualties"][i]
        if (kind, victims, best, start) != (c["kind"], c.get("group"), c.get("best"), c["span"][0]):
            bad.append((article, i))
    check("claim rows equal the records' claims", not bad, str(bad[:3]))


def check_reports(con, incidents):
    want = sorted(
        (i["id"], r["article"], r["event_index"], r.get("outlet"), r.get("published"))
        for i in incidents
        for r in i["reports"]
    )
    got = sorted(
        tuple(row)
        for row in con.execute("SELECT incident_id, article_id, event_index, outlet, published FROM reports").fetchall()
    )
    check("report rows equal the incidents' reports", got == want, f"{len(got)} vs {len(want)} rows")
    urls = con.execute("SELECT count(*) FROM reports WHERE url <> 'https://news.example/' || article_id").fetchone()[0]
    check("every report has its article's URL", urls == 0, f"{urls} without")


def check_joins(con, records, incidents):
    orphans = con.execute(
        "SELECT count(*) FROM reports r ANTI JOIN events e USING (article_id, event_index)"
    ).fetchone()[0]
    check("every report joins its event", orphans == 0, f"{orphans} orphan reports")
    orphans = con.execute(
        "SELECT count(*) FROM claims c ANTI JOIN events e USING (article_id, event_index) WHERE c.event_index IS NOT NULL"
    ).fetchone()[0]
    check("every claim with an event joins it", orphans == 0, f"{orphans} orphan claims")
    # Claims per incident through the joins, and from the records: a claim
    # counts for every event that carries it (its event_indexes).
    got = dict(
        con.execute(
            """SELECT r.incident_id, count(*) FROM
                 (SELECT article_id, unnest(event_indexes) AS event_index FROM claims) c
               JOIN events e USING (article_id, event_index)
               JOIN reports r USING (article_id, event_index)
               GROUP BY 1"""
        ).fetchall()
    )
    by_id = {r["id"]: r for r in records}
    want = collections.Counter()
    for inc in incidents:
        for rep in inc["reports"]:
            event = by_id[rep["article"]]["events"][rep["event_index"]]
            want[inc["id"]] += len({(tuple(f["span"]), f["kind"], f.get("group")) for f in event["fatalities"]})
    want = {k: v for k, v in want.items() if v}
    check("claims -> events -> reports per incident", got == want, f"{len(got)} vs {len(want)} incidents")
    check("some incident has claims", len(want) > 0)


if __name__ == "__main__":
    main()
