//! Periods of the calendar that `fahras count` buckets dates into: years, months, ISO weeks and
//! days, each numbered so that the periods between two of them can be listed (an empty month
//! is a zero in a time series, not a gap the reader has to notice).

use crate::article::Date;

/// A kind of period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year,
    Month,
    /// ISO 8601 week: Monday to Sunday, numbered in the year that holds its Thursday.
    Week,
    Day,
}

/// 1970-01-05, the first Monday after the epoch, in days from it: weeks are counted from it.
const FIRST_MONDAY: i64 = 4;

/// Days from 1970-01-01 to `date` (Howard Hinnant's `days_from_civil`).
fn days_from_civil(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`), as (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The ISO year and week of the week that starts `monday` days after 1970-01-01.
fn iso_week_of_monday(monday: i64) -> (i64, i64) {
    let thursday = monday + 3;
    let (year, _, _) = civil_from_days(thursday);
    let january_first = Date::new(year as u32, 1, 1).map_or(0, days_from_civil);
    (year, (thursday - january_first) / 7 + 1)
}

impl Period {
    /// The number of the period holding `date`; consecutive periods have consecutive numbers.
    pub fn number(self, date: Date) -> i64 {
        let year = i64::from(date.year());
        match self {
            Period::Year => year,
            Period::Month => year * 12 + i64::from(date.month()) - 1,
            Period::Day => days_from_civil(date),
            Period::Week => {
                let days = days_from_civil(date);
                // 1970-01-01 was a Thursday (weekday 3, Monday being 0)
                let monday = days - (days + 3).rem_euclid(7);
                (monday - FIRST_MONDAY).div_euclid(7)
            }
        }
    }

    /// The period numbered `number`, as `YYYY`, `YYYY-MM`, `YYYY-Www` or `YYYY-MM-DD`.
    pub fn label(self, number: i64) -> String {
        match self {
            Period::Year => format!("{number:04}"),
            Period::Month => format!(
                "{:04}-{:02}",
                number.div_euclid(12),
                number.rem_euclid(12) + 1
            ),
            Period::Day => {
                let (year, month, day) = civil_from_days(number);
                format!("{year:04}-{month:02}-{day:02}")
            }
            Period::Week => {
                let (year, week) = iso_week_of_monday(number * 7 + FIRST_MONDAY);
                format!("{year:04}-W{week:02}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn label(period: Period, text: &str) -> String {
        period.label(period.number(date(text)))
    }

    #[test]
    fn days_round_trip_through_the_epoch() {
        assert_eq!(days_from_civil(date("1970-01-01")), 0);
        assert_eq!(days_from_civil(date("2000-03-01")), 11_017);
        for text in ["1969-12-31", "2016-02-29", "2018-12-31", "0987-01-02"] {
            assert_eq!(label(Period::Day, text), text);
        }
        let leap = Period::Day.number(date("2016-02-28"));
        assert_eq!(Period::Day.label(leap + 1), "2016-02-29");
        assert_eq!(Period::Day.label(leap + 2), "2016-03-01");
    }

    #[test]
    fn iso_weeks_belong_to_the_year_of_their_thursday() {
        // values checked against `date +%G-W%V`
        assert_eq!(label(Period::Week, "2018-01-01"), "2018-W01");
        assert_eq!(label(Period::Week, "2018-12-31"), "2019-W01");
        assert_eq!(label(Period::Week, "2016-01-03"), "2015-W53");
        assert_eq!(label(Period::Week, "2021-01-04"), "2021-W01");
        assert_eq!(label(Period::Week, "2020-12-31"), "2020-W53");
        let sunday = Period::Week.number(date("2018-07-15"));
        let monday = Period::Week.number(date("2018-07-16"));
        assert_eq!(monday, sunday + 1);
        assert_eq!(Period::Week.label(sunday), "2018-W28");
    }

    #[test]
    fn months_and_years_count_on_across_the_new_year() {
        let december = Period::Month.number(date("2017-12-05"));
        assert_eq!(Period::Month.label(december), "2017-12");
        assert_eq!(Period::Month.label(december + 1), "2018-01");
        assert_eq!(label(Period::Year, "2018-07-15"), "2018");
    }
}
