//! Date filters: `--since`/`--until` and `date:[A TO B]` are ranges over the indexed ISO date,
//! which sorts as a string the way dates sort.

use std::ops::Bound;

use anyhow::{anyhow, Result};
use tantivy::query::{Query, RangeQuery};
use tantivy::query_grammar::UserInputBound;
use tantivy::schema::Field;
use tantivy::Term;

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

/// Checks a user-supplied date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn check_date(text: &str) -> Result<()> {
    let ok = match text.len() {
        4 | 7 | 10 => text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        }),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(anyhow!(
            "invalid date {text:?}: use YYYY-MM-DD (or YYYY-MM, YYYY)"
        ))
    }
}
