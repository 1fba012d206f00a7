#!/usr/bin/env bash
# The "Archive scale" table of BENCHMARKS.md (issue 31): ingest, peak RSS, index size and search
# speed of fahras on a scale corpus, one size at a time, each index deleted once measured.
#
#   scripts/scale-bench.sh DATA_DIR N [N...]      e.g. scripts/scale-bench.sh /work/scale-data 1 4 16
#
# For each N, DATA_DIR/cN is the TREC corpus `../shared/tools/make_scale.py ../shared/corpus
# DATA_DIR/cN N` writes (made here if missing, removed afterwards if made here; 16 copies are
# 3.6 GB). With FOLDER=1 the corpus is instead DATA_DIR/tN, the same articles as one body-only
# .txt each (scripts/scale-folder.py), and Lucene (2 threads) indexes it right after fahras.
# Environment: FAHRAS (binary, default target/release/fahras), SHARED (default ../shared),
# QUERIES (default $SHARED/peers/queries/news20.tsv), RUNS (one-shot runs per query, default 10),
# KEEP=1 to keep the corpora made here.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA="$1"; shift
SHARED="${SHARED:-$ROOT/../shared}"
QUERIES="${QUERIES:-$SHARED/peers/queries/news20.tsv}"
FAHRAS="${FAHRAS:-${CARGO_TARGET_DIR:-$ROOT/target}/release/fahras}"
RUNS="${RUNS:-10}"
mkdir -p "$DATA"

rss_mib() { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$1"; }
field() { awk -F': ' -v k="$2" '$1 ~ k {print $2}' "$1"; }

echo "== $(date -u +%FT%TZ) fahras $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "$@"; do
  made=0
  if [ "${FOLDER:-0}" = 1 ]; then
    corpus="$DATA/t$n"
    if [ ! -d "$corpus" ]; then
      [ -d "$DATA/c$n" ] || python3 "$SHARED/tools/make_scale.py" "$SHARED/corpus" "$DATA/c$n" "$n" > /dev/null
      python3 "$ROOT/scripts/scale-folder.py" "$DATA/c$n" "$corpus" > /dev/null; made=1
    fi
    ext=(); files=$(find "$corpus" -name '*.txt' | wc -l)
  else
    corpus="$DATA/c$n"
    if [ ! -d "$corpus" ]; then
      python3 "$SHARED/tools/make_scale.py" "$SHARED/corpus" "$corpus" "$n" > /dev/null; made=1
    fi
    ext=(--ext sgml); files=$(find "$corpus" -name '*.sgml' | wc -l)
  fi
  bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  find "$corpus" -type f -print0 | xargs -0 cat > /dev/null   # warm the page cache
  idx="$DATA/idx-$n"; log="$DATA/ingest-$n.log"; rm -rf "$idx"
  /usr/bin/time -v nice "$FAHRAS" --index "$idx" ingest -q "${ext[@]}" "$corpus" 2> "$log"
  wall=$(wall_s "$log"); ibytes=$(du -sb "$idx" | cut -f1)
  printf "%s x%d: files=%d bytes=%d wall_s=%s user_s=%s MB_per_s=%.2f peak_rss_MiB=%s index_ratio=%.3f segments=%d\n" \
    "$(basename "$corpus")" "$n" "$files" "$bytes" "$wall" "$(field "$log" 'User time')" \
    "$(echo "$bytes / 1000000 / $wall" | bc -l)" "$(rss_mib "$log")" \
    "$(echo "$ibytes / $bytes" | bc -l)" "$(find "$idx" -name '*.store' | wc -l)"
  # one-shot: each query RUNS times, process start to exit, text output with snippets
  cut -f2 "$QUERIES" > "$DATA/q.txt"
  python3 - "$FAHRAS" "$idx" "$DATA/q.txt" "$RUNS" <<'PY'
import statistics, subprocess, sys, time
fahras, idx, qfile, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
queries = [q for q in open(qfile, encoding="utf-8").read().splitlines() if q]
def search(q):  # exit status 1 is "no match"
    done = subprocess.run([fahras, "--index", idx, "search", "--color", "never", "--", q],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode not in (0, 1):
        sys.exit(f"search failed: {q}")
times = []
for q in queries:  # one warm-up each
    search(q)
for _ in range(runs):
    for q in queries:
        t = time.perf_counter()
        search(q)
        times.append(time.perf_counter() - t)
times.sort()
print(f"  one-shot: runs={len(times)} median_ms={statistics.median(times)*1000:.2f} p95_ms={times[int(0.95*len(times))]*1000:.2f}")
PY
  for _ in $(seq 100); do cat "$QUERIES"; done | awk -F'\t' '{printf "b%d\t%s\n", NR, $2}' > "$DATA/batch.tsv"
  blog="$DATA/batch-$n.log"
  /usr/bin/time -v "$FAHRAS" --index "$idx" search --queries "$DATA/batch.tsv" --json > /dev/null 2> "$blog"
  nq=$(wc -l < "$DATA/batch.tsv")
  printf "  batch (queries x 100): queries=%d wall_s=%s user_s=%s queries_per_s=%.0f peak_rss_MiB=%s\n" "$nq" \
    "$(wall_s "$blog")" "$(field "$blog" 'User time')" "$(echo "$nq / $(wall_s "$blog")" | bc -l)" "$(rss_mib "$blog")"
  if [ "${FOLDER:-0}" = 1 ] && [ -x "$SHARED/peers/lucene/lucene.sh" ]; then
    # lucene.sh compiles its peer beside itself: a writable copy, as scripts/bench.sh does
    [ -d "$DATA/peers" ] || { cp -r "$SHARED/peers" "$DATA/peers"; chmod -R u+w "$DATA/peers"; }
    rm -rf "$DATA/lucene-$n.idx"
    JAVA_OPTS="-Dthreads=2" "$DATA/peers/lucene/lucene.sh" index "$corpus" "$DATA/lucene-$n.idx" 2> "$DATA/lucene-$n.log" || true
    sed -n 's/^\[lucene\] index/  lucene (2 threads) index/p' "$DATA/lucene-$n.log"
    JAVA_OPTS="-Dwarmup=1" "$DATA/peers/lucene/lucene.sh" search "$DATA/lucene-$n.idx" "$QUERIES" "$DATA/lucene-$n.run" 10 2> "$DATA/lucene-search-$n.log" || true
    sed -n 's/^\[lucene\] search/  lucene search/p' "$DATA/lucene-search-$n.log"
    rm -rf "$DATA/lucene-$n.idx"
  fi
  rm -rf "$idx"
  if [ "$made" = 1 ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$corpus"; fi
done
