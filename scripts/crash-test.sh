#!/usr/bin/env bash
# The long crash-safety run: many SIGKILL trials on a release build, of `fahras ingest` and of
# the commands that remove or replace articles (`ingest --prune`, `rm FOLDER`, an ingest of
# emptied files, of changed files).
#   scripts/crash-test.sh [TRIALS] [DOCS] [SEED]
# Each trial kills an ingest at a pseudo-random moment (seeded), checks that the index opens
# and holds no duplicate, re-runs the ingest and checks exactly one document per article; each
# removal or update trial re-runs the killed command and checks the index holds exactly what an
# uninterrupted run leaves on a copy (ids and text of every article).
set -euo pipefail
cd "$(dirname "$0")/.."
export FAHRAS_CRASH_TRIALS="${1:-30}" FAHRAS_CRASH_DOCS="${2:-400}" FAHRAS_CRASH_SEED="${3:-20261122}"
cargo test --release --locked --test cli crash -- --nocapture 2>&1 | grep -E "^trials?|test result|panicked|FAILED"
