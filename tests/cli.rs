//! End-to-end tests of the `fahras` binary over the bundled fixtures.

mod common;

mod concurrency;
mod crash;
mod ingest;
mod morphology;
mod search;
