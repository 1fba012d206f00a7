#!/usr/bin/env bash
# Alternated ANT ingests of several fahras builds and Lucene (issue 28's cost, BENCHMARKS.md,
# "Near-duplicate signatures"): each round ingests the corpus with every build, then with
# Lucene's ArabicAnalyzer on two threads, each into a fresh index; at the end, the median wall
# and user CPU of each, Lucene's wall over each build's (median of the rounds) and each build's
# wall over the first build's, round by round (median).
#
#   scripts/ingest-vs.sh ROUNDS BIN [BIN...]      e.g. scripts/ingest-vs.sh 8 /tmp/OLD /tmp/NEW
#
# Environment: CORPUS (default $SHARED/corpus/ant-multisource-v2.1), SHARED (default ../shared).
# Copy each binary to its own path first (BENCHMARKS.md, "Comparing two builds").
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="$1"; shift
SHARED="${SHARED:-$PWD/../shared}"
CORPUS="${CORPUS:-$SHARED/corpus/ant-multisource-v2.1}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
log="$WORK/runs.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for bin in "$@" lucene; do
    rm -rf "$WORK/idx"
    if [ "$bin" = lucene ]; then
      JAVA_OPTS=-Dthreads=2 /usr/bin/time -o "$WORK/time" -f "%e %U" \
        "$SHARED/peers/lucene/lucene.sh" index "$CORPUS" "$WORK/idx" > /dev/null 2>&1
    else
      /usr/bin/time -o "$WORK/time" -f "%e %U" "$bin" --index "$WORK/idx" ingest -q "$CORPUS" \
        > /dev/null 2>&1
    fi
    printf '%s\t%s\t%s\n' "$round" "$bin" "$(cat "$WORK/time")" | tr ' ' '\t' | tee -a "$log"
  done
done
python3 - "$log" "$@" <<'PY'
import statistics, sys
from collections import defaultdict
path, bins = sys.argv[1], sys.argv[2:]
runs = defaultdict(dict)
for line in open(path):
    round_, name, wall, user = line.split('\t')
    runs[round_][name] = (float(wall), float(user))
rounds = list(runs.values())
med = statistics.median
for name in bins + ['lucene']:
    print(f"{name}: wall {med(r[name][0] for r in rounds):.2f} s, "
          f"user CPU {med(r[name][1] for r in rounds):.2f} s (medians of {len(rounds)})")
for name in bins:
    ratio = med(r['lucene'][0] / r[name][0] for r in rounds)
    pair = med(r[name][0] / r[bins[0]][0] for r in rounds)
    print(f"{name}: Lucene's wall / its wall {ratio:.3f}; its wall / {bins[0]}'s {pair:.3f}")
PY
