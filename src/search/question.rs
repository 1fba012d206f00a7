//! What kind of answer a question asks for, read from its interrogative words.
//!
//! A question that asks "when" (متى، في أي عام) is answered by a passage with a year in it, one
//! that asks "how many" (كم) by a passage with a number. The interrogatives themselves are stop
//! words, so BM25 never sees them; the rerank (`super::hits`) gives a top hit a small bonus when
//! a year or number stands near its query words (EVALUATION.md: questions +0.004 MRR@10).

use crate::analysis::{fold_char, fold_into, Fold};

/// The kind of answer a question expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expects {
    /// A year: three or four digits.
    Year,
    /// Any number.
    Number,
}

/// Nouns that make أي ("which") ask for a time: في أي عام، في أي سنة، في أي قرن.
const TIME_NOUNS: [&str; 8] = [
    "عام",
    "العام",
    "سنه",
    "السنه",
    "قرن",
    "القرن",
    "تاريخ",
    "يوم",
];

/// The answer `query` asks for, if it is a when or how-many question.
pub fn expected_answer(query: &str) -> Option<Expects> {
    let words: Vec<String> = query
        // harakat and tatweel are not letters, but must not split أيّ
        .split(|c: char| !c.is_alphanumeric() && fold_char(c) != Fold::Drop)
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut folded = String::new();
            fold_into(word, &mut folded);
            folded
        })
        .collect();
    for (i, word) in words.iter().enumerate() {
        match word.as_str() {
            "متي" => return Some(Expects::Year),
            "كم" | "بكم" => return Some(Expects::Number),
            "اي" | "باي" | "لاي"
                if words
                    .get(i + 1)
                    .is_some_and(|next| TIME_NOUNS.contains(&next.as_str())) =>
            {
                return Some(Expects::Year)
            }
            _ => {}
        }
    }
    None
}

/// Character ranges of the runs of digits (ASCII or Arabic-Indic) in `text` that fit `kind`.
pub fn numbers(text: &str, kind: Expects) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    let mut end = 0;
    for (i, c) in text.chars().enumerate() {
        end = i + 1;
        let digit = c.is_ascii_digit()
            || ('\u{0660}'..='\u{0669}').contains(&c)
            || ('\u{06F0}'..='\u{06F9}').contains(&c);
        match (digit, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                runs.push((from, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        runs.push((from, end));
    }
    if kind == Expects::Year {
        runs.retain(|&(from, to)| (3..=4).contains(&(to - from)));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_and_how_many_questions() {
        assert_eq!(expected_answer("متى ولد نجيب محفوظ"), Some(Expects::Year));
        assert_eq!(expected_answer("متي توفي"), Some(Expects::Year));
        assert_eq!(expected_answer("في أيّ عام تأسست"), Some(Expects::Year));
        assert_eq!(expected_answer("في اى سنة"), Some(Expects::Year));
        assert_eq!(expected_answer("كم عدد سكان مصر؟"), Some(Expects::Number));
        assert_eq!(expected_answer("ما هي عاصمة مصر"), None);
        // أي before a word that is not a time
        assert_eq!(expected_answer("في أي مدينة ولد"), None);
        assert_eq!(expected_answer("التحالف الدولي"), None);
    }

    #[test]
    fn numbers_are_found_in_characters() {
        let text = "ولد عام ١٩٣٧ وله 3 كتب و12345 قارئا";
        assert_eq!(
            numbers(text, Expects::Number),
            [(8, 12), (17, 18), (24, 29)]
        );
        assert_eq!(numbers(text, Expects::Year), [(8, 12)]);
        assert_eq!(numbers("سنة 2011", Expects::Year), [(4, 8)]);
        assert!(numbers("لا أرقام", Expects::Number).is_empty());
    }
}
