//! Command-line interface: what the user can type, with the help text they see.
//!
//! The doc comments here are `--help` text, which clap prints as written, not as Markdown:
//! `<DOC>` and `ID<TAB>QUERY` are what the user reads, not HTML tags.
#![allow(rustdoc::invalid_html_tags)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use encoding_rs::Encoding;

use crate::ingest::formats::Format;

mod dups;
mod export;
mod query_words;
mod search;
mod serve;
pub mod syntax;
mod views;

pub use dups::DupsArgs;
pub use export::{ExportArgs, ExportFormat};
pub use query_words::args_os;
pub use search::{SearchArgs, SortKey};
pub use serve::ServeArgs;
pub use views::{CountArgs, CountBy, KwicArgs, KwicSort, TermsArgs, ViewQueryArgs};

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
///   fahras search -l الرقة | head -3
///   fahras show ~/news/raqqa.txt
///   fahras stats
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
    /// A .gz file is read as the file it holds, and each member of a .zip archive as a file of
    /// its own, its articles under ARCHIVE.zip!/MEMBER (ids ARCHIVE.zip!/MEMBER#n).
    /// Each file is plain text (one article), an HTML page (one article), TREC/SGML <DOC> blocks or JSON records, in
    /// UTF-8, UTF-16 or a legacy Arabic encoding, all detected from the content. Site
    /// furniture is removed and title, date, source and author found. An article is
    /// identified by its DOCNO, else its path (path#n for the n-th record of a file);
    /// ingesting it again replaces its earlier copy. Problems with single files are reported
    /// on stderr and the run goes on; the exit status is 2 if any file could not be read.
    ///
    /// Examples:
    ///   fahras ingest fixtures/seeds
    ///   fahras ingest --format trec --ext txt,sgml corpus/
    ///   fahras ingest --encoding windows-1256 old-archive/
    #[command(
        verbatim_doc_comment,
        about = "Read articles from files and folders into the index"
    )]
    Ingest(IngestArgs),
    /// Search the index and print ranked articles with snippets (the long help, with the
    /// query language, is written in `syntax`).
    #[command(
        about = "Search the index and print ranked articles with snippets",
        long_about = syntax::search_long_about()
    )]
    Search(SearchArgs),
    /// Count the articles a query matches, by source, author or period.
    ///
    /// The query is that of `fahras search`, and so are the matches: the counts add up to
    /// `fahras search -c`. Prints one line per bucket: the count, the key and, on a terminal,
    /// a bar scaled to its width (piped, the bars are left out). Periods are in time order,
    /// with the empty ones between the first and the last; sources and authors most articles
    /// first. Articles without the field are counted under (none) (JSON: "key": null).
    /// Exit status: 0 if anything matched, 1 if not, 2 on error.
    ///
    /// Examples:
    ///   fahras count التحالف --by month
    ///   fahras count '"كأس العالم"' --by source --json
    ///   fahras count '*' --by year
    #[command(
        verbatim_doc_comment,
        about = "Count the articles a query matches, by source, author or period"
    )]
    Count(CountArgs),
    /// Show every occurrence of the query's words in context (a concordance).
    ///
    /// One line per occurrence in the matching articles: the words before it, the word as
    /// the article wrote it (harakat kept), the words after it, and the article id. The
    /// columns are laid out for a terminal that does no bidi: the text after the match is on
    /// the left, the text before it on the right, so an Arabic line reads right to left as
    /// written with the matched word in one column. Phrases match as phrases. Reads at most
    /// the 1,000 best-matching articles. Exit status: 0 if a line was printed, 1 if not, 2 on
    /// error.
    ///
    /// Examples:
    ///   fahras kwic التحالف -n 20
    ///   fahras kwic '"الأمم المتحدة"' --sort left --width 30
    ///   fahras kwic قسد --json | jq -r .match | sort | uniq -c
    #[command(
        verbatim_doc_comment,
        about = "Show every occurrence of the query's words in context (a concordance)"
    )]
    Kwic(KwicArgs),
    /// List the words most characteristic of the articles a query matches.
    ///
    /// Each word of the matching articles (at most the 1,000 best) is scored by Dunning's
    /// log-likelihood (G²) of its share of those articles against its share of the whole
    /// index; only words more frequent in the matches than elsewhere are listed, each in its
    /// most frequent spelling in them, function words left out. Exit status: 0 if anything
    /// matched, 1 if not, 2 on error.
    ///
    /// Examples:
    ///   fahras terms '"كأس العالم"'
    ///   fahras terms قسد -n 50 --json | jq -r .term
    #[command(
        verbatim_doc_comment,
        about = "List the words most characteristic of the articles a query matches"
    )]
    Terms(TermsArgs),
    /// Print stored articles: cleaned text and metadata.
    ///
    /// Each argument is a document id (as search prints it: PATH#N is the N-th article of a
    /// file holding several), a DOCNO, or a file path (as ingested, or any spelling of it that
    /// still names the file), which prints every article of the file. Exit status: 0 if every
    /// one was found, 1 if any was not.
    ///
    /// Examples:
    ///   fahras show ~/news/raqqa.txt
    ///   fahras show ~/news/2015-08-10.json#12
    ///   fahras show AL-culture-590-20180715 --json | jq -r .body
    ///   fahras search --ids -0 'مجلس الأمن' | xargs -0 fahras show
    #[command(
        verbatim_doc_comment,
        about = "Print stored articles: cleaned text and metadata"
    )]
    Show(ShowArgs),
    /// Remove articles from the index.
    ///
    /// Each argument is a file or folder path (every article from that file, or from files
    /// below that folder, whether or not they still exist on disk), a document id or a DOCNO.
    /// Exit status: 0 if every argument matched, 1 if any matched nothing, 2 on error.
    ///
    /// Examples:
    ///   fahras rm ~/news/old-site
    ///   fahras rm AL-culture-590-20180715
    #[command(verbatim_doc_comment, about = "Remove articles from the index")]
    Rm(RmArgs),
    /// Describe the index: documents, size on disk, dates, sources, most frequent words.
    ///
    /// Words are counted in articles (title and body) after spelling folding (أ/إ/آ → ا, ة → ه, ى → ي),
    /// as the index sees them, and each is shown in its most frequent spelling in the articles
    /// (الأمريكية, not الامريكيه). Function words (في, وقال, أمس…) are left out.
    ///
    /// Examples:
    ///   fahras stats
    ///   fahras stats --terms 50 --json | jq -r '.terms[].term'
    #[command(
        verbatim_doc_comment,
        about = "Describe the index: documents, size on disk, dates, sources, most frequent words"
    )]
    Stats(StatsArgs),
    /// Verify the index: checksums of its files, its manifest against its articles.
    ///
    /// Reads every byte of the index (searches only check that each file is whole), and
    /// compares the list of ingested files with the articles the index holds. Prints each
    /// problem on one line with what to do about it, then a summary line; with --json one
    /// object per problem {"file","problem","remedy"} and a last object with "summary".
    /// Exit status: 0 if the index is sound, 1 if a problem was found, 2 on error.
    ///
    /// Examples:
    ///   fahras check
    ///   fahras check --json | jq -r .remedy
    #[command(
        verbatim_doc_comment,
        about = "Verify the index: checksums of its files, its manifest against its articles"
    )]
    Check(CheckArgs),
    /// List groups of near-duplicate articles: the same story printed by several outlets.
    ///
    /// Two articles are near-duplicates when the runs of five words of their text (spelling
    /// folded) overlap at least --min-similarity (Jaccard similarity, estimated from
    /// signatures made at ingest). Each group lists first the article to keep (the earliest,
    /// then by path), then its copies, each a near-duplicate of that first one. Text prints a
    /// block per group; --json one object per group
    /// {"group","documents":[{"id","path","title","date","source"},…]}, "group" being the
    /// first article's id. Exit status: 0 if any group was found, 1 if none, 2 on error.
    ///
    /// Examples:
    ///   fahras dups
    ///   fahras dups --min-similarity 0.8
    ///   fahras dups --json | jq -r '.documents | del(first) | .[].path'   # the copies to drop
    #[command(
        verbatim_doc_comment,
        about = "List groups of near-duplicate articles: the same story printed by several outlets"
    )]
    Dups(DupsArgs),
    /// Serve a web view of the index: search pages in Arabic, right to left, in a browser.
    ///
    /// Pages are made on the server and work without JavaScript: / (a search box and the
    /// query language), /search?q=QUERY (hits with the matched words marked, near-copies
    /// folded, counts by source, year and month that filter the hits, a chart of matches
    /// over time, paging), /article/ID (the stored article, the query's words marked, its
    /// near-copies) and /api/search?q=QUERY&n=N&offset=N (JSON: {"total","hits","facets"},
    /// each hit the object `search --json` prints). Read-only: the server writes nothing,
    /// and picks up what `ingest` and `rm` commit while it runs. Listens on the loopback
    /// address unless --bind says otherwise; stops on Ctrl-C.
    ///
    /// Examples:
    ///   fahras serve
    ///   fahras serve --open
    ///   fahras serve --bind 127.0.0.1:0 -v
    ///   curl -s 'http://127.0.0.1:8080/api/search?q=التحالف&n=3' | jq .total
    #[command(
        verbatim_doc_comment,
        about = "Serve a web view of the index: search pages in Arabic, right to left"
    )]
    Serve(ServeArgs),
    /// Write every article out for another engine (the long help is in `export`).
    #[command(
        about = "Write every article out for another engine: an OpenSearch index, or JSON Lines",
        long_about = export::LONG_ABOUT
    )]
    Export(ExportArgs),
    /// Print a shell completion script.
    ///
    /// Examples:
    ///   fahras completions bash > ~/.local/share/bash-completion/completions/fahras
    ///   fahras completions zsh > ~/.zfunc/_fahras
    ///   fahras completions fish > ~/.config/fish/completions/fahras.fish
    ///   fahras completions powershell >> $PROFILE
    #[command(verbatim_doc_comment, about = "Print a shell completion script")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a folder.
    ///
    /// Examples:
    ///   fahras man | man -l -
    ///   fahras man --dir ~/.local/share/man/man1
    #[command(
        verbatim_doc_comment,
        about = "Print the manual page (roff), or write one page per command into a folder"
    )]
    Man(ManArgs),
    /// Show what ingest would index: read and clean files, print the articles, index nothing.
    ///
    /// Reads exactly as `ingest` does (same formats, encodings and boilerplate removal) and
    /// prints each article: title, metadata and body as text, or with --json one JSON object
    /// per line: {"path","docno","title","date","source","author","body"}, body one paragraph
    /// per line.
    ///
    /// Examples:
    ///   fahras clean page.txt
    ///   fahras clean --json ~/news | jq -r .title
    #[command(
        verbatim_doc_comment,
        about = "Show what ingest would index: read and clean files, print the articles"
    )]
    Clean(CleanArgs),
}

