//! The plan of `fahras search`: which query, how to search, and what to print.
//!
//! The flags are resolved by precedence, once: `--queries` runs a batch; otherwise `-q` prints
//! nothing, `-c` the number of matching articles, `-l` their files, `--ids` their ids, else
//! ranked hits as text, JSON Lines or TREC run lines (`--trec` wins over `--format`). clap
//! refuses most conflicting flags; the one combination it cannot express (`--format json` with
//! `-l`, `--ids` or `-c`) is refused here.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{bail, Result};

use crate::cli::{ColorWhen, SearchArgs, SortKey};
use crate::output::summary::Terminator;
use crate::output::{self, ColorChoice};
use crate::search::summary::Listed;
use crate::search::{dates, Ranking, SearchOptions, SortBy};

/// Results shown when `-n` is not given (`-l` lists every match instead).
const DEFAULT_LIMIT: usize = 10;

pub struct SearchPlan {
    pub index: PathBuf,
    pub options: SearchOptions,
    pub mode: SearchMode,
    /// Text hits on a terminal end with a line on stderr saying how many were shown of how
    /// many matched (`10 of 5,269 articles`), as recoll shows its result count; a pipe gets
    /// data only.
    pub tally: bool,
}

/// One query or a batch of them.
pub enum SearchMode {
    One {
        query: QuerySource,
        answer: Answer,
    },
    /// `--queries FILE` (`-` = stdin), answered on `jobs` threads.
    Batch {
        queries: PathBuf,
        jobs: usize,
        format: HitFormat,
    },
}

/// Where the single query comes from.
#[derive(Debug, PartialEq, Eq)]
pub enum QuerySource {
    /// The words of the command line, joined with spaces.
    Words(String),
    /// `-`: the whole of stdin, line breaks counting as spaces.
    Stdin,
}

/// What a single query's answer is printed as.
pub enum Answer {
    /// `-q`: nothing; the exit status says whether anything matched.
    Quiet,
    /// `-c`: the number of matching documents.
    Count,
    /// `-l`: the files holding matching articles, or `--ids`: the articles; at most `limit`
    /// of them (`None`: all).
    List {
        what: Listed,
        limit: Option<usize>,
        terminator: Terminator,
        /// Escape characters that could steer a terminal (stdout is one, and paths end
        /// with newlines).
        escape: bool,
    },
    /// Ranked hits.
    Hits(HitFormat),
}

/// How ranked hits are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitFormat {
    Text {
        color: bool,
    },
    Json,
    /// TREC run-file lines, which need only each hit's path.
    Trec,
}

pub(super) fn resolve(index: PathBuf, args: SearchArgs) -> Result<SearchPlan> {
    let json = args.output.wants_json();
    if json && (args.files_with_matches || args.ids || args.count) {
        bail!("--json cannot be combined with -l/--files-with-matches, --ids or -c/--count");
    }
    let options = options(&args)?;
    let format = if args.trec {
        HitFormat::Trec
    } else if json {
        HitFormat::Json
    } else {
        HitFormat::Text {
            color: output::use_color(color(args.color)),
        }
    };
    let mode = match args.queries {
        Some(queries) => SearchMode::Batch {
            queries,
            jobs: super::jobs(args.jobs),
            format,
        },
        None => SearchMode::One {
            query: query_source(&args.query),
            answer: answer(&args, format),
        },
    };
    let tally = matches!(
        mode,
        SearchMode::One {
            answer: Answer::Hits(HitFormat::Text { .. }),
            ..
        }
    ) && std::io::stdout().is_terminal();
    Ok(SearchPlan {
        index,
        options,
        mode,
        tally,
    })
}

fn answer(args: &SearchArgs, format: HitFormat) -> Answer {
    if args.quiet {
        Answer::Quiet
    } else if args.count {
        Answer::Count
    } else if args.files_with_matches || args.ids {
        Answer::List {
            what: if args.ids {
                Listed::Articles
            } else {
                Listed::Files
            },
            limit: args.limit,
            terminator: if args.null {
                Terminator::Nul
            } else {
                Terminator::Newline
            },
            escape: !args.null && std::io::stdout().is_terminal(),
        }
    } else {
        Answer::Hits(format)
    }
}

fn query_source(words: &[String]) -> QuerySource {
    if words == ["-"] {
        QuerySource::Stdin
    } else {
        QuerySource::Words(words.join(" "))
    }
}

fn color(when: ColorWhen) -> ColorChoice {
    match when {
        ColorWhen::Auto => ColorChoice::Auto,
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
    }
}

fn options(args: &SearchArgs) -> Result<SearchOptions> {
    for date in [&args.since, &args.until].into_iter().flatten() {
        dates::check_date(date)?;
    }
    let mut ranking = Ranking::default();
    if let Some(spec) = &args.tune {
        ranking = ranking.tune(spec)?;
    }
    Ok(SearchOptions {
        limit: args.limit.unwrap_or(DEFAULT_LIMIT),
        offset: args.offset,
        ranking,
        plain: args.plain,
        since: args.since.clone(),
        until: args.until.clone(),
        sort: match args.sort {
            SortKey::Score => SortBy::Score,
            SortKey::Date => SortBy::Date,
        },
        // Only hits fold: `-l`, `-c` and run files list documents.
        collapse: !(args.all || args.trec || args.files_with_matches || args.count),
        source: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn words_are_joined_and_a_lone_dash_means_stdin() {
        let joined = query_source(&words(&["مجلس", "الأمن"]));
        assert_eq!(joined, QuerySource::Words("مجلس الأمن".to_string()));
        assert_eq!(query_source(&words(&["-"])), QuerySource::Stdin);
        let dash_word = query_source(&words(&["-", "سوريا"]));
        assert_eq!(dash_word, QuerySource::Words("- سوريا".to_string()));
    }
}
