#!/usr/bin/env bash
# fahras performance benchmark, with the peers measured in the same run so every comparison is
# a ratio between figures taken on the same machine at the same time.
#
#   scripts/bench.sh [OUT_DIR]            (default: bench-out/)
#
# Needs: the shipped build (`--profile dist`, made here; PROFILE=release for the quick one),
# ../shared beside the repo, GNU time, hyperfine; for the peers: Java 17 and `pip install
# --no-deps pyserini==1.6.0` (Lucene jars), `cargo install tantivy-cli`
# (see ../shared/peers/README.md). A missing peer is reported and skipped.
# Environment: CORPUS (default ../shared/corpus/ant-multisource-v2.1), QUERIES (default
# ../shared/peers/queries/news20.tsv), JOBS (fahras --jobs, default: all cores), HEADLINES
# (distinct queries for a second batch; default eval-out/sets/ki-ant/queries.tsv),
# SCALING=0 to skip the 25/50/100% runs, PEERS=0 to skip the peers, PAIRS=N rounds of fahras
# and Lucene ingests back to back for the ratio (default 3); LARGE=DIR adds a memory
# check on a larger corpus: DIR (plain-text articles, e.g. eval-out/sets/ki-ant/corpus) one,
# two and four times over, as hard-linked copies (distinct paths, so distinct articles).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED="${SHARED:-$ROOT/../shared}"
CORPUS="${CORPUS:-$SHARED/corpus/ant-multisource-v2.1}"
QUERIES="${QUERIES:-$SHARED/peers/queries/news20.tsv}"
OUT="$(mkdir -p "${1:-bench-out}" && cd "${1:-bench-out}" && pwd)"
PROFILE="${PROFILE:-dist}"
FAHRAS="${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE/fahras"
JOBS_ARG=()
[ -n "${JOBS:-}" ] && JOBS_ARG=(--jobs "$JOBS")

cargo build --profile "$PROFILE" --locked -q
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r)"
echo "== fahras $("$FAHRAS" --version | awk '{print $2}') ($(git rev-parse --short HEAD), profile $PROFILE)"

# Files the peers index: every *.txt under the corpus.
list="$OUT/files.txt"
find "$CORPUS" -type f -name '*.txt' | LC_ALL=C sort > "$list"
nfiles=$(wc -l < "$list")
# Warm the page cache so every run reads from memory.
xargs -a "$list" -d '\n' cat > /dev/null

