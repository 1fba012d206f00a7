//! Times the two index analyzers alone over every file of a folder, as read (tags and all):
//! `cargo run --release --example analyzer_throughput -- DIR`.
//!
//! An ingest mixes the analyzers with reading, cleaning and tantivy's indexing; this isolates
//! them, and its checksum of the tokens (text lengths and offsets) shows that a faster
//! analyzer still produces the same tokens (BENCHMARKS.md, "Reading and analysis on bytes").

use std::time::Instant;

use anyhow::{Context, Result};
use fahras::analysis::{exact_analyzer, stemmed_analyzer};

const ROUNDS: usize = 3;

fn main() -> Result<()> {
    let dir = std::env::args()
        .nth(1)
        .context("usage: analyzer_throughput DIR")?;
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            // files that are not UTF-8 are left out: this times the analyzers, not decoding
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    for (name, mut analyzer) in [("exact", exact_analyzer()), ("stemmed", stemmed_analyzer())] {
        for _ in 0..ROUNDS {
            let started = Instant::now();
            let (mut tokens, mut checksum) = (0usize, 0u64);
            for text in &texts {
                let mut stream = analyzer.token_stream(text);
                while let Some(token) = stream.next() {
                    tokens += 1;
                    checksum = checksum
                        .wrapping_mul(31)
                        .wrapping_add((token.text.len() + token.offset_from) as u64);
                }
            }
            println!(
                "{name}: {:.1} MB, {tokens} tokens, checksum {checksum:016x}, {:.3} s",
                bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}
