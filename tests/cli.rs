//! End-to-end tests of the `fahras` binary over the bundled fixtures.

mod common;

mod concurrency;
mod crash;
mod ingest;
mod inspect;
mod modes;
mod morphology;
mod query;
mod search;
mod shell;
mod terminal;
