#!/usr/bin/env python3
"""Scale benchmark of rasad (issue 18): one store per binary, the same articles.

Builds N articles (default 300,000) from the real pool (../shared/corpus/real/
pool.jsonl) replicated with variations: new ids, publication dates shifted,
figures changed and one paragraph dropped now and then, so every copy's
content hash differs. The same seed gives the same articles.

Then, for each binary given with --bin NAME=PATH, in a fresh store:
  - ingest: docs/s with --jobs 2, peak memory;
  - disk: bytes of the store's SQLite files per 1,000 articles, and with
    its search index (the `.search` directory beside it) too;
  - incidents: `rasad incidents --json` wall time and peak memory;
  - serve: seconds until the first HTTP 200 of /api/openapi.json (up) and of
    /api/search (a search answered); peak memory over the whole run;
  - search: p50/p99 latency of 20 queries (the 8 most common words of the
    corpus, 8 less common words, 4 two-word phrases) over HTTP, alone (each
    query ROUNDS times, one at a time) and under 50 concurrent clients (each
    client runs every query, in its own order).

Prints a table (and the ratios of the first binary to the second when two
are given) and writes the figures as JSON. Stdlib only. Stores are deleted
after each binary unless --keep.

  python3 bench/scale.py --n 5000 --bin main=/path/to/rasad
  python3 bench/scale.py --bin new=target/release/rasad --bin main=/tmp/rasad-main
"""

import argparse
import collections
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
POOL = os.path.join(HERE, "..", "..", "shared", "corpus", "real", "pool.jsonl")

# Days a copy's publication date may move either way: two years, so copies
# of one article spread over many incident windows instead of piling up.
SHIFT_DAYS = 730
# Share of digit runs a copy changes (figures, not the text's shape).
DIGIT_CHANGE = 0.3
# Share of copies that lose one paragraph (of articles with three or more).
DROP_PARAGRAPH = 0.5
# The query mix: most common words, words of middling frequency, phrases.
COMMON_WORDS, MIDDLE_WORDS, PHRASES = 8, 8, 4
# Rank from which "middling" words are taken (past the function words).
MIDDLE_FROM = 200
# Each query's repeats when run alone.
ROUNDS = 5
# Concurrent clients of the load test.
CLIENTS = 50
# Seconds `serve` may take to answer before the run gives up.
SERVE_WAIT = 600
# Results kept per search request.
SEARCH_LIMIT = 10
# Where /usr/bin/time writes its figures (set from --work).
WORK_TMP = "/tmp"

WORD = re.compile(r"[\u0621-\u064a]{3,}")
DIGITS = re.compile(r"[0-9\u0660-\u0669]+")


def vary(doc, k, rng):
    """Copy k of an article: a new id, a shifted date, changed figures."""
    text = DIGITS.sub(
        lambda m: str(int(m.group(0).translate(ARABIC_INDIC)) + rng.randint(1, 9))
        if rng.random() < DIGIT_CHANGE
        else m.group(0),
        doc["text"],
    )
    paras = text.split("\n\n")
    if len(paras) >= 3 and rng.random() < DROP_PARAGRAPH:
        del paras[rng.randrange(1, len(paras))]
    # The copy number as a last line keeps every copy's body distinct even
    # when no figure changed.
    text = "\n\n".join(paras) + f"\n\n({k})"
    out = {"id": f"{doc['id']}~{k}", "text": text}
    for key in ("outlet", "url", "title"):
        if doc.get(key):
            out[key] = doc[key] + (f"?copy={k}" if key == "url" else "")
    if doc.get("published"):
        day = date.fromisoformat(doc["published"][:10])
        out["published"] = (day + timedelta(days=rng.randint(-SHIFT_DAYS, SHIFT_DAYS))).isoformat()
    return out


ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def build_corpus(n, seed, path, pool):
    """Writes n articles to path: the pool's first, then varied copies."""
    docs = [json.loads(line) for line in open(pool, encoding="utf-8")]
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            k, doc = divmod(i, len(docs))
            row = docs[doc] if k == 0 else vary(docs[doc], k, rng)
            row = {key: row[key] for key in ("id", "text", "outlet", "url", "published", "title") if row.get(key)}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return docs


def pick_queries(docs):
    """20 queries from the pool: the commonest words by document frequency,
    words of middling frequency, and two-word phrases of common words."""
    df = collections.Counter()
    for d in docs:
        df.update(set(WORD.findall(d["text"])))
    ranked = [w for w, _ in df.most_common()]
    common = ranked[:COMMON_WORDS]
    middle = ranked[MIDDLE_FROM : MIDDLE_FROM + MIDDLE_WORDS]
    bigrams = collections.Counter()
    for d in docs:
        words = WORD.findall(d["text"])
        bigrams.update(set(zip(words, words[1:])))
    phrases = [f'"{a} {b}"' for (a, b), _ in bigrams.most_common(PHRASES)]
    return common + middle + phrases


