//! The arguments of `fahras search`, the command with the most of them.

use std::path::PathBuf;

use clap::{ArgGroup, Args, ValueEnum};

use super::{ColorWhen, FormatArgs};

#[derive(Debug, Args)]
#[command(
    // -0 ends the lines of either list
    group(ArgGroup::new("listing").args(["files_with_matches", "ids"]).multiple(true)),
    mut_arg("format", |arg| arg.help("Output format: readable text, or JSON Lines with one object per hit")),
    mut_arg("json", |arg| arg.help("Print JSON Lines, one object per hit (same as --format json)")),
    // `mut_arg` moves an argument to the end: --color goes back after --format and --json,
    // where completion scripts list it
    mut_arg("color", |arg| arg)
)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces; after the first, a word starting with a
    /// dash is a query word unless it is an option, and -- ends the options); `-` reads it from
    /// stdin
    #[arg(required_unless_present = "queries", value_name = "QUERY")]
    pub query: Vec<String>,

    /// Answer every query of FILE ("-" = stdin): one per line, or ID<TAB>QUERY
    #[arg(long, value_name = "FILE", conflicts_with_all = ["query", "count", "files_with_matches", "ids", "quiet"])]
    pub queries: Option<PathBuf>,

    /// Threads answering --queries (answers still print in query order) [default: number of
    /// CPUs]
    #[arg(short, long, value_name = "N", requires = "queries")]
    pub jobs: Option<usize>,

    /// Take the query as plain words: quotes, + - ( ) : and AND/OR/NOT are not special
    #[arg(long)]
    pub plain: bool,

    /// Only articles dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles dated on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Order hits by relevance or by date (newest first)
    #[arg(long, value_name = "KEY", default_value = "score")]
    pub sort: SortKey,

    /// Print TREC run-file lines (QID Q0 PATH RANK SCORE fahras) for evaluation tools
    #[arg(long, conflicts_with_all = ["json", "count", "files_with_matches"])]
    pub trec: bool,

    /// Override ranking parameters, e.g. proximity=0,title=3 (for evaluation; see EVALUATION.md)
    #[arg(long, value_name = "KEY=VALUE,...", hide = true)]
    pub tune: Option<String>,

    /// Show at most N results [default: 10, or every match with -l or --ids]
    #[arg(short = 'n', long, value_name = "N", value_parser = at_least_one)]
    pub limit: Option<usize>,

    /// Skip the first N results (the next page of `-n 10` is `--offset 10`)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,

    /// Show every copy of a story: by default near-copies (the same text printed by several
    /// outlets) are folded under the best-ranked one, as `+N similar: …`
    #[arg(long)]
    pub all: bool,

    /// Print only the path of each file holding a matching article, best first, each file
    /// once; -n and --offset count files
    #[arg(short = 'l', long, conflicts_with = "count")]
    pub files_with_matches: bool,

    /// Print only the id of each matching article, best first, one per line, for `fahras
    /// show`: its path, or PATH#N or its DOCNO when its file holds several articles
    #[arg(long, conflicts_with_all = ["count", "files_with_matches", "trec"])]
    pub ids: bool,

    /// Print only the number of matching articles (all of them: -n and --offset do not apply)
    #[arg(short = 'c', long)]
    pub count: bool,

    /// With -l or --ids, end each line with a NUL byte instead of a newline (for `xargs -0`)
    #[arg(short = '0', long, requires = "listing")]
    pub null: bool,

    /// Print nothing: the exit status alone says whether anything matched
    #[arg(short = 'q', long)]
    pub quiet: bool,

    #[command(flatten)]
    pub output: FormatArgs,

    /// When to use colour
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: ColorWhen,
}

/// Orders of `fahras search` hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Best match first
    Score,
    /// Newest first; undated articles last
    Date,
}

/// A count that must be positive: `-n 0` would silently show nothing.
pub(super) fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(err) => Err(err.to_string()),
    }
}
