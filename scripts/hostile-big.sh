#!/usr/bin/env bash
# Peak memory of fahras on the largest hostile files, on a release build (issue 7: peak RSS must
# stay under the performance bound of 300 MB whatever the input).
#
#   scripts/hostile-big.sh [SIZE_MB] [BOUND_MB]      (defaults: 200 and 300)
#
# Runs, each under GNU time (`/usr/bin/time -v`, Maximum resident set size):
#   1. ingest of a folder holding a SIZE_MB file with no newline and one good article, with the
#      default --max-file-size: the big file must be skipped with its reason, the good one indexed;
#   2. ingest of a single-line file just under the default limit (20 MiB), the largest file
#      fahras accepts by default, then `search` and `show` over it;
#   3. SIZE_MB again, streamed through a FIFO named directly (no size to check beforehand): the
#      capped read must stop it at the limit;
#   4. a "when" question over an article of 100,000 query words followed by 100,000 years: the
#      answer-type rerank must stay linear (a quadratic version took 21 s here; the bound is 5 s).
# Fails (exit 1) if any run reaches BOUND_MB or does not do what it should.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${1:-200}"
BOUND_MB="${2:-300}"
cargo build --release --locked -q
FAHRAS="${CARGO_TARGET_DIR:-$PWD/target}/release/fahras"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failed=0

# One line of Arabic news text, repeated to N MiB with no newline.
single_line() { # MIB FILE
    python3 - "$1" "$2" <<'EOF'
import sys
mib, path = int(sys.argv[1]), sys.argv[2]
sentence = "قالت مصادر محلية إن الاجتماع بحث الأوضاع الأمنية والخدمية في المنطقة ".encode()
block = sentence * (1024 * 1024 // len(sentence))
with open(path, "wb") as f:
    for _ in range(mib):
        f.write(block)
    f.write("الخاتمة".encode())
EOF
}

# Runs a command under GNU time; prints its peak RSS in MB (10^6 bytes; GNU time reports KiB)
# and checks the bound.
measure() { # LABEL CMD...
    local label="$1"
    shift
    local log="$WORK/time.log"
    local status=0
    /usr/bin/time -v -o "$log" "$@" >"$WORK/out" 2>"$WORK/err" || status=$?
    local kb
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    local mb=$((kb * 1024 / 1000000))
    local verdict=ok
    if [ "$mb" -ge "$BOUND_MB" ]; then
        verdict="OVER ${BOUND_MB} MB"
        failed=1
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
    printf '%-58s exit %s  peak RSS %4d MB  %6.2f s  %s\n' "$label" "$status" "$mb" "$wall" "$verdict"
}

mkdir -p "$WORK/big" "$WORK/limit"
echo "== generating a ${SIZE_MB} MiB single-line file"
single_line "$SIZE_MB" "$WORK/big/huge.txt"
good="تقرير عن الأول في مدينة الرقة اليوم
قالت مصادر محلية إن الأول وصل إلى المدينة صباح اليوم."
printf '%s\n' "$good" >"$WORK/big/good.txt"
ls -l "$WORK/big/huge.txt" | awk '{print "   " $5 " bytes"}'

measure "ingest folder with the ${SIZE_MB} MiB file (default limit)" \
    "$FAHRAS" --index "$WORK/idx1" ingest "$WORK/big"
grep -q "huge.txt: skipped: .*over the 20.0 MiB limit" "$WORK/err" || { echo "   big file not skipped:"; cat "$WORK/err"; failed=1; }
grep -Eq "2 files seen: 1 (articles? )?indexed, 1 skipped, 0 failed" "$WORK/err" || { echo "   unexpected summary:"; cat "$WORK/err"; failed=1; }
sed 's/^/   /' "$WORK/err"

echo "== generating a 19 MiB single-line file (just under the default limit)"
single_line 19 "$WORK/limit/near.txt"
measure "ingest a 19 MiB single-line file" \
    "$FAHRAS" --index "$WORK/idx2" ingest "$WORK/limit"
grep -Eq "1 files? seen: 1 (articles? )?indexed" "$WORK/err" || { echo "   not indexed:"; cat "$WORK/err"; failed=1; }
measure "search over it (a word at its very end)" \
    "$FAHRAS" --index "$WORK/idx2" search الخاتمة
grep -q "near.txt" "$WORK/out" || { echo "   search did not find it"; failed=1; }
measure "show it (--json)" \
    "$FAHRAS" --index "$WORK/idx2" show --json "$WORK/limit/near.txt"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=d["title"]; assert len(t) <= 200, len(t); print("   title of", len(t), "characters:", t[:60] + "…")' "$WORK/out" || failed=1

echo "== the ${SIZE_MB} MiB file through a FIFO named directly"
mkfifo "$WORK/pipe.txt"
cat "$WORK/big/huge.txt" >"$WORK/pipe.txt" 2>/dev/null &
writer=$!
measure "ingest a FIFO carrying ${SIZE_MB} MiB" \
    "$FAHRAS" --index "$WORK/idx3" ingest "$WORK/pipe.txt"
kill "$writer" 2>/dev/null || true
wait "$writer" 2>/dev/null || true
grep -q "pipe.txt: skipped: over the 20.0 MiB limit" "$WORK/err" || { echo "   FIFO not cut off:"; cat "$WORK/err"; failed=1; }

echo "== a question over 100,000 query words and 100,000 years"
mkdir -p "$WORK/numbers"
python3 -c 'import sys; sys.stdout.write("عنوان\n" + "ولد " * 100000 + "كلمة " * 30 + "1990 " * 100000)' \
    >"$WORK/numbers/years.txt"
"$FAHRAS" --index "$WORK/idx4" ingest "$WORK/numbers" 2>/dev/null
measure "search 'متى ولد' over it" "$FAHRAS" --index "$WORK/idx4" search -n 1 "متى ولد"
grep -q "years.txt" "$WORK/out" || { echo "   search did not find it"; failed=1; }
awk -v w="$wall" 'BEGIN { exit !(w > 5) }' && { echo "   over 5 s"; failed=1; }

if [ "$failed" -ne 0 ]; then
    echo "FAILED"
    exit 1
fi
echo "all runs under ${BOUND_MB} MB"
