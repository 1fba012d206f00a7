//! Article metadata found in the text itself: date lines, bylines and site-name lines, plus
//! the parsing of date fields.
//!
//! These only look at short lines: a date or a name inside a paragraph says nothing about the
//! article (a report *mentions* dates). The cleaner decides which lines to ask about (the
//! header zone above the article, and its first and last lines).

pub mod date;

use std::sync::LazyLock;

use crate::analysis::letters;
use crate::ingest::line_fold::fold_line;
use regex::Regex;

/// Longest line, in words, that can be a date line or a byline.
const META_LINE_WORDS: usize = 12;

/// `by X`, `بقلم X`, `كتب X`, `كتبت: X`, `بواسطة X`, `إعداد X`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:by|written by|بقلم|كتب|كتبت|كتبه|بواسطة|إعداد|اعداد|تحرير)\s*[:：\-–]?\s+(\S.*?)\s*$")
        .expect("valid byline regex")
});

/// `حوار: X`, `تقرير - X`, `متابعة: X`: words that name the writer only with a colon or dash
/// after them (without, they start sentences: «تقرير أممي يكشف…»).
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:حوار|حاوره|حاورته|حاورها|تقرير|متابعة|ترجمة|مراسلة|رصد)\s*[:：\-–]\s*(\S.*?)\s*$",
    )
    .expect("valid credit regex")
});

/// Cities a byline names after the writer («حسام أبو العلا - القاهرة»), folded
/// ([`fold_line`](crate::ingest::line_fold::fold_line)): the capitals and news centres of the
/// Arab world and the foreign cities its papers keep correspondents in.
const BYLINE_PLACES: &[&str] = &[
    "القاهره",
    "الرياض",
    "جده",
    "مكه",
    "المدينه",
    "الدمام",
    "دبي",
    "ابوظبي",
    "الشارقه",
    "الدوحه",
    "الكويت",
    "المنامه",
    "مسقط",
    "عمان",
    "بيروت",
    "دمشق",
    "حلب",
    "بغداد",
    "البصره",
    "اربيل",
    "القدس",
    "غزه",
    "رام الله",
    "تونس",
    "الجزاير",
    "الرباط",
    "الدار البيضاء",
    "طرابلس",
    "بنغازي",
    "الخرطوم",
    "صنعاء",
    "عدن",
    "نواكشوط",
    "الاسكندريه",
    "اسطنبول",
    "انقره",
    "طهران",
    "باريس",
    "لندن",
    "واشنطن",
    "نيويورك",
    "موسكو",
    "برلين",
    "بروكسل",
    "جنيف",
    "روما",
    "القاهره والوكالات",
];

/// If a line is a date line (short, with a Gregorian date), that date in ISO form. The line
/// is given folded ([`fold_line`]), with its number of words: the
/// cleaner has both at hand.
pub fn date_line(folded: &str, words: usize) -> Option<String> {
    if words > META_LINE_WORDS {
        return None;
    }
    date::parse_folded_date(folded)
}

/// Is a line (folded, of `words` words) a date line that holds only a Hijri date (to be
/// dropped, not parsed)?
pub fn hijri_line(folded: &str, words: usize) -> bool {
    words <= META_LINE_WORDS && date::has_folded_hijri(folded)
}

/// If `line` is a byline, the author's name: `بقلم X`, `حوار: X`, or `X - city`.
pub fn byline(line: &str) -> Option<String> {
    let words = line.split_whitespace().count();
    if !(2..=7).contains(&words) {
        return None;
    }
    let caps = BYLINE.captures(line).or_else(|| CREDIT_LINE.captures(line));
    let name = match &caps {
        Some(caps) => caps.get(1)?.as_str(),
        None => name_before_place(line)?,
    };
    let name = name.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–'));
    let name = name_before_place(name).unwrap_or(name);
    let letters = name.chars().filter(|&c| letters::is_alphabetic(c)).count();
    (letters >= 2 && !name.chars().any(|c| c.is_numeric())).then(|| name.to_string())
}

/// In `X - city` (a city of [`BYLINE_PLACES`]), with X of one to four words of letters, X.
fn name_before_place(line: &str) -> Option<&str> {
    let (name, place) = line.rsplit_once(['-', '–', '،', '/'])?;
    let name = name.trim();
    let words = name.split_whitespace().count();
    let lettered = name
        .chars()
        .all(|c| letters::is_alphabetic(c) || c.is_whitespace() || c == '.');
    ((1..=4).contains(&words) && lettered && BYLINE_PLACES.contains(&fold_line(place).trim()))
        .then_some(name)
}

