//! Dates as news text writes them, parsed to ISO 8601 (`YYYY-MM-DD`).
//!
//! Handles ISO timestamps (`2017-01-20T21:43:00+01:00`), RFC 822 (`Tue, 20 Feb 2018 01:44:01
//! GMT`), numeric day-first dates (`29/07/2016`, the Arab convention), and day–month–year with
//! month names of every Arabic region (Egyptian/Gulf يناير, Levantine كانون الثاني, Maghreb
//! جانفي, Moroccan يوليوز …), English names, paired names (`آب/اغسطس`), weekday prefixes,
//! Arabic-Indic digits and any of `-`, `،`, `/` between the parts.
//!
//! Hijri dates (a Hijri month name, or a year marked هـ) are recognised and skipped, never
//! read as Gregorian: `25 شوال 1436 هـ الموافق 10 اغسطس 2015 م` gives 2015-08-10.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::Date;
use crate::ingest::line_fold::fold_line;

/// Gregorian month names after [`fold_line`](crate::ingest::line_fold::fold_line), with their month numbers.
const GREGORIAN: &[(&str, u32)] = &[
    // Egyptian / Gulf / Mauritanian
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("اغشت", 8),
    ("سبتمبر", 9),
    ("شتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("دجمبر", 12),
    // Levantine / Iraqi
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    // Maghreb
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("يوليوز", 7),
    ("اوت", 8),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Hijri month names after [`fold_line`](crate::ingest::line_fold::fold_line).
const HIJRI: &[&str] = &[
    "محرم",
    "صفر",
    "ربيع الاول",
    "ربيع الاخر",
    "ربيع الثاني",
    "جمادي الاولي",
    "جمادي الاول",
    "جمادي الاخره",
    "جمادي الاخر",
    "جمادي الثانيه",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعده",
    "ذي القعده",
    "ذو الحجه",
    "ذي الحجه",
];

fn alternation(names: impl Iterator<Item = &'static str>) -> String {
    let mut names: Vec<&str> = names.collect();
    // Longest first, so كانون الثاني wins over a shorter prefix.
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names
        .iter()
        .map(|n| n.replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

static MONTHS: LazyLock<String> = LazyLock::new(|| {
    alternation(
        GREGORIAN
            .iter()
            .map(|(n, _)| *n)
            .chain(HIJRI.iter().copied()),
    )
});

/// Day, month name(s), year.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let m = &*MONTHS;
    Regex::new(&format!(
        r"(?:^|[^\p{{L}}\d])(\d{{1,2}})\s*[-،,/.]?\s*({m})\.?(?:\s*[/(\-]\s*({m})\s*\)?)?\s*[-،,/.]?\s*(\d{{4}})(\s*هـ|\s*ه(?:\W|$))?"
    ))
    .expect("valid date regex")
});

/// English month first: `February 20, 2018`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\d])([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\D|$)").expect("valid")
});

/// Numeric dates: ISO `2016-07-29`, `2016/07/29`, day-first `29/07/2016` or `29-07-2016`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(?:(\d{4}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{1,2})|(\d{1,2}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{4}))(?:\D|$)")
        .expect("valid")
});

fn gregorian_month(name: &str) -> Option<u32> {
    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    GREGORIAN.iter().find(|(n, _)| *n == name).map(|&(_, m)| m)
}

/// The date, if it exists and is plausible for news (1900–2100): a larger number is more likely
/// a count or an id than a year.
fn valid(year: u32, month: u32, day: u32) -> Option<Date> {
    (1900..=2100)
        .contains(&year)
        .then(|| Date::new(year, month, day))
        .flatten()
}