/// How files are read: shared by `ingest` and `clean`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// File extensions to read inside folders (comma-separated; replaces the default list).
    /// Compressed files are read too: `x.json.gz` for `json` (a `.gz` with no other extension
    /// always), and the members of every `.zip` chosen by the same list
    #[arg(
        long,
        value_name = "EXT",
        value_delimiter = ',',
        default_value = "txt,text,sgml,sgm,xml,trec,json,jsonl,ndjson,html,htm"
    )]
    pub ext: Vec<String>,

    /// Layout of the files: decided from the content by default
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    pub format: Format,

    /// Read every file in this encoding (e.g. windows-1256, iso-8859-6, utf-16le) instead of
    /// detecting it
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<&'static Encoding>,

    /// Worker threads for reading and cleaning [default: number of CPUs]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Skip files larger than SIZE (e.g. 20M, 512K, 1G; 0 for no limit)
    #[arg(long, value_name = "SIZE", default_value = "20M",
          value_parser = crate::ingest::guard::parse_size)]
    pub max_file_size: u64,
}

fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    crate::ingest::decode::encoding_for_label(label)
        .ok_or_else(|| format!("unknown encoding {label:?} (try utf-8, windows-1256, iso-8859-6)"))
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Files or folders to read
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Print JSON Lines, one object per article
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to read; `-` reads their paths from stdin, one per line
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// With `-`, paths on stdin end with NUL bytes (as `find -print0` writes them)
    #[arg(short = '0', long)]
    pub null: bool,

    /// Remove the articles of indexed files under PATH that no longer exist
    #[arg(long)]
    pub prune: bool,

    /// No progress bar and no line per skipped file or record: only errors and the summary
    /// line, whose counts include what was skipped
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print one line per file: new, updated, unchanged or removed
    #[arg(short, long)]
    pub verbose: bool,

    #[command(flatten)]
    pub read: ReadArgs,

    /// If another ingest is writing to the index, wait for it instead of failing
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Files, folders, document ids or DOCNOs
    #[arg(required = true, value_name = "PATH|ID")]
    pub targets: Vec<std::ffi::OsString>,

    /// If an ingest is writing to the index, wait for it instead of failing
    #[arg(long)]
    pub wait: bool,
}

