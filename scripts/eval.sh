#!/usr/bin/env bash
# Retrieval evaluation of fahras on the shared sets (see EVALUATION.md).
#
#   scripts/eval.sh [SET...]            # default: ki-ant qa-arcd
#
# For each set: ingest its corpus into a fresh index with a release build, answer all its
# queries in ONE fahras process (--queries, --plain, --trec, top 100), score the run
# with the shared score.py and print MRR@10, R@1, R@10, R@100; then MRR@10, R@1, R@10 on
# all queries and on the tuning and held-back parts (scripts/eval-split.py).
#
# Environment:
#   FAHRAS_SHARED  shared folder with tools/ and corpus/   (default: ../shared, else /work/shared)
#   EVAL_SETS      where the sets are, built there with build_sets.py if missing
#                  (default: eval-out/sets)
#   EVAL_OUT       indexes, runs and scores                 (default: eval-out)
#   EVAL_TUNE      ranking overrides for fahras --tune, e.g. "proximity=0" (default: none)
#   EVAL_REUSE_INDEX=1  keep an index from an earlier run instead of ingesting again
#   EVAL_TAG       name of this run in the output files    (default: run)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${FAHRAS_SHARED:-}
if [[ -z $shared ]]; then
    for candidate in "$root/../shared" /work/shared; do
        if [[ -f $candidate/tools/score.py ]]; then shared=$candidate; break; fi
    done
fi
[[ -n $shared && -f $shared/tools/score.py ]] || {
    echo "eval: cannot find the shared tools; set FAHRAS_SHARED" >&2; exit 2; }
out=${EVAL_OUT:-$root/eval-out}
sets=${EVAL_SETS:-$out/sets}
tag=${EVAL_TAG:-run}
mkdir -p "$out"

if [[ ! -f $sets/ki-ant/qrels.tsv || ! -f $sets/qa-arcd/qrels.tsv ]]; then
    echo "eval: building the sets in $sets" >&2
    python3 "$shared/tools/build_sets.py" "$shared/corpus" "$sets"
fi

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin=${CARGO_TARGET_DIR:-$root/target}/release/fahras

tune=()
[[ -n ${EVAL_TUNE:-} ]] && tune=(--tune "$EVAL_TUNE")

(( $# )) || set -- ki-ant qa-arcd
for set in "$@"; do
    index=$out/index-$set
    if [[ ${EVAL_REUSE_INDEX:-0} != 1 || ! -f $index/meta.json ]]; then
        rm -rf "$index"
        start=$(date +%s.%N)
        "$bin" --index "$index" ingest "$sets/$set/corpus" 2>"$out/ingest-$set.log" || {
            cat "$out/ingest-$set.log" >&2; exit 2; }
        echo "eval: $set ingested in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
    fi
    run=$out/$tag-$set.trec
    start=$(date +%s.%N)
    # Exit status 1 only means some query found nothing.
    "$bin" --index "$index" search --queries "$sets/$set/queries.tsv" --plain --trec \
        -n 100 "${tune[@]}" >"$run" || [[ $? == 1 ]]
    echo "eval: $set searched in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
    printf '%-8s %s\n' "$set" "$(python3 "$shared/tools/score.py" "$sets/$set/qrels.tsv" "$run")" \
        | tee "$out/$tag-$set.score"
    # the same run on the tuning and held-back parts (scripts/eval-split.py)
    python3 "$root/scripts/eval-split.py" score "$sets/$set/qrels.tsv" "$run" \
        | sed "s/^/$set /" | tee -a "$out/$tag-$set.score"
done