def run_measured(cmd, stdout=subprocess.DEVNULL, stdin=None):
    """Runs cmd under /usr/bin/time; returns (seconds, peak RSS in MB, exit
    status, CPU seconds).

    Not wait4's ru_maxrss: Linux carries a process's peak RSS across exec,
    so a child forked from this script reports at least the script's own
    (the pool and its word counts, ~160 MB). /usr/bin/time is small and
    forks the command itself."""
    report = os.path.join(WORK_TMP, f"time-{os.getpid()}-{time.monotonic_ns()}.txt")
    t0 = time.monotonic()
    wrapped = ["/usr/bin/time", "-f", "%M %U %S", "-o", report, *cmd]
    p = subprocess.Popen(wrapped, stdout=stdout, stdin=stdin, stderr=subprocess.PIPE)
    err = p.stderr.read()
    p.wait()
    secs = time.monotonic() - t0
    if p.returncode != 0:
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    last = open(report).read().strip().splitlines()[-1].split()
    os.remove(report)
    kb, user, system = int(last[0]), float(last[1]), float(last[2])
    return secs, kb / 1024, p.returncode, user + system


def peak_mb(pid):
    """A running process's peak RSS so far (VmHWM), in MB."""
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(conn, path):
    """GET path on conn; returns (status, seconds)."""
    t0 = time.monotonic()
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    return r.status, time.monotonic() - t0


def wait_for(port, path, t0):
    """Seconds from t0 until path answers 200."""
    while time.monotonic() - t0 < SERVE_WAIT:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=SERVE_WAIT)
            status, _ = get(c, path)
            c.close()
            if status == 200:
                return time.monotonic() - t0
        except OSError:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"serve did not answer {path} in {SERVE_WAIT} s")


def search_path(q):
    return "/api/search?" + urllib.parse.urlencode({"q": q, "limit": SEARCH_LIMIT})


def percentiles(ms):
    ms = sorted(ms)
    pick = lambda p: ms[min(len(ms) - 1, int(round(p * (len(ms) - 1))))]
    return {"p50_ms": round(pick(0.5), 1), "p99_ms": round(pick(0.99), 1), "n": len(ms)}


def alone(port, queries):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=SERVE_WAIT)
    ms, per_query = [], {}
    for q in queries:
        for _ in range(ROUNDS):
            status, s = get(conn, search_path(q))
            if status != 200:
                raise RuntimeError(f"search {q!r}: HTTP {status}")
            ms.append(s * 1000)
            per_query.setdefault(q, []).append(s * 1000)
    conn.close()
    slowest = max(per_query, key=lambda q: statistics.median(per_query[q]))
    return {**percentiles(ms), "slowest_query_median_ms": round(statistics.median(per_query[slowest]), 1)}


def loaded(port, queries):
    ms, errors, lock = [], [], threading.Lock()

    def client(i):
        order = queries[:]
        random.Random(i).shuffle(order)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=SERVE_WAIT)
        for q in order:
            try:
                status, s = get(conn, search_path(q))
            except (OSError, http.client.HTTPException) as e:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=SERVE_WAIT)
                status, s = repr(e), 0
            with lock:
                (ms.append(s * 1000) if status == 200 else errors.append(status))
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    return {**percentiles(ms), "errors": len(errors), "requests_per_s": round(len(ms) / wall, 1)}


def serve_phase(binary, db, queries):
    """Starts serve, times its start, runs the searches; returns figures."""
    port = free_port()
    cmd = [binary, "serve", "--db", db, "--addr", f"127.0.0.1:{port}", "--rate", "0"]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        up = wait_for(port, "/api/openapi.json", t0)
        first_search = wait_for(port, search_path(queries[0]), t0)
        out = {"start_s": round(up, 2), "first_search_s": round(first_search, 2)}
        out["search_alone"] = alone(port, queries)
        out["search_50_clients"] = loaded(port, queries)
        # The peak of the server process itself, read before it stops.
        out["peak_mb"] = round(peak_mb(p.pid), 1)
    finally:
        p.send_signal(signal.SIGINT)
        p.wait()
    return out


def store_bytes(db):
    return sum(os.path.getsize(db + s) for s in ("", "-wal", "-shm") if os.path.exists(db + s))


def index_bytes(db):
    """Bytes of the search index directory beside the store."""
    d = db + ".search"
    if not os.path.isdir(d):
        return 0
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if os.path.isfile(os.path.join(d, f)))


def remove_store(db):
    for s in ("", "-wal", "-shm"):
        if os.path.exists(db + s):
            os.remove(db + s)
    shutil.rmtree(db + ".search", ignore_errors=True)


