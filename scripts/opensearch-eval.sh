#!/usr/bin/env bash
# MRR@10 of an OpenSearch analysis chain on the retrieval sets, run on Lucene 9.9 (what
# OpenSearch analyzes with) through ../shared/peers/lucene/lucene.sh (EVALUATION.md,
# "The exported OpenSearch analyzer").
#
#   scripts/opensearch-eval.sh SETTINGS.json [SET...]    # default sets: ki-ant qa-arcd
#   scripts/opensearch-eval.sh arabic [SET...]           # OpenSearch's built-in `arabic`
#
# SETTINGS.json is the settings.json of `fahras export --format opensearch DIR`. Environment:
#   FAHRAS_SHARED  shared folder with tools/, peers/ and corpus/ (default: ../shared, else /work/shared)
#   EVAL_SETS      the sets (default: eval-out/sets; built there if missing)
#   EVAL_OUT       indexes, runs and scores (default: eval-out/opensearch)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${FAHRAS_SHARED:-}
if [[ -z $shared ]]; then
    for candidate in "$root/../shared" /work/shared; do
        if [[ -f $candidate/tools/score.py ]]; then shared=$candidate; break; fi
    done
fi
[[ -n $shared && -x $shared/peers/lucene/lucene.sh ]] || {
    echo "opensearch-eval: cannot find the shared peers; set FAHRAS_SHARED" >&2; exit 2; }
[[ $# -ge 1 ]] || { echo "usage: $0 SETTINGS.json|arabic [SET...]" >&2; exit 2; }
settings=$1; shift
sets=${EVAL_SETS:-$root/eval-out/sets}
out=${EVAL_OUT:-$root/eval-out/opensearch}
if [[ ! -f $sets/ki-ant/qrels.tsv || ! -f $sets/qa-arcd/qrels.tsv ]]; then
    python3 "$shared/tools/build_sets.py" "$shared/corpus" "$sets" >&2
fi
if [[ $settings == arabic ]]; then
    java_opts=""; tag=arabic
else
    settings=$(cd "$(dirname "$settings")" && pwd)/$(basename "$settings")
    java_opts="-Dsettings=$settings"; tag=$(basename "$(dirname "$settings")")
fi
mkdir -p "$out"
[[ $# -gt 0 ]] || set -- ki-ant qa-arcd
for set in "$@"; do
    idx=$out/$tag-$set.idx
    rm -rf "$idx"
    JAVA_OPTS="$java_opts -Dthreads=2" "$shared/peers/lucene/lucene.sh" index "$sets/$set/corpus" "$idx" 2>"$out/$tag-$set.log"
    JAVA_OPTS="$java_opts" "$shared/peers/lucene/lucene.sh" search "$idx" "$sets/$set/queries.tsv" "$out/$tag-$set.run" 100 2>>"$out/$tag-$set.log"
    rm -rf "$idx"
    printf '%s\t%s\t' "$tag" "$set"
    python3 "$shared/tools/score.py" "$sets/$set/qrels.tsv" "$out/$tag-$set.run" | tr '\n' ' '
    echo
done