/// How `search`, `show` and `stats` print their results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable text for a person at a terminal
    Text,
    /// JSON Lines: one object per line, for scripts and `jq`
    Json,
}

/// `--format` and its alias `--json`, which override each other (the last one wins). Each
/// command that has them words their help for what it prints (`mut_arg` on its struct).
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format: readable text, or JSON
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "text",
        overrides_with = "json"
    )]
    pub format: OutputFormat,

    /// Print JSON (same as --format json)
    #[arg(long, overrides_with = "format")]
    pub json: bool,
}

impl FormatArgs {
    /// Was JSON asked for, by `--json` or by `--format json`?
    pub fn wants_json(&self) -> bool {
        self.json || self.format == OutputFormat::Json
    }
}

#[derive(Debug, Args)]
#[command(
    mut_arg("format", |arg| arg.help("Output format: readable text, or one JSON object per document")),
    mut_arg("json", |arg| arg.help("Print one JSON object per document (same as --format json)"))
)]
pub struct ShowArgs {
    /// Document ids, DOCNOs or file paths
    #[arg(required = true, value_name = "ID|PATH")]
    pub targets: Vec<PathBuf>,

    #[command(flatten)]
    pub output: FormatArgs,
}

#[derive(Debug, Args)]
#[command(
    mut_arg("format", |arg| arg.help("Output format: readable text, or one JSON object")),
    mut_arg("json", |arg| arg.help("Print one JSON object (same as --format json)"))
)]
pub struct StatsArgs {
    /// How many of the most frequent words to list
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub terms: usize,

    #[command(flatten)]
    pub output: FormatArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print JSON Lines: one object per problem, then one with the summary
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write fahras.1 and one page per command (fahras-search.1, …) into DIR instead of
    /// printing fahras.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// When to colour text output (`--color`); the plan turns it into an `output::ColorChoice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
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
