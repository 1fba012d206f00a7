//! Words that carry no topic (function words, reporting verbs, words of time), left out of a
//! list of a corpus's words (`fahras stats`, `fahras terms`) though the index keeps them.
//!
//! The index drops only the closed classes of `analysis::stopwords`, and only before folding,
//! so that a word is never lost to a search. A list of frequent or characteristic words wants
//! fewer: reporting verbs (قال, وقال, واضاف), their clitic forms, words of time (امس, اليوم),
//! the بن of names, and the function words the index keeps in their folded spellings (الي,
//! علي for على) or with a clitic (وهو, لها). This list holds those, folded as the index keeps
//! them; it only ever hides words from a list, never from a search. Numbers name no topic
//! either ([`names_no_topic`]).

use std::collections::HashSet;
use std::sync::OnceLock;

#[rustfmt::skip]
const TOPICLESS_WORDS: &[&str] = &[
    // reporting verbs and their clitic forms
    "قال", "وقال", "قالت", "وقالت", "يقول", "تقول", "اضاف", "واضاف", "اضافت", "واضافت",
    "اكد", "واكد", "اكدت", "واكدت", "اعلن", "واعلن", "اعلنت", "واعلنت", "اشار", "واشار",
    "اشارت", "واشارت", "اوضح", "واوضح", "ذكر", "وذكر", "ذكرت", "وذكرت", "افاد", "وافاد",
    "بحسب", "وفق", "وفقا", "حسب",
    // time
    "امس", "اليوم", "الان", "حاليا", "عام", "العام", "يوم", "الماضي", "الماضيه", "المقبل",
    "المقبله", "الجاري", "الحالي", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس",
    "الجمعه", "السبت", "مساء", "صباح", "سنه", "سنوات", "ساعه", "عاما",
    // names and titles
    "بن", "ابن", "ابو", "السيد",
    // function words the index keeps, folded or with a clitic
    "الي", "علي", "حتي", "لدي", "وهو", "وهي", "لها", "له", "بها", "به", "منها", "منه",
    "فيها", "فيه", "عليها", "عليه", "عنها", "عنه", "اليها", "اليه", "معها", "معه", "لهم",
    "منهم", "بهم", "فيهم", "عليهم", "عنهم", "اي", "الذي", "التي", "الذين", "هذا", "هذه",
    "ذلك", "تلك", "كان", "كانت", "يكون", "تكون", "ليس", "ولا", "لكن", "ولكن", "انه", "انها",
    "اذا", "كما", "وكان", "وكانت", "ان", "وان", "الا", "ايضا", "بعد", "قبل", "بين", "حيث",
    "خلال", "ضد", "اكثر", "اول", "اخري", "اخر", "احد", "احدي", "كل", "جميع", "بعض", "عدد",
    "عده", "نحو", "لم", "لن", "قد", "وقد", "لقد", "فقد", "يتم", "تم", "وتم", "هناك", "هنا",
    "حول", "دون", "غير", "اما", "او", "ام", "ثم", "منذ", "عبر", "لا", "ما", "مع",
    "من", "في", "عن", "وفي", "ومن", "وعلي", "والي", "لان", "لذلك", "كذلك", "اطار", "فى",
    "بسبب", "بشكل", "وقت", "الوقت", "بان", "بشان", "مثل", "الامر", "ب", "اجل", "يمكن", "والتي",
    "عدم", "بما", "داخل", "وسط", "الاسبوع", "ضمن", "فيما", "عند", "بينما",
    // Latin-script function words of mixed text
    "the", "of", "and", "to", "in", "a", "on", "for",
];

/// Is `folded` (a word as the index keeps it) a word without a topic? A set, not a scan of
/// the list: `stats` asks this of every word of the index's vocabulary.
pub fn is_topicless(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| TOPICLESS_WORDS.iter().copied().collect())
        .contains(folded)
}

/// Does `folded` name no topic in a list of words: a function word, or a number (3, 2018),
/// which says how many or when, not of what?
pub fn names_no_topic(folded: &str) -> bool {
    is_topicless(folded) || folded.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, exact_analyzer};

    #[test]
    fn the_list_is_folded_as_the_index_keeps_words() {
        let mut analyzer = exact_analyzer();
        for word in TOPICLESS_WORDS {
            let folded = analyze(&mut analyzer, word);
            // a listed word the index drops anyway is harmless; one it keeps must be listed
            // as it keeps it
            assert!(
                folded.is_empty() || folded == [*word],
                "{word} is kept as {folded:?}"
            );
        }
        assert!(is_topicless("وقال"));
        assert!(is_topicless("امس"));
        assert!(!is_topicless("مونديال"));
        assert!(names_no_topic("2018") && names_no_topic("وقال"));
        assert!(!names_no_topic("g20") && !names_no_topic("قسد"));
    }
}
