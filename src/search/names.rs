//! Names against stems in plain queries: which forms of its stem a query word is searched as.
//!
//! light10 gives الرياض (Riyadh) and الرياضة (sport) one stem, رياض, so a plain query for the city
//! counts the sport too. What tells a name from a common word is how the index uses it: a name
//! keeps its article, or its lack of one, everywhere (الرياض is nearly never رياض; تركيا never
//! التركيا), where a common noun or adjective takes and drops it with its sentence (كبير and الكبير,
//! وزير and الوزير). And a name is not inflected: the stem's forms with a suffix (الرياضة,
//! الرياضي, رياضات) are another word family, derived or unrelated.
//!
//! So a query word written as a name (nothing after its stem: الرياض, تركيا) is searched as the
//! name's forms only — the stem alone or after a prefix of the article: رياض, الرياض, بالرياض,
//! للرياض… — when the index shows both of these:
//!
//! * it is a name: those forms are in at least [`MIN_NAME_DOCS`] articles, and fewer than one
//!   in [`NAME_SHARE`] of them has the other article state than most; a name without the
//!   article is also met after ب or ل (بتركيا, لدمشق), as places and people are and verbs,
//!   which never take the article either, are not;
//! * the stem's feminine forms (ة, folded ه, or ات after it) are another, more frequent family:
//!   their articles outnumber the name's (on ANT, الرياضة and الرياضات outnumber the city; on
//!   SaudiNewsNet the city is the more frequent, and keeps the stem's forms).
//!
//! The feminine forms are a noun of their own (الرياضة, sport) where the adjective in ي is
//! mostly the name's own (المصري beside مصر, التونسي beside تونس), which a search for the country
//! is glad to find: counting the adjectives too made many countries names on ANT and cost
//! known-item search 0.0024 MRR@10. A word written with a suffix (الرياضة, عراقي) is searched as
//! every form of its stem, as before: known-item search loses when عراقي stops finding العراق
//! (EVALUATION.md, "Names and small folders").

use super::expand::Vocabulary;

/// The prefixes that carry the article, as light10 takes them off (ال وال بال كال فال لل).
const ARTICLE_PREFIXES: [&str; 6] = ["ال", "وال", "بال", "كال", "فال", "لل"];

/// Fewest articles holding the uninflected forms for their use of the article to say anything.
const MIN_NAME_DOCS: u64 = 20;

/// A name's other article state is in fewer than one in this many of its articles.
const NAME_SHARE: u64 = 10;

/// Prepositions a name without the article is met after.
const PREPOSITIONS: [&str; 2] = ["ب", "ل"];

/// Which forms of its stem a query word stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Every form: the stem is no name's, or the index cannot say.
    All,
    /// The uninflected forms only: the word is the name.
    Name,
}

impl Family {
    /// Does `form`, a form of `stem`, belong to the family?
    pub fn keeps(self, stem: &str, form: &str) -> bool {
        match self {
            Family::All => true,
            Family::Name => is_uninflected(stem, form),
        }
    }
}

/// Is `form` the stem alone or after a prefix of the article?
fn is_uninflected(stem: &str, form: &str) -> bool {
    form == stem
        || ARTICLE_PREFIXES
            .iter()
            .any(|prefix| form.strip_prefix(prefix) == Some(stem))
}

/// Is `form` the stem with ة (folded ه) or the feminine plural ات after it, after any prefix of
/// the article? A noun of its own (الرياضة) rather than the name's adjective (الرياضي, but also
/// المصري, التونسي, which a search for the country wants).
fn is_feminine(stem: &str, form: &str) -> bool {
    let rest = ARTICLE_PREFIXES
        .iter()
        .find_map(|prefix| form.strip_prefix(prefix))
        .filter(|rest| rest.starts_with(stem))
        .unwrap_or(form);
    rest.strip_prefix(stem)
        .is_some_and(|suffix| suffix.starts_with('ه') || suffix.starts_with("ات"))
}

/// The family of the query word `folded` (folded as the index keeps words), of stem `stem`,
/// judged on `vocab`.
pub fn family(vocab: &Vocabulary, folded: &str, stem: &str) -> Family {
    if !folded.ends_with(stem) {
        return Family::All;
    }
    let bare = vocab.form_doc_freq(stem);
    let with_article: u64 = ARTICLE_PREFIXES
        .iter()
        .map(|prefix| vocab.form_doc_freq(&format!("{prefix}{stem}")))
        .sum();
    if bare + with_article < MIN_NAME_DOCS {
        return Family::All;
    }
    let (most, other) = (bare.max(with_article), bare.min(with_article));
    if other * NAME_SHARE >= most {
        return Family::All;
    }
    if with_article < bare {
        let after_preposition = PREPOSITIONS
            .iter()
            .any(|p| vocab.form_doc_freq(&format!("{p}{stem}")) > 0);
        if !after_preposition {
            return Family::All;
        }
    }
    let feminine: u64 = vocab
        .forms_of(stem)
        .iter()
        .filter(|(form, _)| is_feminine(stem, form))
        .map(|(_, doc_freq)| doc_freq)
        .sum();
    match feminine > bare + with_article {
        true => Family::Name,
        false => Family::All,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uninflected_forms_are_the_stem_after_an_article_prefix() {
        for form in ["رياض", "الرياض", "بالرياض", "للرياض", "والرياض"]
        {
            assert!(Family::Name.keeps("رياض", form), "{form}");
        }
        for form in ["الرياضه", "رياضي", "والرياضيه", "رياضات"] {
            assert!(!Family::Name.keeps("رياض", form), "{form}");
        }
        assert!(Family::All.keeps("رياض", "الرياضه"));
    }

    #[test]
    fn the_feminine_forms_are_those_with_teh_marbuta_or_the_feminine_plural() {
        for form in ["الرياضه", "رياضه", "والرياضات", "للرياضه"] {
            assert!(is_feminine("رياض", form), "{form}");
        }
        for form in ["الرياض", "الرياضي", "رياضيين", "المصري"] {
            assert!(!is_feminine("رياض", form), "{form}");
        }
    }
}
