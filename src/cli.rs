//! Command-line interface: what the user can type, with the help text they see.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Index folders of Arabic news and search them with Arabic-aware matching.
///
/// fahras folds spelling variants (أ/إ/آ/ا, ة/ه, ى/ي, harakat, tatweel, Persian letters,
/// Arabic-Indic digits) and strips clitics, so التحالف finds والتحالف and للتحالف, and
/// الامريكية finds الأمريكيّة. Snippets show the text as written.
///
/// Examples:
///   fahras ingest ~/news
///   fahras search التحالف الدولي
///   fahras search '"الأمم المتحدة" +سوريا -العراق' --json
#[derive(Debug, Parser)]
#[command(name = "fahras", version, about, long_about, verbatim_doc_comment)]
pub struct Cli {
    /// Index directory [default: $XDG_DATA_HOME/fahras/index, or ~/.local/share/fahras/index]
    #[arg(long, global = true, value_name = "DIR", env = "FAHRAS_INDEX")]
    pub index: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles from files and folders into the index.
    ///
    /// Folders are walked recursively; files named directly are read whatever their extension.
    /// Ingesting the same file again replaces its earlier copy. Problems with single files are
    /// reported on stderr and the run goes on; the exit status is 2 if any file failed.
    ///
    /// Example: fahras ingest fixtures/seeds
    Ingest(IngestArgs),
    /// Search the index and print ranked articles with snippets.
    ///
    /// Words are OR-ed and ranked by BM25; "..." is a phrase (it matches across clitics:
    /// "الأمم المتحدة" finds للأمم المتحدة), +word is required, -word excluded, title:word
    /// searches titles only. Exit status: 0 if anything was found, 1 if not, 2 on error.
    ///
    /// Examples:
    ///   fahras search قسد
    ///   fahras search '"التحالف الدولي" -داعش' --limit 3
    ///   fahras search الامريكية --json | jq -r .path
    #[command(verbatim_doc_comment)]
    Search(SearchArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to read
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// File extensions to read inside folders (comma-separated)
    #[arg(long, value_name = "EXT", value_delimiter = ',', default_value = "txt")]
    pub ext: Vec<String>,

    /// Worker threads for reading and cleaning [default: number of CPUs]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// If another ingest is writing to the index, wait for it instead of failing
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces)
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show at most N results
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Print JSON Lines, one object per hit
    #[arg(long)]
    pub json: bool,

    /// When to use colour
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, unless NO_COLOR is set or TERM=dumb
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
