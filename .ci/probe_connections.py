#!/usr/bin/env python3
"""Probe of `rasad serve` against idle and slow clients (issue 15).

Starts the server at a 1,024-descriptor limit (soft and hard, so it cannot
raise it), opens IDLE connections from 127.0.0.1 that never send a byte, one
slowloris connection (a header line every second, never the blank line) and
one keep-alive connection left idle after one answered request. Then:

- a normal client on another address (127.0.0.2) must get its answer at once
  while the idle connections are open;
- every idle, slow and keep-alive connection must be closed by the server
  within 30 s.

Prints the figures and exits 1 when a check fails.

Usage: probe_connections.py RASAD_BIN [IDLE=1100]
"""

import os
import resource
import selectors
import socket
import subprocess
import sys
import tempfile
import time

LIMIT_S = 30.0
DESCRIPTORS = 1024

# Three short articles of our own for the database the server reads.
ARTICLES = [
    "قصفت طائرات حربية بلدة في ريف حلب الشمالي صباح اليوم وقتل مدنيان.",
    "انفجرت سيارة مفخخة قرب سوق شعبي في مدينة الرقة وأصيب خمسة أشخاص.",
    "اندلعت اشتباكات بين فصيلين مسلحين في محيط مدينة درعا مساء أمس.",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_db(rasad, work):
    docs = os.path.join(work, "docs")
    os.makedirs(docs)
    for i, text in enumerate(ARTICLES):
        with open(os.path.join(docs, f"{i}.txt"), "w", encoding="utf-8") as f:
            f.write(text + "\n")
    db = os.path.join(work, "probe.db")
    subprocess.run([rasad, "ingest", "--db", db, docs], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def start_server(rasad, db, port):
    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (DESCRIPTORS, DESCRIPTORS))

    proc = subprocess.Popen(
        [rasad, "serve", "--db", db, "--addr", f"127.0.0.1:{port}", "--rate", "0"],
        preexec_fn=low_limit, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def normal_get(port, source):
    """Seconds a GET from `source` takes, and its status line."""
    t = time.time()
    s = socket.socket()
    s.settimeout(10)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /api/outlets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    s.close()
    return time.time() - t, data.split(b"\r\n", 1)[0].decode(errors="replace")


def open_idle(port, n):
    """`n` connections from 127.0.0.1, each established before the next."""
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.settimeout(5)
        s.connect(("127.0.0.1", port))
        s.setblocking(False)
        socks.append(s)
    return socks


def wait_closed(socks, slow, port):
    """Seconds after which each socket was closed by the server (None: open
    at the end); the slow one gets a header line every second meanwhile."""
    sel = selectors.DefaultSelector()
    for s in socks:
        sel.register(s, selectors.EVENT_READ)
    start = time.time()
    closed = {}
    last_line = 0.0
    while len(closed) < len(socks) and time.time() - start < LIMIT_S + 5:
        if slow.fileno() != -1 and slow not in closed and time.time() - last_line >= 1:
            try:
                slow.send(b"X-Slow: 1\r\n")
            except OSError:
                pass
            last_line = time.time()
        for key, _ in sel.select(timeout=0.2):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:
                closed[s] = time.time() - start
                sel.unregister(s)
    return [closed.get(s) for s in socks]


def main():
    rasad = sys.argv[1]
    idle_n = int(sys.argv[2]) if len(sys.argv) > 2 else 1100
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with tempfile.TemporaryDirectory() as work:
        db = build_db(rasad, work)
        port = free_port()
        proc = start_server(rasad, db, port)
        try:
            return probe(port, idle_n)
        finally:
            proc.kill()
            proc.wait()


def probe(port, idle_n):
    failures = []
    idle = open_idle(port, idle_n)
    time.sleep(0.5)
    # Slowloris and keep-alive from 127.0.0.3 (their own address share).
    slow = socket.socket()
    slow.bind(("127.0.0.3", 0))
    slow.connect(("127.0.0.1", port))
    slow.sendall(b"GET /api/outlets HTTP/1.1\r\nHost: x\r\n")
    keep = socket.socket()
    keep.bind(("127.0.0.3", 0))
    keep.connect(("127.0.0.1", port))
    keep.sendall(b"GET /api/outlets HTTP/1.1\r\nHost: x\r\n\r\n")
    keep.settimeout(5)
    first = keep.recv(65536)
    keep.setblocking(False)
    slow.setblocking(False)
    took, status = normal_get(port, "127.0.0.2")
    print(f"normal client (127.0.0.2) with {idle_n} idle connections open: {status!r} in {took:.3f} s")
    if not status.startswith("HTTP/1.1 200") or took > 2:
        failures.append("the normal client was not served at once")
    if not first.startswith(b"HTTP/1.1 200"):
        failures.append("the keep-alive request was not answered")
    times = wait_closed(idle + [slow, keep], slow, port)
    idle_t, slow_t, keep_t = times[:-2], times[-2], times[-1]
    still = sum(1 for t in idle_t if t is None)
    done = sorted(t for t in idle_t if t is not None)
    refused = sum(1 for t in done if t < 0.5)
    print(f"idle connections: {idle_n}; closed at once (over the caps): {refused}; "
          f"closed by the header timeout: {len(done) - refused}, "
          f"last after {done[-1] if done else 0:.1f} s; still open after {LIMIT_S + 5:.0f} s: {still}")
    print(f"slowloris closed after: {slow_t if slow_t is None else round(slow_t, 1)} s; "
          f"idle keep-alive closed after: {keep_t if keep_t is None else round(keep_t, 1)} s")
    if still or (done and done[-1] > LIMIT_S):
        failures.append("idle connections outlived 30 s")
    if slow_t is None or slow_t > LIMIT_S:
        failures.append("the slowloris connection outlived 30 s")
    if keep_t is None or keep_t > LIMIT_S:
        failures.append("the idle keep-alive connection outlived 30 s")
    took, status = normal_get(port, "127.0.0.1")
    print(f"afterwards, a client on 127.0.0.1: {status!r} in {took:.3f} s")
    if not status.startswith("HTTP/1.1 200"):
        failures.append("127.0.0.1 was not served after the idle connections were closed")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
