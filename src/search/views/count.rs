//! `fahras count`: how many matching articles fall in each bucket, read from fast fields.
//!
//! A collector looks each matching document's value up in a fast field (the date, source or
//! author column) and counts its term ordinal; only once a segment is done are its ordinals
//! turned into text, and only dates are parsed into periods, once per distinct date. So a count
//! over a whole corpus touches no stored document and costs one array increment per match.

use std::collections::HashMap;

use anyhow::Result;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::calendar::Period;
use crate::article::Date;
use crate::search::{Engine, SearchOptions};

/// What `fahras count` buckets articles by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucketing {
    Source,
    Author,
    Year,
    Month,
    Week,
    Day,
}

impl Bucketing {
    /// The fast field holding the value, and for dates the period it is bucketed by.
    fn field(self) -> (&'static str, Option<Period>) {
        match self {
            Bucketing::Source => ("source", None),
            Bucketing::Author => ("author", None),
            Bucketing::Year => ("date", Some(Period::Year)),
            Bucketing::Month => ("date", Some(Period::Month)),
            Bucketing::Week => ("date", Some(Period::Week)),
            Bucketing::Day => ("date", Some(Period::Day)),
        }
    }
}

/// One bucket and the number of matching articles in it; `key` is `None` for the articles
/// without the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub key: Option<String>,
    pub documents: u64,
}

/// Counts matches per value of each of some fast text fields, in one pass over the matches.
struct ValueCounter {
    fields: Vec<&'static str>,
}

/// Per field, the matches of each value.
type Counts = Vec<HashMap<Option<String>, u64>>;

struct SegmentValueCounter {
    columns: Vec<ColumnCounter>,
}

/// The counts of one column of one segment.
struct ColumnCounter {
    column: Option<StrColumn>,
    /// Matches per term ordinal of the column.
    per_ord: Vec<u64>,
    /// Matches that have no value.
    missing: u64,
}

