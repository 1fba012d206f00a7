//! The plans of the corpus views (`count`, `kwic`, `terms`): the query as `search` would run
//! it, and what each view prints. Bars are drawn only on a terminal, scaled to its width.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{CountArgs, CountBy, KwicArgs, KwicSort, TermsArgs, ViewQueryArgs};
use crate::search::views::{Bucketing, LineOrder};
use crate::search::{dates, SearchOptions};

/// Terminal width assumed when stdout is a terminal that does not say how wide it is.
const DEFAULT_COLUMNS: usize = 80;

/// A query of a view, with the options `search` would run it with.
pub struct ViewQuery {
    pub index: PathBuf,
    pub text: String,
    pub options: SearchOptions,
}

/// `fahras count`.
pub struct CountPlan {
    pub query: ViewQuery,
    pub by: Bucketing,
    pub json: bool,
    /// Columns the text lines may fill with their bars; `None`: no bars (not a terminal).
    pub bar_columns: Option<usize>,
}

/// `fahras kwic`.
pub struct KwicPlan {
    pub query: ViewQuery,
    pub width: usize,
    pub limit: Option<usize>,
    pub order: LineOrder,
    pub json: bool,
}

/// `fahras terms`.
pub struct TermsPlan {
    pub query: ViewQuery,
    pub limit: usize,
    pub json: bool,
}

fn query(index: PathBuf, args: ViewQueryArgs) -> Result<ViewQuery> {
    for date in [&args.since, &args.until].into_iter().flatten() {
        dates::check_date(date)?;
    }
    Ok(ViewQuery {
        index,
        text: args.query.join(" "),
        options: SearchOptions {
            since: args.since,
            until: args.until,
            ..SearchOptions::default()
        },
    })
}

pub(super) fn count(index: PathBuf, args: CountArgs) -> Result<CountPlan> {
    let bar_columns = (!args.json && std::io::stdout().is_terminal()).then(|| {
        terminal_size::terminal_size().map_or(DEFAULT_COLUMNS, |(width, _)| usize::from(width.0))
    });
    Ok(CountPlan {
        query: query(index, args.query)?,
        by: match args.by {
            CountBy::Source => Bucketing::Source,
            CountBy::Author => Bucketing::Author,
            CountBy::Year => Bucketing::Year,
            CountBy::Month => Bucketing::Month,
            CountBy::Week => Bucketing::Week,
            CountBy::Day => Bucketing::Day,
        },
        json: args.json,
        bar_columns,
    })
}

pub(super) fn kwic(index: PathBuf, args: KwicArgs) -> Result<KwicPlan> {
    Ok(KwicPlan {
        query: query(index, args.query)?,
        width: usize::from(args.width),
        limit: args.limit,
        order: match args.sort {
            KwicSort::Rank => LineOrder::Rank,
            KwicSort::Date => LineOrder::Date,
            KwicSort::Left => LineOrder::Left,
            KwicSort::Right => LineOrder::Right,
        },
        json: args.json,
    })
}

pub(super) fn terms(index: PathBuf, args: TermsArgs) -> Result<TermsPlan> {
    Ok(TermsPlan {
        query: query(index, args.query)?,
        limit: args.limit,
        json: args.json,
    })
}
