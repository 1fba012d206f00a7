#!/usr/bin/env bash
# Do two fahras binaries print the same? For a refactor that must not change behaviour.
#
#   scripts/same-output.sh OLD_BIN NEW_BIN
#
# Ingests the ANT corpus (ant-multisource, 31,525 files) with -j 1 into the same index path
# with each binary, then runs the same commands with each: search as text (coloured and not),
# JSON, -l, -l0, -c, -q, --trec, batches (--trec, text, JSON, with bad ids and queries), show,
# stats, check, clean, the refused flag combinations and every --help. It saves stdout,
# stderr and the exit status of each, and compares them byte for byte (--help separately:
# clap may reflow it). Exit status: 0 if all the same, 1 if not.
#
# Environment:
#   FAHRAS_SHARED  shared folder with corpus/  (default: ../shared beside the repository)
#   SAME_OUT       where indexes and outputs go (default: a new temporary folder)
set -euo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 OLD_BIN NEW_BIN" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
shared=${FAHRAS_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
corpus=$shared/corpus/ant-multisource-v2.1
[[ -d $corpus ]] || { echo "same-output: no corpus at $corpus" >&2; exit 2; }
out=${SAME_OUT:-$(mktemp -d)}
index=$out/index
mkdir -p "$out"

queries=$out/queries.tsv
printf '%s\n' \
    $'q1\tالتحالف الدولي' \
    $'q2\t"الأمم المتحدة" +سوريا -العراق' \
    $'q3\t(دمشق OR حلب) AND title:الأسد' \
    $'q4\tمتى تأسست الجامعة العربية' \
    $'q5\tكم عدد اللاجئين السوريين' \
    $'q6\tحلبببب' \
    $'bad id\tسوريا' \
    $'q8\t"unclosed' \
    'الرقة' \
    $'q10\tbody:*' > "$queries"

# name, then the arguments of one case; stdin is empty unless the case says otherwise
cases() {
    local q
    for q in 'التحالف الدولي' '"الأمم المتحدة" +سوريا -العراق' '(دمشق OR حلب) AND title:الأسد' \
             'متى تأسست الجامعة العربية' 'حلبببب' 'source:BBC ترامب' 'الرقة' '"unclosed'; do
        run "search-text" search --color never -- "$q"
        run "search-color" search --color always -- "$q"
        run "search-json" search --json -- "$q"
        run "search-format-json" search --format json -n 25 --offset 5 -- "$q"
        run "search-l" search -l -- "$q"
        run "search-l0" search -l0 -n 30 --offset 3 -- "$q"
        run "search-c" search -c -- "$q"
        run "search-q" search -q -- "$q"
        run "search-trec" search --trec -n 100 -- "$q"
        run "search-trec-offset" search --trec -n 20 --offset 15 -- "$q"
        run "search-date" search --sort date --since 2018-03 --until 2018-09 -n 15 -- "$q"
        run "search-plain" search --plain --json -- "$q"
        run "search-tune" search --tune proximity=0,title=3 --trec -n 50 -- "$q"
    done
    run "batch-trec" search --queries "$queries" --plain --trec -n 100
    run "batch-trec-j1" search --queries "$queries" --trec -n 100 -j 1
    run "batch-text" search --queries "$queries" --color never
    run "batch-json" search --queries "$queries" --json -n 5 -j 2
    run "batch-missing" search --queries "$out/no-such-file"
    run "refused-json-l" search --json -l سوريا
    run "refused-format-json-c" search --format json -c سوريا
    run "refused-trec-l" search --trec -l سوريا
    run "refused-queries-q" search --queries "$queries" -q
    run "refused-jobs" search -j 2 سوريا
    run "refused-date" search --since 2018-13 سوريا
    run "refused-n0" search -n 0 سوريا
    local paths
    paths=$(FAHRAS_INDEX=$index "$bin" search -l -n 5 'مجلس الأمن' | tr '\n' ' ')
    # shellcheck disable=SC2086
    run "show-text" show $paths "$corpus/no-such-file.txt"
    # shellcheck disable=SC2086
    run "show-json" show --json $paths
    # shellcheck disable=SC2086
    run "show-format-json" show --format json --format text $paths
    run "stats-text" stats
    run "stats-json" stats --terms 50 --json
    run "stats-format" stats --json --format text
    run "check" check
    run "clean-text" clean -j 1 "$corpus/BBC/culture"
    run "clean-json" clean --json -j 1 "$corpus/CNN"
    run "completions" completions bash
    run "man" man
}

n=0
run() {
    local name=$1
    shift
    n=$((n + 1))
    local file
    file=$(printf '%s/%03d-%s' "$dir" "$n" "$name")
    printf '%s\n' "$*" > "$file.args"
    set +e
    FAHRAS_INDEX=$index "$bin" "$@" > "$file.out" 2> "$file.err" < /dev/null
    echo $? > "$file.status"
    set -e
}

helps() {
    local command
    for command in '' ingest search show rm stats check completions man clean; do
        # shellcheck disable=SC2086
        "$bin" $command --help > "$dir/help-${command:-fahras}.txt" 2>&1 || true
    done
}

for side in old new; do
    # both called fahras: clap names the binary in usage lines and errors
    mkdir -p "$out/bin-$side"
    cp "${!side}" "$out/bin-$side/fahras"
    bin=$out/bin-$side/fahras
    dir=$out/$side
    rm -rf "$index" "$dir"
    mkdir -p "$dir/help"
    echo "same-output: $side: ingesting $corpus with -j 1" >&2
    start=$(date +%s)
    FAHRAS_INDEX=$index "$bin" ingest -q -j 1 "$corpus" > "$dir/ingest.out" 2> "$dir/ingest.err" \
        || echo "ingest exit $?" >> "$dir/ingest.err"
    echo "same-output: $side: ingested in $(( $(date +%s) - start )) s; running the cases" >&2
    n=0
    cases
    dir=$out/$side/help helps
done

# the ingest summary names its time: compare it without the figures
for side in old new; do
    sed -E 's/[0-9.]+ ?(s|ms|µs)\b/TIME/g' "$out/$side/ingest.err" > "$out/$side/ingest.err.untimed"
    rm "$out/$side/ingest.err"
done

status=0
echo "same-output: $n cases each in $out/old and $out/new"
if diff -r -q --exclude=help --exclude="bin-*" "$out/old" "$out/new"; then
    echo "same-output: all outputs, errors and exit statuses are byte-identical"
else
    echo "same-output: DIFFERENCES above (diff -r --exclude=help $out/old $out/new)"
    status=1
fi
if diff -r -q "$out/old/help" "$out/new/help" > /dev/null; then
    echo "same-output: --help texts are identical"
else
    echo "same-output: --help texts differ (reflow is allowed; read them):"
    diff -r "$out/old/help" "$out/new/help" || true
fi
exit $status
