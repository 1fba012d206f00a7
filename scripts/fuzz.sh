#!/usr/bin/env bash
# Runs every cargo-fuzz target for a while (default 600 s each), one after another.
#   scripts/fuzz.sh [SECONDS]
# Needs `cargo install cargo-fuzz`. cargo-fuzz wants a nightly compiler for its sanitizer
# flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them. Crashes land in
# fuzz/artifacts/TARGET/; turn each into a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-600}"
for target in analyzer ingest_text query; do
  mkdir -p "corpus/$target"
  echo "== $target ($secs s)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)|SUMMARY|ERROR|panicked" || true
done
