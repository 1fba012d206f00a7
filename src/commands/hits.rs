//! How a search's hits are answered and printed, for one query (`search`) and for a batch
//! (`batch`) alike: the format decides what the engine reads (a run file needs no stored
//! text) and which printer of `output` writes it.

use std::io::{self, Write};

use anyhow::{bail, Result};

use crate::plan::HitFormat;
use crate::search::{Engine, Outcome, RankedPath, SearchOptions};
use crate::{messages, output, search};

/// One query's answer: full hits, or only ranked paths for a run file.
pub(super) enum Answered {
    Hits(Outcome),
    Paths(Outcome<RankedPath>),
}

impl Answered {
    /// How many hits the answer holds.
    pub(super) fn shown(&self) -> usize {
        match self {
            Answered::Hits(outcome) => outcome.hits.len(),
            Answered::Paths(outcome) => outcome.hits.len(),
        }
    }

    /// Did the query select any document?
    pub(super) fn found(&self) -> bool {
        match self {
            Answered::Hits(outcome) => !outcome.hits.is_empty(),
            Answered::Paths(outcome) => !outcome.hits.is_empty(),
        }
    }
}

/// Answers queries and prints the answers in one of the hit formats.
pub(super) struct Printer {
    pub(super) format: HitFormat,
    /// Text answers of a batch open with a header naming their query.
    pub(super) batch: bool,
}

impl Printer {
    /// Runs `query`, reading only what this format prints: a run file needs no stored text.
    pub(super) fn answer(
        &self,
        engine: &Engine,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Answered> {
        Ok(match self.format {
            HitFormat::Trec => Answered::Paths(engine.ranked_paths(query, options)?),
            HitFormat::Text { .. } | HitFormat::Json => {
                Answered::Hits(engine.search(query, options)?)
            }
        })
    }

    pub(super) fn print(
        &self,
        out: &mut impl Write,
        qid: Option<&str>,
        query: &str,
        answer: &Answered,
    ) -> io::Result<()> {
        let outcome = match answer {
            Answered::Paths(outcome) => return output::trec::print_hits(out, &outcome.hits, qid),
            Answered::Hits(outcome) => outcome,
        };
        let HitFormat::Text { color } = self.format else {
            output::json::print_hits(out, &outcome.hits, qid)?;
            return output::json::print_suggestions(out, query, &outcome.suggestions, qid);
        };
        if self.batch {
            output::text::print_query_header(out, qid.unwrap_or(""), query)?;
        }
        output::text::print_hits(out, &outcome.hits, color)?;
        if self.batch {
            writeln!(out)?;
        }
        if !outcome.suggestions.is_empty() {
            // stderr, so stdout stays data only; flush first to keep the order on a tty
            out.flush()?;
            // the query and its respellings cut short: a query of thousands of words would
            // bury the line
            let respelled: Vec<String> = outcome
                .suggestions
                .iter()
                .map(|s| search::query::clipped(s))
                .collect();
            messages::emit(format_args!(
                "no match for {}; did you mean: {}",
                search::query::quoted(query),
                respelled.join(" | ")
            ));
        }
        Ok(())
    }

    /// Refuses an id that a run file cannot carry: TREC lines are fields split by whitespace,
    /// so an id holding a space or a tab would shift the columns, and one holding a control
    /// character would break the line or reach a terminal raw. The other formats quote or
    /// escape ids.
    pub(super) fn check_id(&self, qid: &str) -> Result<()> {
        if self.format == HitFormat::Trec
            && qid
                .chars()
                .any(|c| c.is_whitespace() || messages::is_unsafe_for_terminal(c))
        {
            bail!("not run: the id of a TREC run-file line cannot hold a space or a control character");
        }
        Ok(())
    }
}