/// A Gregorian date found in `text`, with where it starts (in folded chars' bytes).
fn candidates(folded: &str) -> Vec<(usize, Date)> {
    let mut found = Vec::new();
    for caps in DAY_MONTH_YEAR.captures_iter(folded) {
        let hijri_year = caps.get(5).is_some();
        let first = gregorian_month(&caps[2]);
        let second = caps.get(3).and_then(|m| gregorian_month(m.as_str()));
        let (Some(month), false) = (first.or(second), hijri_year) else {
            continue; // a Hijri month or a year marked هـ
        };
        let day: u32 = caps[1].parse().unwrap_or(0);
        let year: u32 = caps[4].parse().unwrap_or(0);
        if let Some(date) = valid(year, month, day) {
            found.push((caps.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for caps in MONTH_DAY_YEAR.captures_iter(folded) {
        if let Some(month) = gregorian_month(&caps[1]) {
            let day: u32 = caps[2].parse().unwrap_or(0);
            let year: u32 = caps[3].parse().unwrap_or(0);
            if let Some(date) = valid(year, month, day) {
                found.push((caps.get(0).map_or(0, |m| m.start()), date));
            }
        }
    }
    for caps in NUMERIC.captures_iter(folded) {
        let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = if let (Some(y), Some(m), Some(d)) = (num(1), num(2), num(3)) {
            valid(y, m, d)
        } else if let (Some(a), Some(b), Some(y)) = (num(4), num(5), num(6)) {
            // Day first unless that cannot be (`07/29/2016`).
            valid(y, b, a).or_else(|| valid(y, a, b))
        } else {
            None
        };
        if let Some(date) = date {
            found.push((caps.get(0).map_or(0, |m| m.start()), date));
        }
    }
    found.sort();
    found
}

/// The first Gregorian date in `text`, as `YYYY-MM-DD` (the stored form, made from a [`Date`]).
pub fn parse_date(text: &str) -> Option<String> {
    parse_folded_date(&fold_line(text))
}

/// [`parse_date`] of a text already folded ([`fold_line`]).
pub fn parse_folded_date(folded: &str) -> Option<String> {
    candidates(folded)
        .into_iter()
        .next()
        .map(|(_, d)| d.to_string())
}

/// Does `text` hold a Hijri date (so a number in it is not a Gregorian year)?
pub fn has_hijri(text: &str) -> bool {
    has_folded_hijri(&fold_line(text))
}

/// [`has_hijri`] of a text already folded ([`fold_line`]).
pub fn has_folded_hijri(folded: &str) -> bool {
    DAY_MONTH_YEAR
        .captures_iter(folded)
        .any(|caps| caps.get(5).is_some() || gregorian_month(&caps[2]).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_timestamps() {
        assert_eq!(
            parse_date("2017-01-20T21:43:00+01:00").as_deref(),
            Some("2017-01-20")
        );
        assert_eq!(
            parse_date("Sun, 18 Feb 2018 12:26:59 GMT").as_deref(),
            Some("2018-02-18")
        );
        assert_eq!(
            parse_date("Tue, 20 Feb 2018 01:44:01 GMT").as_deref(),
            Some("2018-02-20")
        );
        assert_eq!(
            parse_date("2015-08-10 10:00:00").as_deref(),
            Some("2015-08-10")
        );
        assert_eq!(
            parse_date("February 20, 2018").as_deref(),
            Some("2018-02-20")
        );
    }

    #[test]
    fn arabic_date_lines_of_every_region() {
        let cases = [
            ("الخميس - 2 مايو - 2024", "2024-05-02"),
            (
                "الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)",
                "2013-08-28",
            ),
            (
                "تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً",
                "2020-04-24",
            ),
            ("الثلاثاء، ٥ مارس ٢٠٢٤", "2024-03-05"),
            ("الثلاثاء، ٥ آذار ٢٠٢٤", "2024-03-05"),
            ("18 جانفي 2017", "2017-01-18"),
            ("1 كانون الثاني 2020", "2020-01-01"),
            ("12 تشرين الأول 2019", "2019-10-12"),
            ("3 يوليوز 2021", "2021-07-03"),
            ("29/07/2016", "2016-07-29"),
            ("07/29/2016", "2016-07-29"),
            ("نشر في 2016/07/29", "2016-07-29"),
            ("5 فبراير (شباط) 2018", "2018-02-05"),
            ("٠٢:٠٠ الثلاثاء ١ / ١٢ / ٢٠٢٠", "2020-12-01"),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn hijri_dates_are_never_gregorian() {
        let wire = "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس";
        assert_eq!(parse_date(wire).as_deref(), Some("2015-08-10"));
        assert!(has_hijri(wire));
        assert_eq!(parse_date("الخميس ١٢ رمضان ١٤٤٥هـ"), None);
        assert_eq!(parse_date("5 ذو الحجة 1440"), None);
        assert_eq!(parse_date("3 مايو 1445 هـ"), None);
        assert!(!has_hijri("2 مايو 2024"));
    }

    #[test]
    fn impossible_dates_and_plain_numbers_are_rejected() {
        assert_eq!(parse_date("31/02/2016"), None);
        assert_eq!(parse_date("قتل 15 شخصا في 2016"), None);
        assert_eq!(parse_date("أب 3 أطفال"), None);
        assert_eq!(parse_date("900 جندي"), None);
    }
}