impl Collector for ValueCounter {
    type Fruit = Counts;
    type Child = SegmentValueCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            let column = segment.fast_fields().str(field)?;
            let terms = column.as_ref().map_or(0, |c| c.num_terms());
            columns.push(ColumnCounter {
                column,
                per_ord: vec![0; terms],
                missing: 0,
            });
        }
        Ok(SegmentValueCounter { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Self::Fruit> {
        let mut merged: Counts = vec![HashMap::new(); self.fields.len()];
        for fruit in fruits {
            for (into, counts) in merged.iter_mut().zip(fruit) {
                for (key, count) in counts {
                    *into.entry(key).or_default() += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentValueCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for counter in &mut self.columns {
            let ord = counter.column.as_ref().and_then(|c| c.ords().first(doc));
            match ord.and_then(|ord| counter.per_ord.get_mut(ord as usize)) {
                Some(count) => *count += 1,
                None => counter.missing += 1,
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.columns
            .into_iter()
            .map(ColumnCounter::harvest)
            .collect()
    }
}

impl ColumnCounter {
    /// The counts by value. The dictionary names the ordinals in one pass in order: naming
    /// them one at a time scans a block of it each, which over the ~2,000 dates of a broad
    /// query took 40 ms.
    fn harvest(self) -> HashMap<Option<String>, u64> {
        let mut out = HashMap::new();
        if self.missing > 0 {
            out.insert(None, self.missing);
        }
        let Some(column) = self.column else {
            return out;
        };
        let (ords, counts): (Vec<u64>, Vec<u64>) = self
            .per_ord
            .iter()
            .enumerate()
            .filter(|(_, &count)| count > 0)
            .map(|(ord, &count)| (ord as u64, count))
            .unzip();
        let mut counts = counts.into_iter();
        let mut named = 0;
        let whole = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            let key = String::from_utf8_lossy(bytes).into_owned();
            *out.entry(Some(key)).or_default() += counts.next().unwrap_or(0);
            named += 1;
        });
        // an ordinal the dictionary cannot name is counted as no value
        if !matches!(whole, Ok(true)) || named < ords.len() {
            let unnamed: u64 = counts.sum();
            if unnamed > 0 {
                *out.entry(None).or_default() += unnamed;
            }
        }
        out
    }
}

/// Counts the articles matching `query` by `by`: periods in time order with the empty ones
/// between the first and the last, other values most articles first (ties in byte order), and
/// the articles without a value last. Empty when nothing matches.
pub fn count(
    engine: &Engine,
    query: &str,
    options: &SearchOptions,
    by: Bucketing,
) -> Result<Vec<Bucket>> {
    let mut counts = count_each(engine, query, options, &[by])?;
    Ok(counts.pop().unwrap_or_default())
}

/// [`count`] by each of `by`, in one pass over the matches: a result page's facets.
pub fn count_each(
    engine: &Engine,
    query: &str,
    options: &SearchOptions,
    by: &[Bucketing],
) -> Result<Vec<Vec<Bucket>>> {
    let Some(compiled) = engine.build(query, options)? else {
        return Ok(vec![Vec::new(); by.len()]);
    };
    let fields = by.iter().map(|b| b.field().0).collect();
    let counts = engine
        .searcher()
        .search(&compiled, &ValueCounter { fields })
        .map_err(|err| {
            anyhow::anyhow!(
                "invalid query {}: {err}",
                super::super::query::quoted(query)
            )
        })?;
    Ok(by
        .iter()
        .zip(counts)
        .map(|(by, counts)| match by.field().1 {
            Some(period) => by_period(counts, period),
            None => by_count(counts),
        })
        .collect())
}

fn by_count(counts: HashMap<Option<String>, u64>) -> Vec<Bucket> {
    let mut buckets: Vec<Bucket> = counts
        .into_iter()
        .map(|(key, documents)| Bucket { key, documents })
        .collect();
    // `None` sorts first among options: `is_none` puts it last
    buckets.sort_by(|a, b| {
        (a.key.is_none(), b.documents, &a.key).cmp(&(b.key.is_none(), a.documents, &b.key))
    });
    buckets
}

/// Dates summed into periods, every period from the first to the last listed.
fn by_period(counts: HashMap<Option<String>, u64>, period: Period) -> Vec<Bucket> {
    let mut periods: HashMap<i64, u64> = HashMap::new();
    let mut missing = 0;
    for (key, count) in counts {
        match key.and_then(|text| text.parse::<Date>().ok()) {
            Some(date) => *periods.entry(period.number(date)).or_default() += count,
            // a date the index holds but that is no day counts as none
            None => missing += count,
        }
    }
    let mut buckets = Vec::new();
    if let (Some(&first), Some(&last)) = (periods.keys().min(), periods.keys().max()) {
        for number in first..=last {
            buckets.push(Bucket {
                key: Some(period.label(number)),
                documents: periods.get(&number).copied().unwrap_or(0),
            });
        }
    }
    if missing > 0 {
        buckets.push(Bucket {
            key: None,
            documents: missing,
        });
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(Option<&str>, u64)]) -> HashMap<Option<String>, u64> {
        pairs
            .iter()
            .map(|(k, c)| (k.map(str::to_string), *c))
            .collect()
    }

    fn keys(buckets: &[Bucket]) -> Vec<(Option<&str>, u64)> {
        buckets
            .iter()
            .map(|b| (b.key.as_deref(), b.documents))
            .collect()
    }

    #[test]
    fn periods_are_in_time_order_with_the_empty_ones_between() {
        let dates = counts(&[
            (Some("2018-03-02"), 2),
            (Some("2017-12-31"), 1),
            (Some("2018-03-30"), 4),
            (None, 3),
        ]);
        assert_eq!(
            keys(&by_period(dates, Period::Month)),
            [
                (Some("2017-12"), 1),
                (Some("2018-01"), 0),
                (Some("2018-02"), 0),
                (Some("2018-03"), 6),
                (None, 3)
            ]
        );
    }

    #[test]
    fn names_are_most_articles_first_and_none_last() {
        let names = counts(&[
            (Some("BBC"), 2),
            (None, 9),
            (Some("CNN"), 5),
            (Some("AFP"), 2),
        ]);
        assert_eq!(
            keys(&by_count(names)),
            [
                (Some("CNN"), 5),
                (Some("AFP"), 2),
                (Some("BBC"), 2),
                (None, 9)
            ]
        );
    }
}
