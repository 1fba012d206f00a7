//! End-to-end tests of the `fahras` binary over the bundled fixtures.

mod common;

mod concurrency;
mod ingest;
mod morphology;
mod search;
