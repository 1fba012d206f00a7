//! End-to-end tests of the `fahras` binary over the bundled fixtures.

mod common;

mod archives;
mod bad_input;
mod clean;
mod concurrency;
mod convergence;
mod crash;
mod damaged;
mod disk_full;
mod dups;
mod escapes;
mod export;
mod formats;
mod hostile;
mod html;
mod incremental;
mod ingest;
mod inspect;
mod modes;
mod morphology;
mod names;
mod query;
mod query_limits;
mod quiet;
mod readme;
mod records;
mod repetition;
mod search;
mod serve;
mod shell;
mod terminal;
mod trust;
mod typed_queries;
mod views;
