//! `fahras dups`: the groups of near-duplicate articles in the index ([`crate::index::dups`]),
//! each with the stored metadata of its members. Exit status 0 if any group was found, 1 if
//! none, as `search` does.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::index::{self, BlockCache};
use crate::plan::DupsPlan;
use crate::search::Similar;
use crate::{output, EXIT_NO_MATCH};

pub fn run(plan: DupsPlan) -> Result<ExitCode> {
    let index = index::open(&plan.index)?;
    let searcher = index.searcher()?;
    if plan.pairs {
        return print_pairs(&index, &searcher, plan.min_similarity);
    }
    let groups = index::dups::groups(&searcher, plan.min_similarity)?;
    let stored = index.stored_articles(&searcher, BlockCache::Shared)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (n, group) in groups.iter().enumerate() {
        let documents = group
            .iter()
            .map(|&address| {
                let article = stored.read(address)?;
                Ok(Similar {
                    id: article.id,
                    path: article.path,
                    title: article.title,
                    date: article.date,
                    source: article.source,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if plan.json {
            output::dups::print_json(&mut out, &documents)?;
        } else {
            output::dups::print_text(&mut out, n + 1, &documents)?;
        }
    }
    out.flush()?;
    Ok(if groups.is_empty() {
        ExitCode::from(EXIT_NO_MATCH)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--pairs`: one JSON object per linked pair, `{"a","b","similarity"}` (ids).
fn print_pairs(
    index: &index::ArticleIndex,
    searcher: &tantivy::Searcher,
    threshold: f32,
) -> Result<ExitCode> {
    let stored = index.stored_articles(searcher, BlockCache::Shared)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let pairs = index::dups::pairs(searcher, threshold)?;
    for &(a, b, similarity) in &pairs {
        let (a, b) = (stored.read(a)?.id, stored.read(b)?.id);
        let record = serde_json::json!({"a": a, "b": b, "similarity": similarity});
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    Ok(if pairs.is_empty() {
        ExitCode::from(EXIT_NO_MATCH)
    } else {
        ExitCode::SUCCESS
    })
}
