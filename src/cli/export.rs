//! The arguments of `fahras export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// `fahras export --help`.
pub const LONG_ABOUT: &str = "\
Write every article out for another engine: an OpenSearch index, or JSON Lines.

--format opensearch writes into the folder PATH (created if missing) settings.json, the
index settings and mappings with an analyzer that folds and stems as fahras does, and
bulk-0001.ndjson, bulk-0002.ndjson… of at most 16 MiB each, one bulk request each.
--format jsonl prints one JSON object per article {\"id\",\"path\",\"docno\",\"title\",
\"date\",\"source\",\"author\",\"body\",\"group\"}, \"group\" being the id of the first
article of its near-duplicate group (as `fahras dups` prints it), or the article's own id
when it has no near-copy. A folder that is not empty and an existing file are refused
unless --force. README.md, \"When one machine is not enough\", has the curl commands
that load the export.

Examples:
  fahras export --format opensearch ~/export
  fahras export --format jsonl > articles.jsonl
  fahras export --format jsonl | jq -c 'select(.group == .id)' > one-per-story.jsonl";

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write: an OpenSearch index (settings.json and bulk files in a folder), or JSON
    /// Lines (one object per article)
    #[arg(long, value_name = "FORMAT", required = true)]
    pub format: ExportFormat,

    /// The folder to write (opensearch); the file to write (jsonl; stdout if left out or `-`)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Replace an earlier export: the settings.json and bulk-*.ndjson of the folder (other
    /// files are left alone), or the jsonl file
    #[arg(long)]
    pub force: bool,

    /// Largest bulk file in bytes (for tests; the default keeps each file one request)
    #[arg(long, hide = true, value_name = "BYTES", default_value_t = crate::export::DEFAULT_LIMIT)]
    pub bulk_bytes: u64,
}

/// The formats `fahras export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// settings.json (analysis and mappings) and bulk-NNNN.ndjson files of at most 16 MiB
    Opensearch,
    /// One JSON object per line: id, path, docno, title, date, source, author, body, group
    Jsonl,
}
