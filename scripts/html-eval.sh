#!/usr/bin/env bash
# Scores fahras's reading of HTML news pages against the hand-made gold in eval/html/:
# word-level F1 of the main text and exact titles, per page (see scripts/html_eval.py).
#
#   scripts/html-eval.sh [PAGES_DIR]
#
# PAGES_DIR defaults to the 10 Arabic pages of shared/corpus/arabic-news-html-pages/html.
# FAHRAS names the binary to score; by default a debug build of this checkout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${FAHRAS_SHARED:-$root/../shared}"
[ -d "$shared" ] || shared=/work/shared
pages="${1:-$shared/corpus/arabic-news-html-pages/html}"
if [ -z "${FAHRAS:-}" ]; then
    (cd "$root" && cargo build --quiet)
    FAHRAS="${CARGO_TARGET_DIR:-$root/target}/debug/fahras"
fi
exec python3 "$root/scripts/html_eval.py" "$FAHRAS" "$pages" "$root/eval/html"