rss_mib() { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$1"; }

# fahras ingest of a subset (a folder of symlinks to the first N files of the list).
ingest_subset() {
  local pct=$1 n dir idx log bytes docs
  n=$(( nfiles * pct / 100 ))
  dir="$OUT/subset-$pct"; idx="$OUT/fahras-$pct.idx"; log="$OUT/fahras-ingest-$pct.log"
  rm -rf "$dir" "$idx"; mkdir -p "$dir"
  head -n "$n" "$list" | python3 -c '
import os, sys
for i, line in enumerate(sys.stdin):
    os.symlink(line.rstrip("\n"), os.path.join(sys.argv[1], "%07d.txt" % i))' "$dir"
  bytes=$(head -n "$n" "$list" | xargs -d '\n' cat | wc -c)
  /usr/bin/time -v "$FAHRAS" --index "$idx" ingest "${JOBS_ARG[@]}" "$dir" 2> "$log"
  docs=$(grep -o '[0-9]* articles indexed' "$log" | awk '{print $1}')
  local wall; wall=$(wall_s "$log")
  local isize; isize=$(du -sb "$idx" | cut -f1)
  printf "fahras ingest %3d%%: files=%d docs=%s bytes=%d wall_s=%s MB_per_s=%.2f docs_per_s=%.0f peak_rss_MiB=%s index_bytes=%d index_ratio=%.3f\n" \
    "$pct" "$n" "$docs" "$bytes" "$wall" "$(echo "$bytes / 1000000 / $wall" | bc -l)" \
    "$(echo "$docs / $wall" | bc -l)" "$(rss_mib "$log")" "$isize" "$(echo "$isize / $bytes" | bc -l)"
}

echo "== ingest: $CORPUS ($nfiles files)"
if [ "${SCALING:-1}" = 1 ]; then
  for pct in 25 50 100; do ingest_subset "$pct"; done
else
  ingest_subset 100
fi
IDX="$OUT/fahras-100.idx"

if [ -n "${LARGE:-}" ]; then
  echo "== larger corpus: $LARGE, 1, 2 and 4 copies (hard links)"
  farm="$OUT/large"
  rm -rf "$farm"; mkdir -p "$farm"
  for i in 1 2 3 4; do cp -al "$LARGE" "$farm/copy$i"; done
  for n in 1 2 4; do
    dirs=(); for i in $(seq "$n"); do dirs+=("$farm/copy$i"); done
    idx="$OUT/large-$n.idx"; log="$OUT/large-ingest-$n.log"; rm -rf "$idx"
    /usr/bin/time -v "$FAHRAS" --index "$idx" ingest "${JOBS_ARG[@]}" "${dirs[@]}" 2> "$log"
    bytes=$(find -L "${dirs[@]}" -type f -name '*.txt' -print0 | xargs -0 cat | wc -c)
    printf "fahras ingest %dx: files=%s bytes=%d wall_s=%s MB_per_s=%.2f peak_rss_MiB=%s segments=%d index_bytes=%d\n" \
      "$n" "$(grep -o '[0-9]* articles indexed' "$log" | awk '{print $1}')" "$bytes" "$(wall_s "$log")" \
      "$(echo "$bytes / 1000000 / $(wall_s "$log")" | bc -l)" "$(rss_mib "$log")" \
      "$(find "$idx" -name '*.store' | wc -l)" "$(du -sb "$idx" | cut -f1)"
  done
  rm -rf "$farm" "$OUT"/large-*.idx
fi

echo "== one-shot search (process start to exit, text output with snippets, hyperfine)"
cut -f2 "$QUERIES" > "$OUT/queries.txt"
cmds=()
while IFS= read -r q; do cmds+=("$FAHRAS --index $IDX search --color never -- '$q'"); done < "$OUT/queries.txt"
hyperfine -N --warmup 3 --runs 20 -i --export-json "$OUT/search.json" "${cmds[@]}" > /dev/null 2>&1
python3 - "$OUT/search.json" <<'PY'
import json, statistics, sys
runs = sorted(t for r in json.load(open(sys.argv[1]))["results"] for t in r["times"])
p = lambda q: runs[min(len(runs) - 1, int(q * len(runs)))]
print(f"search one-shot: queries=20 runs={len(runs)} median_ms={statistics.median(runs)*1000:.2f} p95_ms={p(0.95)*1000:.2f} max_ms={runs[-1]*1000:.2f}")
PY

if "$FAHRAS" search --help | grep -q -- '--queries'; then
  echo "== batch search (--queries, one process)"
  for _ in $(seq 100); do cat "$QUERIES"; done | awk -F'\t' '{printf "b%d\t%s\n", NR, $2}' > "$OUT/batch.tsv"
  batch() {  # name, queries file, extra flags: hyperfine, 1 warm-up and 5 runs
    local name=$1 file=$2 nq; shift 2
    nq=$(wc -l < "$file")
    hyperfine -N --warmup 1 --runs 5 -i --export-json "$OUT/batch-$name.json" \
      "$FAHRAS --index $IDX search --queries $file --json $*" > /dev/null 2>&1
    python3 - "$OUT/batch-$name.json" "$nq" "$name" <<'PY'
import json, sys
times = json.load(open(sys.argv[1]))["results"][0]["times"]
nq = int(sys.argv[2]); mean = sum(times) / len(times)
print(f"search batch ({sys.argv[3]}): queries={nq} runs={len(times)} mean_s={mean:.3f} "
      f"queries_per_s={nq / mean:.0f} (min {nq / max(times):.0f}, max {nq / min(times):.0f})")
PY
  }
  batch news20x100 "$OUT/batch.tsv"
  # 2,000 distinct, longer queries: the ki-ant headlines, when the evaluation sets are built
  HEADLINES="${HEADLINES:-$ROOT/eval-out/sets/ki-ant/queries.tsv}"
  if [ -f "$HEADLINES" ]; then
    batch headlines "$HEADLINES" --plain
  else
    echo "search batch (headlines): skipped (no $HEADLINES; run scripts/eval.sh ki-ant or set HEADLINES)"
  fi
fi

if [ "${PEERS:-1}" = 1 ]; then
  echo "== peers, same corpus, same run"
  rm -rf "$OUT/peers"; cp -r "$SHARED/peers" "$OUT/peers"; chmod -R u+w "$OUT/peers"
  if JAVA_OPTS="-Dthreads=2" "$OUT/peers/lucene/lucene.sh" index "$CORPUS" "$OUT/lucene.idx" 2> "$OUT/lucene.log"; then
    grep -h '^\[lucene\] index' "$OUT/lucene.log" | sed 's/^/lucene (2 threads) /'
  else
    echo "lucene: skipped ($(tail -1 "$OUT/lucene.log"))"
  fi
  if TANTIVY_THREADS=2 "$OUT/peers/tantivy_cli.sh" index "$CORPUS" "$OUT/tantivy-cli.idx" 2> "$OUT/tantivy-cli.log"; then
    grep -h '^\[tantivy-cli\] index' "$OUT/tantivy-cli.log" | sed 's/^/tantivy-cli (2 threads) /'
  else
    echo "tantivy-cli: skipped ($(tail -1 "$OUT/tantivy-cli.log"))"
  fi

  # The figures above are minutes apart, and this VM's speed drifts by a quarter within an
  # hour, so the ingest ratio is also measured in PAIRS rounds of fahras and Lucene back to
  # back, on the corpus folder itself, and its median reported.
  if grep -q '^\[lucene\] index' "$OUT/lucene.log"; then
    echo "== paired ingest: fahras and Lucene (2 threads), back to back, ${PAIRS:-3} rounds"
    ratios=()
    corpus_bytes=$(xargs -a "$list" -d '\n' cat | wc -c)
    for round in $(seq "${PAIRS:-3}"); do
      rm -rf "$OUT/pair.idx" "$OUT/pair-lucene.idx"
      # Odd rounds start with fahras, even ones with Lucene, so neither always runs second.
      for who in $( [ $((round % 2)) = 1 ] && echo "fahras lucene" || echo "lucene fahras"); do
        if [ "$who" = fahras ]; then
          /usr/bin/time -v "$FAHRAS" --index "$OUT/pair.idx" ingest "${JOBS_ARG[@]}" "$CORPUS" 2> "$OUT/pair.log"
        else
          JAVA_OPTS="-Dthreads=2" "$OUT/peers/lucene/lucene.sh" index "$CORPUS" "$OUT/pair-lucene.idx" 2> "$OUT/pair-lucene.log"
        fi
      done
      fahras_mbs=$(echo "$corpus_bytes / 1000000 / $(wall_s "$OUT/pair.log")" | bc -l)
      lucene_mbs=$(grep -ho 'MB_per_s=[0-9.]*' "$OUT/pair-lucene.log" | cut -d= -f2)
      ratio=$(echo "$fahras_mbs / $lucene_mbs" | bc -l)
      ratios+=("$ratio")
      printf "pair %d: fahras MB_per_s=%.2f lucene MB_per_s=%.2f ratio=%.2f\n" "$round" "$fahras_mbs" "$lucene_mbs" "$ratio"
    done
    printf "%s\n" "${ratios[@]}" | sort -g | awk '{r[NR]=$1} END {printf "paired ingest ratio: median=%.2f min=%.2f max=%.2f rounds=%d\n", (NR%2 ? r[(NR+1)/2] : (r[NR/2]+r[NR/2+1])/2), r[1], r[NR], NR}'
    rm -rf "$OUT/pair.idx" "$OUT/pair-lucene.idx"
  fi
fi
