//! The arguments of the corpus views: `fahras count`, `fahras kwic` and `fahras terms`. Each
//! takes a query in the language of `fahras search`, and the same date bounds.

use clap::{Args, ValueEnum};

/// The query and date bounds every view shares with `fahras search`.
#[derive(Debug, Args)]
pub struct ViewQueryArgs {
    /// The query, in the language of `fahras search` (several words are joined with spaces)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only articles dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles dated on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct CountArgs {
    #[command(flatten)]
    pub query: ViewQueryArgs,

    /// What to count the matching articles by
    #[arg(long, value_name = "FIELD")]
    pub by: CountBy,

    /// Print JSON Lines: one {"key","documents"} object per bucket
    #[arg(long)]
    pub json: bool,
}

/// The buckets of `fahras count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountBy {
    /// The article's source (site or newspaper)
    Source,
    /// The article's author
    Author,
    /// Year of publication (YYYY)
    Year,
    /// Month of publication (YYYY-MM)
    Month,
    /// ISO week of publication (YYYY-Www)
    Week,
    /// Day of publication (YYYY-MM-DD)
    Day,
}

#[derive(Debug, Args)]
pub struct KwicArgs {
    #[command(flatten)]
    pub query: ViewQueryArgs,

    /// Characters of context on each side of the matched word
    #[arg(long, value_name = "N", default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub width: u16,

    /// Print at most N lines [default: all, from the first 1,000 articles]
    #[arg(short = 'n', long, value_name = "N", value_parser = super::search::at_least_one)]
    pub limit: Option<usize>,

    /// Order of the lines: by article (best match first), by date (newest first), or
    /// alphabetically by the words before or after the match (nearest word first)
    #[arg(long, value_name = "KEY", default_value = "rank")]
    pub sort: KwicSort,

    /// Print JSON Lines: one {"id","path","title","date","left","match","right"} per line
    #[arg(long)]
    pub json: bool,
}

/// Orders of concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicSort {
    /// Articles best match first, each article's lines in text order
    Rank,
    /// Articles newest first; undated articles last
    Date,
    /// By the words before the match, nearest first (AntConc's 1L, 2L, 3L)
    Left,
    /// By the words after the match, nearest first (1R, 2R, 3R)
    Right,
}

#[derive(Debug, Args)]
pub struct TermsArgs {
    #[command(flatten)]
    pub query: ViewQueryArgs,

    /// How many words to list
    #[arg(short = 'n', long, value_name = "N", default_value_t = 20, value_parser = super::search::at_least_one)]
    pub limit: usize,

    /// Print JSON Lines: one {"term","documents","score"} object per word
    #[arg(long)]
    pub json: bool,
}
