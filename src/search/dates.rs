//! Date filters: `--since`/`--until` and `date:[A TO B]` are ranges over the indexed ISO date,
//! which sorts as a string the way dates sort. The user's bounds are read as
//! [`DateBound`]s first, so a day or month that does not exist is refused rather than
//! silently matching a slice of the index.

use std::ops::Bound;

use anyhow::Result;
use tantivy::query::{Query, RangeQuery};
use tantivy::query_grammar::UserInputBound;
use tantivy::schema::Field;
use tantivy::Term;

use crate::article::DateBound;

fn bound(field: Field, bound: &UserInputBound) -> Bound<Term> {
    match bound {
        UserInputBound::Inclusive(v) => Bound::Included(Term::from_field_text(field, v)),
        UserInputBound::Exclusive(v) => Bound::Excluded(Term::from_field_text(field, v)),
        UserInputBound::Unbounded => Bound::Unbounded,
    }
}

/// Documents whose ISO date lies between the bounds (ISO dates sort as strings).
pub fn date_range(field: Field, lower: &UserInputBound, upper: &UserInputBound) -> Box<dyn Query> {
    Box::new(RangeQuery::new(bound(field, lower), bound(field, upper)))
}

/// Checks a user-supplied date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, of a real month or day.
pub fn check_date(text: &str) -> Result<DateBound> {
    text.parse()
}

/// [`date_range`] of the bounds of a query's `date:[A TO B]`, once both are checked.
pub fn checked_date_range(
    field: Field,
    lower: &UserInputBound,
    upper: &UserInputBound,
) -> Result<Box<dyn Query>> {
    for bound in [lower, upper] {
        if let UserInputBound::Inclusive(text) | UserInputBound::Exclusive(text) = bound {
            check_date(text)?;
        }
    }
    Ok(date_range(field, lower, upper))
}
