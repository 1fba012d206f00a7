#!/usr/bin/env bash
# Server-side time of `fahras serve`'s /api/search (BENCHMARKS.md, "Web view"): starts the
# server on a free port over INDEX, asks every query of QUERIES once to warm it, then ROUNDS
# times more, and prints the median and 90th percentile of the time the server reports in its
# Server-Timing header (request read to answer built: parsing, search, facets, JSON), in ms.
#
#   scripts/serve-bench.sh INDEX [QUERIES] [ROUNDS]
#
# QUERIES is ID<TAB>QUERY per line (default ../shared/peers/queries/news20.tsv); ROUNDS
# defaults to 5. FAHRAS names the binary (default target/release/fahras). Needs curl.
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX="${1:?usage: scripts/serve-bench.sh INDEX [QUERIES] [ROUNDS]}"
QUERIES="${2:-../shared/peers/queries/news20.tsv}"
ROUNDS="${3:-5}"
FAHRAS="${FAHRAS:-${CARGO_TARGET_DIR:-target}/release/fahras}"

log=$(mktemp)
"$FAHRAS" --index "$INDEX" serve --bind 127.0.0.1:0 2> "$log" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  grep -q 'http://' "$log" && break
  sleep 0.1
done
base=$(grep -o 'http://[^ ]*' "$log" | head -1)
base=${base%/}

ask() { # prints the server-side milliseconds of one /api/search call
  curl -s -o /dev/null -D - --get --data-urlencode "q=$1" "$base/api/search" |
    tr -d '\r' | awk -F'dur=' 'tolower($0) ~ /^server-timing:/ { print $2 }'
}

cut -f2 "$QUERIES" | while IFS= read -r query; do ask "$query" > /dev/null; done
times=$(for _ in $(seq "$ROUNDS"); do
  cut -f2 "$QUERIES" | while IFS= read -r query; do ask "$query"; done
done | sort -g)
n=$(wc -l <<< "$times")
median=$(sed -n "$(( (n + 1) / 2 ))p" <<< "$times")
p90=$(sed -n "$(( (n * 9 + 9) / 10 ))p" <<< "$times")
echo "requests $n  median ${median} ms  p90 ${p90} ms  max $(tail -1 <<< "$times") ms"
