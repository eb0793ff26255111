#!/usr/bin/env bash
# Load test of the real `rasad serve` binary with wrk (a light C load
# generator: `apt-get install -y wrk`), 10 and 50 keep-alive connections.
#
#   crates/serve/examples/load.sh [ARTICLES] [SECONDS]      (defaults 10000 20)
#
# The database of generated articles and the request mix come from the Rust
# example (`load prepare`), cached under target/load/. For each client count
# the whole mix runs first, then each endpoint alone; every line gives
# requests, throughput and latency percentiles (ms). Rate limiting is off
# (`--rate 0`): every connection comes from the same loopback address.
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-10000}
secs=${2:-20}
port=${LOAD_PORT:-18077}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
cargo build --release -q -p rasad
cargo build --release -q -p rasad-serve --example load
target/release/examples/load prepare "$n"
dir=${CARGO_TARGET_DIR:-target}/load
target/release/rasad serve --db "$dir/articles-$n.db" --addr "127.0.0.1:$port" --rate 0 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
# Ready when it answers (the incidents are built after the port is bound).
ready() {
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET /api/outlets HTTP/1.1\r\nHost: load\r\nConnection: close\r\n\r\n' >&3
  head -c 12 <&3 | grep -q ' 200'
}
for _ in $(seq 300); do
  (ready) 2>/dev/null && break
  sleep 0.2
done
export LOAD_TARGETS="$dir/targets-$n.tsv"
echo "$n articles, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for clients in 10 50; do
  echo
  echo "$clients connections, ${secs}s each"
  printf '%-10s %8s %8s %8s %8s %8s %8s %7s\n' endpoint requests req/s "p50 ms" "p90 ms" "p99 ms" "max ms" errors
  for class in all search incidents incident article; do
    LOAD_CLASS=$class wrk -t2 -c"$clients" -d"${secs}s" --timeout 10s \
      -s crates/serve/examples/load.lua "http://127.0.0.1:$port" | tail -n 1
  done
done