def bench(name, binary, corpus, n, queries, work, keep):
    db = os.path.join(work, f"{name}.db")
    remove_store(db)
    print(f"== {name}: ingest {n} articles", flush=True)
    load = os.getloadavg()[0]
    secs, peak, rc, cpu = run_measured([binary, "ingest", "--db", db, "--jobs", "2", corpus])
    if rc != 0:
        raise RuntimeError(f"{name}: ingest failed ({rc})")
    r = {"binary": binary, "n": n}
    # CPU seconds per 1,000 documents tell throughput apart from a machine
    # busy with other work (the load average before and after says how busy).
    r["ingest"] = {
        "seconds": round(secs, 1),
        "docs_per_s": round(n / secs, 1),
        "cpu_s_per_1000": round(cpu / (n / 1000), 2),
        "peak_mb": round(peak, 1),
        "load_before": round(load, 1),
        "load_after": round(os.getloadavg()[0], 1),
    }
    r["disk_mb_per_1000"] = round(store_bytes(db) / 1e6 / (n / 1000), 2)
    r["disk_with_index_mb_per_1000"] = round((store_bytes(db) + index_bytes(db)) / 1e6 / (n / 1000), 2)
    print(f"== {name}: incidents", flush=True)
    secs, peak, rc, cpu = run_measured([binary, "incidents", "--db", db, "--json"])
    r["incidents"] = {"seconds": round(secs, 2), "cpu_s": round(cpu, 2), "peak_mb": round(peak, 1), "ok": rc == 0}
    print(f"== {name}: serve and search", flush=True)
    r["serve"] = serve_phase(binary, db, queries)
    if not keep:
        remove_store(db)
    return r


ROWS = [
    ("ingest docs/s", lambda r: r["ingest"]["docs_per_s"]),
    ("ingest CPU s / 1,000 docs", lambda r: r["ingest"]["cpu_s_per_1000"]),
    ("ingest peak MB", lambda r: r["ingest"]["peak_mb"]),
    ("disk MB / 1,000 articles", lambda r: r["disk_mb_per_1000"]),
    ("disk MB / 1,000 with search index", lambda r: r["disk_with_index_mb_per_1000"]),
    ("incidents s", lambda r: r["incidents"]["seconds"]),
    ("incidents peak MB", lambda r: r["incidents"]["peak_mb"]),
    ("serve start s (first 200)", lambda r: r["serve"]["start_s"]),
    ("serve first search s", lambda r: r["serve"]["first_search_s"]),
    ("search alone p50 ms", lambda r: r["serve"]["search_alone"]["p50_ms"]),
    ("search alone p99 ms", lambda r: r["serve"]["search_alone"]["p99_ms"]),
    ("search 50 clients p50 ms", lambda r: r["serve"]["search_50_clients"]["p50_ms"]),
    ("search 50 clients p99 ms", lambda r: r["serve"]["search_50_clients"]["p99_ms"]),
    ("search 50 clients errors", lambda r: r["serve"]["search_50_clients"]["errors"]),
    ("serve peak MB", lambda r: r["serve"]["peak_mb"]),
]


def table(results):
    names = list(results)
    head = ["", *names] + ([f"{names[0]}/{names[1]}"] if len(names) == 2 else [])
    lines = [head]
    for label, f in ROWS:
        vals = [f(results[n]) for n in names]
        row = [label, *map(str, vals)]
        if len(names) == 2:
            a, b = vals
            row.append(f"{a / b:.2f}" if isinstance(a, (int, float)) and b else "-")
        lines.append(row)
    widths = [max(len(str(l[i])) for l in lines) for i in range(len(head))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(l, widths)) for l in lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300_000, help="articles (default 300,000)")
    ap.add_argument("--bin", action="append", required=True, metavar="NAME=PATH", help="a rasad binary (once or twice)")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--pool", default=POOL)
    ap.add_argument("--work", default="/tmp/rasad-scale", help="folder for the corpus and the stores")
    ap.add_argument("--out", default="scale-results.json", help="JSON results")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and the stores")
    args = ap.parse_args()
    bins = dict(b.split("=", 1) for b in args.bin)
    os.makedirs(args.work, exist_ok=True)
    global WORK_TMP
    WORK_TMP = args.work
    corpus = os.path.join(args.work, f"articles-{args.n}.jsonl")
    print(f"== building {args.n} articles", flush=True)
    docs = build_corpus(args.n, args.seed, corpus, args.pool)
    queries = pick_queries(docs)
    results = {}
    try:
        for name, path in bins.items():
            results[name] = bench(name, os.path.abspath(path), corpus, args.n, queries, args.work, args.keep)
    finally:
        if not args.keep:
            os.remove(corpus)
            shutil.rmtree(args.work, ignore_errors=True)
    out = {
        "n": args.n,
        "seed": args.seed,
        "cores": os.cpu_count(),
        "load_at_end": round(os.getloadavg()[0], 1),
        "queries": queries,
        "results": results,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    print(table(results))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
