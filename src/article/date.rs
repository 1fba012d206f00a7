//! One type for a calendar date, and one for the coarser bounds a user types.
//!
//! [`Date`] is a Gregorian day that exists (month lengths, leap years): it is the only way
//! fahras makes an ISO `YYYY-MM-DD`, so an impossible date such as `2024-99-99` can no longer
//! reach the index. [`DateBound`] is what `--since`, `--until` and `date:[A TO B]` accept:
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing `2018-13-01` or `2018-02-30` with one line
//! naming the text.
//!
//! `Article.date` stays an `Option<String>`: the index stores the ISO text (it sorts as dates
//! sort, and the index format must not change), and the string is read back by the stored
//! reader, printed by four printers and compared in many tests. Turning the field into a
//! `Date` would touch all of them for no behaviour; instead the string is produced only from a
//! `Date` (its `Display`), so what is stored is always a real day.

use std::fmt;
use std::str::FromStr;

use anyhow::{anyhow, Result};

/// A Gregorian calendar day that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Is `year` a Gregorian leap year?
fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// Days in `month` of `year`, or `None` when there is no such month.
fn days_in_month(year: u32, month: u32) -> Option<u32> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => return None,
    })
}

impl Date {
    /// The date, if it exists: years 0–9999 (four ISO digits), months 1–12, days of the month.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let days = days_in_month(year, month)?;
        (year <= 9999 && (1..=days).contains(&day)).then_some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> u32 {
        self.year.into()
    }

    pub fn month(self) -> u32 {
        self.month.into()
    }

    pub fn day(self) -> u32 {
        self.day.into()
    }
}

/// ISO 8601, `YYYY-MM-DD`: the form stored in the index.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `text` split on `-` into numbers of exactly `widths` ASCII digits, or `None`.
fn iso_parts(text: &str, widths: &[usize]) -> Option<Vec<u32>> {
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() != widths.len() {
        return None;
    }
    parts
        .iter()
        .zip(widths)
        .map(|(part, &width)| {
            (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        })
        .collect()
}

/// Parses the ISO form `YYYY-MM-DD`, refusing days that do not exist.
impl FromStr for Date {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Date> {
        let parts = iso_parts(text, &[4, 2, 2])
            .ok_or_else(|| anyhow!("invalid date {text:?}: use YYYY-MM-DD"))?;
        Date::new(parts[0], parts[1], parts[2])
            .ok_or_else(|| anyhow!("invalid date {text:?}: no such day"))
    }
}

/// A user's date bound: a whole year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    Year(u32),
    Month(u32, u32),
    Day(Date),
}

/// The same text the user typed, in canonical form; a prefix of every date it covers.
impl fmt::Display for DateBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateBound::Year(year) => write!(f, "{year:04}"),
            DateBound::Month(year, month) => write!(f, "{year:04}-{month:02}"),
            DateBound::Day(date) => date.fmt(f),
        }
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing months and days that do not exist.
impl FromStr for DateBound {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<DateBound> {
        let shape = || anyhow!("invalid date {text:?}: use YYYY-MM-DD (or YYYY-MM, YYYY)");
        let bound = match text.len() {
            4 => iso_parts(text, &[4]).map(|p| Some(DateBound::Year(p[0]))),
            7 => iso_parts(text, &[4, 2])
                .map(|p| days_in_month(p[0], p[1]).map(|_| DateBound::Month(p[0], p[1]))),
            10 => {
                iso_parts(text, &[4, 2, 2]).map(|p| Date::new(p[0], p[1], p[2]).map(DateBound::Day))
            }
            _ => None,
        };
        bound
            .ok_or_else(shape)?
            .ok_or_else(|| anyhow!("invalid date {text:?}: no such month or day"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(Date::new(2024, 2, 29).is_some(), "divisible by 4");
        assert!(Date::new(2023, 2, 29).is_none(), "not divisible by 4");
        assert!(
            Date::new(1900, 2, 29).is_none(),
            "century not divisible by 400"
        );
        assert!(Date::new(2000, 2, 29).is_some(), "century divisible by 400");
        assert!(Date::new(2024, 2, 30).is_none());
    }

    #[test]
    fn month_lengths_and_bounds() {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (month, days) in (1..=12).zip(lengths) {
            assert!(Date::new(2023, month, days).is_some(), "{month}/{days}");
            assert!(
                Date::new(2023, month, days + 1).is_none(),
                "{month}/{}",
                days + 1
            );
            assert!(Date::new(2023, month, 0).is_none(), "day 0 of {month}");
        }
        assert!(Date::new(2023, 0, 1).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
        assert!(Date::new(9999, 12, 31).is_some());
        assert!(Date::new(10000, 1, 1).is_none(), "not four ISO digits");
    }

    #[test]
    fn iso_text_round_trips_and_orders_as_dates() {
        let date: Date = "2016-07-09".parse().unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2016, 7, 9));
        assert_eq!(date.to_string(), "2016-07-09");
        assert_eq!(Date::new(987, 1, 2).unwrap().to_string(), "0987-01-02");
        assert!(date < "2016-07-10".parse().unwrap());
        for bad in [
            "2024-99-99",
            "2018-02-30",
            "2016-7-9",
            "2016/07/09",
            "2016-07-09x",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn bounds_accept_year_month_day_and_refuse_what_does_not_exist() {
        assert_eq!("2018".parse::<DateBound>().unwrap(), DateBound::Year(2018));
        assert_eq!(
            "2018-02".parse::<DateBound>().unwrap(),
            DateBound::Month(2018, 2)
        );
        assert_eq!(
            "2020-02-29".parse::<DateBound>().unwrap().to_string(),
            "2020-02-29"
        );
        for bad in [
            "2018-02-30",
            "2018-13-01",
            "2018-00",
            "2018-02-00",
            "2019-02-29",
        ] {
            let err = bad.parse::<DateBound>().unwrap_err().to_string();
            assert_eq!(err, format!("invalid date \"{bad}\": no such month or day"));
        }
        for bad in [
            "2018/01/01",
            "18",
            "2018-1",
            "２٠١٨",
            "+018",
            "2018-01-01T00",
        ] {
            let err = bad.parse::<DateBound>().unwrap_err().to_string();
            assert!(
                err.starts_with(&format!("invalid date {bad:?}: use YYYY-MM-DD")),
                "{err}"
            );
            assert!(!err.contains('\n'));
        }
    }
}
