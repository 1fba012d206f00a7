//! The chart of a query's matches over time: one bar per month (per year past ten years of
//! months), drawn as inline SVG, so it needs no script and no file of its own. Time runs
//! right to left, as the page reads: the oldest period is on the right. Each bar is a link
//! to its period and carries its count as a tooltip.

use maud::{html, Markup};

use super::params::{Filters, PageSearch};
use crate::search::views::Bucket;

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 110.0;
/// Room under the bars for the labels.
const AXIS: f64 = 16.0;
/// Most monthly bars before the chart counts years.
const MAX_MONTHS: usize = 120;

/// The chart of `months` (or `years` when there are too many months); nothing when no match
/// is dated.
pub fn chart(search: &PageSearch, years: &[Bucket], months: &[Bucket]) -> Option<Markup> {
    let dated = |buckets: &[Bucket]| -> Vec<(String, u64)> {
        buckets
            .iter()
            .filter_map(|b| Some((b.key.clone()?, b.documents)))
            .collect()
    };
    let bars = match dated(months) {
        months if months.len() <= MAX_MONTHS => months,
        _ => dated(years),
    };
    let most = bars.iter().map(|(_, n)| *n).max().filter(|&n| n > 0)?;
    let slot = WIDTH / bars.len() as f64;
    let gap = if slot > 4.0 { 1.0 } else { 0.0 };
    let top = HEIGHT - AXIS;
    let x = |i: usize| WIDTH - (i as f64 + 1.0) * slot;
    let (first, last) = (&bars[0].0, &bars[bars.len() - 1].0);
    Some(html! {
        figure.chart {
            svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img"
                aria-label=(format!("عدد المقالات من {first} إلى {last}")) {
                @for (i, (period, count)) in bars.iter().enumerate() {
                    @let height = (*count as f64 / most as f64) * (top - 4.0);
                    a href=(period_link(search, period)) {
                        rect x=(format!("{:.2}", x(i))) y=(format!("{:.2}", top - height))
                            width=(format!("{:.2}", (slot - gap).max(0.5)))
                            height=(format!("{height:.2}")) {
                            title { (period) ": " (count) }
                        }
                    }
                }
                text x=(WIDTH - 2.0) y=(HEIGHT - 3.0) text-anchor="end" { (first) }
                text x="2" y=(HEIGHT - 3.0) text-anchor="start" { (last) }
            }
        }
    })
}

/// The search narrowed to one period (`YYYY` or `YYYY-MM`).
fn period_link(search: &PageSearch, period: &str) -> String {
    search.filtered(&Filters {
        since: Some(period.to_string()),
        until: Some(period.to_string()),
        ..search.filters.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(key: Option<&str>, documents: u64) -> Bucket {
        Bucket {
            key: key.map(str::to_string),
            documents,
        }
    }

    #[test]
    fn one_bar_per_month_oldest_on_the_right_undated_left_out() {
        let search = PageSearch {
            query: "قسد".into(),
            ..PageSearch::default()
        };
        let months = [
            bucket(Some("2018-01"), 2),
            bucket(Some("2018-02"), 0),
            bucket(Some("2018-03"), 4),
            bucket(None, 9),
        ];
        let svg = chart(&search, &[], &months).unwrap().into_string();
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("<title>2018-03: 4</title>"));
        // the newest month is the leftmost bar, and the tallest
        assert!(svg.contains(r#"x="0.00" y="4.00""#), "{svg}");
        assert!(svg.contains("since=2018-01&amp;until=2018-01"));
        assert!(chart(&search, &[], &[bucket(None, 3)]).is_none());
    }
}
