#!/usr/bin/env bash
# The long crash-safety run: many SIGKILL trials of `fahras ingest` on a release build.
#   scripts/crash-test.sh [TRIALS] [DOCS] [SEED]
# Each trial kills an ingest at a pseudo-random moment (seeded), checks that the index opens
# and holds no duplicate, re-runs the ingest and checks exactly one document per article.
set -euo pipefail
cd "$(dirname "$0")/.."
export FAHRAS_CRASH_TRIALS="${1:-30}" FAHRAS_CRASH_DOCS="${2:-400}" FAHRAS_CRASH_SEED="${3:-20261122}"
cargo test --release --locked --test cli crash -- --nocapture 2>&1 | grep -E "^trials?|test result|panicked|FAILED"
