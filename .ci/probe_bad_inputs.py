#!/usr/bin/env python3
"""Probe of `rasad ingest` on a tree of about a hundred malformed files
(issue 15): bad bytes, empty, binary, huge nesting, a FIFO, broken JSON
lines, bad ids, files beside each other with one stem, folders nested too
deep. The run must end (no hang), store every good document and name every
bad one with a reason.

Usage: probe_bad_inputs.py RASAD_BIN [WORKDIR]
"""

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

# Sentence parts of our own; every good document gets a distinct number.
PLACES = ["حلب", "الرقة", "إدلب", "درعا", "منبج", "الموصل", "الفلوجة", "دير الزور"]
ACTS = ["قصفت طائرات حربية", "استهدفت قذائف هاون", "ضربت غارة جوية", "هاجم مسلحون"]


def article(i):
    return (f"{ACTS[i % len(ACTS)]} حيا سكنيا في {PLACES[i % len(PLACES)]} "
            f"صباح اليوم، وقالت مصادر طبية إن {i % 30 + 2} أشخاص قتلوا. "
            f"الرقم المرجعي لهذا الخبر {i}.\n")


class Tree:
    def __init__(self, root):
        self.root = root
        self.good = 0

    def put(self, rel, data, good):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        self.good += good


def nested_html(depth, i):
    return ("<html><head><title>خبر</title></head><body>" + "<div>" * depth
            + f"<p>{article(i)}</p>" + "</div>" * depth + "</body></html>")


def build(t):
    rnd = random.Random(15)
    n = 0

    def next_article():
        nonlocal n
        n += 1
        return article(n)

    for i in range(20):                       # good plain text
        t.put(f"good/{i:02}.txt", next_article(), True)
    for i in range(3):                        # same stem, two kinds, two folders
        t.put(f"same/a/{i}.txt", next_article(), True)
        t.put(f"same/b/{i}.txt", next_article(), True)
        t.put(f"same/b/{i}.html", f"<p>{next_article()}</p>", True)
    for i, stray in enumerate([b"\xa0", b"\x92", b"\xe9", b"\xff", b"\xc3"]):
        body = next_article().encode()        # one stray byte: still UTF-8
        cut = body.index(b" ")
        t.put(f"stray/{i}.txt", body[:cut] + stray + body[cut:], True)
    t.put("enc/cp1256.txt", next_article().encode("cp1256"), True)
    t.put("enc/utf16.txt", b"\xff\xfe" + next_article().encode("utf-16-le"), True)
    t.put("enc/bom.txt", b"\xef\xbb\xbf" + next_article().encode(), True)
    t.put("enc/declared.html", b'<meta charset="utf-8"><p>'
          + next_article().encode() + b"\xe9\xe9</p>", True)
    for depth in (1000, 20_000, 100_000):     # huge nesting: flattened, read
        t.put(f"deep/d{depth}.html", nested_html(depth, 9000 + depth), True)
    t.put("deep/unclosed.html", "<div>" * 50_000 + f"<p>{next_article()}", True)
    blanks = ["", " ", "\n\n", "\t \r\n", "\ufeff", "\u200f\n", "\xa0"]
    for i in range(14):                       # empty and blank
        t.put(f"empty/{i}.{'txt' if i % 2 else 'html'}", blanks[i % len(blanks)], False)
    t.put("empty/blank.html", "<html><body><script>x()</script></body></html>", False)
    for i in range(30):                       # binary
        data = bytes(rnd.randrange(256) for _ in range(2000 + i * 300))
        t.put(f"binary/{i}.txt", data, False)
    t.put("binary/png.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500), False)
    t.put("binary/nul.txt", b"\x00" * 4096, False)
    t.put("binary/gzip.txt", b"\x1f\x8b\x08\x00" + bytes(rnd.randrange(256) for _ in range(3000)), False)
    t.put("big/over.txt", next_article() * 40_000, False)   # over --max-bytes
    lines = []                                # JSON lines, good and broken
    for i in range(10):
        lines.append(json.dumps({"id": f"j{i}", "text": next_article()}, ensure_ascii=False))
    t.good += 10
    broken = ['{"id": "b1", "text": "قصف', "not json", '{"text": "بلا معرف"}',
              '{"id": "b4"}', '{"id": "b5\\u0000x", "text": "نص"}',
              '{"id": 123456789012345678901234567890, "text": "نص"}',
              '{"id": 1.5, "text": "نص"}', '[1, 2, 3]', '{"id": "b9", "text": 7}',
              '{"id": "b10\\u202e", "text": "نص"}']
    lines += broken
    rnd.shuffle(lines)
    t.put("lines/mixed.jsonl", "\n".join(lines) + "\n", False)
    t.put("lines/bad.jsonl", b"\xff\xfe\x00garbage\n{\n}\n", False)
    deep = "/".join(["x"] * 70)               # folders nested too deep
    t.put(f"nest/{deep}/a.txt", next_article(), False)
    t.put("odd/ctl\x01name.txt", next_article(), False)
    os.mkfifo(os.path.join(t.root, "odd", "fifo.txt"))
    os.makedirs(os.path.join(t.root, "odd", "dir.txt"))
    os.symlink("..", os.path.join(t.root, "odd", "loop"))


def main():
    rasad = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="rasad-bad-")
    tree = Tree(os.path.join(work, "tree"))
    build(tree)
    files = sum(len(f) for _, _, f in os.walk(tree.root))
    db = os.path.join(work, "bad.db")
    t = time.time()
    out = subprocess.run(
        ["/usr/bin/time", "-f", "peak %M KB", rasad, "ingest", "--db", db, "--max-bytes",
         "2000000", "--reference-date", "2020-01-01", tree.root],
        capture_output=True, text=True, errors="replace", timeout=600)
    took = time.time() - t
    err = out.stderr
    summary = re.search(r"read (\d+), new (\d+), duplicate (\d+), failed (\d+)", err)
    print(f"{files} files, {tree.good} good documents; ingest took {took:.1f} s, exit {out.returncode}; "
          f"{err.strip().splitlines()[-1]}")
    print(summary.group(0) if summary else "no summary:\n" + err[-2000:])
    failures = []
    if not summary or int(summary.group(2)) != tree.good:
        failures.append(f"expected {tree.good} new documents")
    named = sum(1 for line in err.splitlines() if line.strip().startswith("failed:"))
    print(f"failures named: {named}")
    if summary and named != int(summary.group(4)):
        failures.append("a failure without its line")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