/// The writer's name in an author field: the name a byline gives (`بقلم X`, `X - القاهرة`),
/// else the field as it is.
pub fn byline_name(value: &str) -> String {
    byline(value).unwrap_or_else(|| value.trim().to_string())
}

/// Could `line` be a site's name (a masthead such as «أثر برس»)? Short, letters only.
pub fn could_be_site_name(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=4).contains(&words)
        && line.chars().any(letters::is_alphabetic)
        && line.chars().all(|c| {
            letters::is_alphabetic(c) || c.is_whitespace() || matches!(c, '.' | '-' | '\'')
        })
}

/// Separators between a page title's headline and its site (and section) names.
const TITLE_SEPARATORS: [&str; 5] = ["-", "|", "–", "—", "::"];

/// If `page` (a page title such as «headline - section - البيان») starts with `headline`
/// followed by a separator, the site name: its last part.
pub fn page_title_site(page: &str, headline: &str) -> Option<String> {
    let rest = page.strip_prefix(headline)?.trim_start();
    TITLE_SEPARATORS.iter().find(|sep| rest.starts_with(*sep))?;
    let last = rest.rsplit(['-', '|', '–', '—', ':']).next()?.trim();
    could_be_site_name(last).then(|| last.to_string())
}

/// Normalizes a date field of a TREC or JSON record.
pub fn field_date(value: &str) -> Option<String> {
    date::parse_date(value)
}

/// Normalizes an author field: empty and placeholder values are no author.
pub fn field_author(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && value != "-").then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::line_fold::fold_line;

    #[test]
    fn bylines_in_arabic_and_english() {
        assert_eq!(byline("by Athr Press Z").as_deref(), Some("Athr Press Z"));
        assert_eq!(byline("by admindiaa").as_deref(), Some("admindiaa"));
        assert_eq!(byline("بقلم: أحمد محمد").as_deref(), Some("أحمد محمد"));
        assert_eq!(byline("كتب - محمود علي").as_deref(), Some("محمود علي"));
        assert_eq!(byline("كتبت سارة خليل").as_deref(), Some("سارة خليل"));
        assert_eq!(
            byline("كتب الوزير رسالة إلى نظيره الفرنسي يطالبه فيها بالتدخل العاجل"),
            None
        );
        assert_eq!(byline("by"), None);
    }

    #[test]
    fn interview_credits_and_name_city_bylines() {
        assert_eq!(
            byline("حوار: آسيا العتروس").as_deref(),
            Some("آسيا العتروس")
        );
        assert_eq!(
            byline("حسام أبو العلا - القاهرة").as_deref(),
            Some("حسام أبو العلا")
        );
        assert_eq!(
            byline("كتب: محمد علي - الرياض").as_deref(),
            Some("محمد علي")
        );
        assert_eq!(byline("تقرير أممي يكشف حجم الدمار"), None);
        assert_eq!(byline("الخميس 12 - القاهرة"), None);
        assert_eq!(byline("انتخابات مجلس النواب في مصر - القاهرة"), None);
        assert_eq!(byline_name("حسام أبو العلا - القاهرة"), "حسام أبو العلا");
        assert_eq!(byline_name("Ziad Sankary"), "Ziad Sankary");
    }

    #[test]
    fn date_lines_are_short() {
        let words = |line: &str| line.split_whitespace().count();
        let date = |line: &str| date_line(&fold_line(line), words(line));
        assert_eq!(
            date("الخميس - 2 مايو - 2024").as_deref(),
            Some("2024-05-02")
        );
        assert_eq!(
            date("وقال الوزير في مؤتمر صحفي عقده يوم 2 مايو 2024 في العاصمة إن الحكومة ماضية في خططها"),
            None
        );
        let hijri = "الخميس ١٢ رمضان ١٤٤٥هـ";
        assert!(hijri_line(&fold_line(hijri), words(hijri)));
        let long = format!("{hijri} {}", "كلمة ".repeat(12));
        assert!(!hijri_line(&fold_line(&long), words(&long)));
    }

    #[test]
    fn site_names_and_page_titles() {
        assert!(could_be_site_name("أثر برس"));
        assert!(!could_be_site_name("الخميس - 2 مايو - 2024"));
        assert_eq!(
            page_title_site(
                "القائم بأعمال السفارة يثمّن جهود الإمارات - عبر الإمارات - البيان",
                "القائم بأعمال السفارة يثمّن جهود الإمارات"
            )
            .as_deref(),
            Some("البيان")
        );
        assert_eq!(page_title_site("عنوان الخبر هنا", "عنوان الخبر"), None);
    }
}
