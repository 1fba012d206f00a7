//! The arguments of `fahras dups`.

use clap::Args;

#[derive(Debug, Args)]
pub struct DupsArgs {
    /// How alike two articles must be, from 0.3 to 1 (the share of their five-word runs they
    /// have in common)
    #[arg(long, value_name = "X", default_value_t = crate::index::near::DEFAULT_SIMILARITY,
          value_parser = parse_similarity)]
    pub min_similarity: f32,

    /// Print JSON Lines: one object per group
    #[arg(long)]
    pub json: bool,

    /// Print every linked pair {"a","b","similarity"} instead of groups (for evaluation; see
    /// EVALUATION.md)
    #[arg(long, hide = true)]
    pub pairs: bool,
}

/// A `--min-similarity` the signatures can tell: below 0.3 the bands miss many pairs.
fn parse_similarity(text: &str) -> Result<f32, String> {
    let lowest = crate::index::near::LOWEST_SIMILARITY;
    match text.parse::<f32>() {
        Ok(x) if (lowest..=1.0).contains(&x) => Ok(x),
        Ok(_) => Err(format!("must be from {lowest} to 1")),
        Err(err) => Err(err.to_string()),
    }
}
