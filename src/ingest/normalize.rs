//! Puts decoded text into the one shape the rest of fahras expects.
//!
//! * NFKC, so presentation forms (ﻻ ﺍﻟﻌﺮﺍﻕ) and compatibility characters become ordinary
//!   letters in the *stored* text as well as in the index;
//! * control characters, bidi embeddings/overrides/isolates, LRM/RLM/ALM, zero-width spaces and
//!   stray BOMs removed: they are invisible, break words apart, and could reorder a terminal;
//!   ZWNJ and ZWJ stay, as they shape letters inside words (the analyzer ignores them);
//! * every run of white space folded to one space, lines trimmed, blank lines dropped, so the
//!   result holds one paragraph per line.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Characters removed from stored text.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Needs no normalization: printable ASCII, space and tab, the plain Arabic letters, digits and
/// punctuation, guillemets, dashes and curly quotes. NFKC leaves all of them alone, none
/// combines with a neighbour, and the only white space among them is ASCII. Most news text is
/// nothing else.
fn is_plain(c: char) -> bool {
    c.is_ascii_graphic()
        || matches!(c, ' ' | '\t' | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{0621}'..='\u{063A}'
            | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{066D}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
}

/// Appends `chars` to `out` as one line: runs of white space folded to one space, none at
/// either end. `start` is where the line begins in `out`.
fn push_line(out: &mut String, start: usize, chars: impl Iterator<Item = char>) {
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = out.len() > start;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
}

/// Normalizes `text` into trimmed, single-spaced paragraphs, one per line.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // \r, \x0C and the Unicode line/paragraph separators end lines too.
    for raw_line in text.split(['\n', '\r', '\u{0C}', '\u{2028}', '\u{2029}', '\u{85}']) {
        let start = out.len();
        // Controls go before NFKC: removed later, they would keep apart a letter and a
        // combining hamza that NFKC composes on the next pass (normalizing twice would differ).
        let visible = || raw_line.chars().filter(|&c| !is_invisible_control(c));
        // Nothing to drop and no white space but ASCII's: the words can be copied whole, one
        // space between them, if NFKC has nothing to compose either (sure for plain text).
        let (mut plain, mut copyable) = (true, true);
        // Harakat (and tatweel) are in a third of the lines of scraped news. NFKC leaves them
        // as they are unless two in a row stand out of canonical order (shadda then fatha),
        // their combining classes rising with their code points.
        let mut last_haraka = None;
        for c in raw_line.chars() {
            if is_plain(c) || c == '\u{0640}' {
                last_haraka = None;
                continue;
            }
            if ('\u{064B}'..='\u{0652}').contains(&c) && last_haraka.is_none_or(|last| last <= c) {
                last_haraka = Some(c);
                continue;
            }
            plain = false;
            if is_invisible_control(c) || c.is_ascii() || c.is_whitespace() {
                copyable = false;
                break;
            }
            last_haraka = None;
        }
        if plain || (copyable && is_nfkc_quick(raw_line.chars()) == IsNormalized::Yes) {
            for word in raw_line.split_ascii_whitespace() {
                if out.len() > start {
                    out.push(' ');
                }
                out.push_str(word);
            }
        } else if is_nfkc_quick(visible()) == IsNormalized::Yes {
            // Most other lines are in NFKC too; the quick check spares them the decomposition.
            push_line(&mut out, start, visible());
        } else {
            push_line(&mut out, start, visible().nfkc());
        }
        if out.len() > start {
            out.push('\n');
        }
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentation_forms_become_letters() {
        assert_eq!(normalize("ﺍﻟﻌﺮﺍﻕ ﻻ"), "العراق لا");
    }

    #[test]
    fn whitespace_folds_and_blank_lines_go() {
        assert_eq!(
            normalize("  قال\u{00A0}\u{00A0}الوزير \t\r\n\r\n\n  نعم  "),
            "قال الوزير\nنعم"
        );
    }

    #[test]
    fn controls_and_bidi_overrides_are_removed_but_zwnj_stays() {
        assert_eq!(
            normalize("\u{202E}قسد\u{202C} \u{1B}[31mred\u{200F} می\u{200C}خورد"),
            "قسد [31mred می\u{200C}خورد"
        );
    }

    #[test]
    fn a_control_between_letter_and_combining_hamza_does_not_block_composition() {
        // found by tests/properties.rs
        assert_eq!(normalize("\u{FEF1}\u{FEFF}\u{654}"), "\u{626}");
    }

    /// What [`normalize`] does to one line without its shortcuts.
    fn normalize_line_slowly(line: &str) -> String {
        let mut out = String::new();
        let visible = line.chars().filter(|&c| !is_invisible_control(c));
        push_line(&mut out, 0, visible.nfkc());
        out
    }

    /// Lines mostly of letters and harakat, now and then with a character that NFKC changes.
    fn arabic_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            8 => proptest::char::range('\u{0621}', '\u{064A}'),
            6 => proptest::char::range('\u{064B}', '\u{0652}'),
            2 => proptest::sample::select(vec![' ', 'a', 'Z', '.', '،', '\u{0640}']),
            1 => proptest::sample::select(vec!['\u{0653}', '\u{0654}', '\u{0655}', '\u{0670}',
                '\u{00A0}', '\u{200F}', '\u{FEF1}']),
        ];
        proptest::collection::vec(piece, 0..16).prop_map(|chars| chars.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn the_shortcuts_give_what_nfkc_gives(line in arabic_line()) {
            proptest::prop_assert_eq!(normalize(&line), normalize_line_slowly(&line));
        }
    }

    #[test]
    fn harakat_in_canonical_order_are_kept_and_others_reordered() {
        assert_eq!(normalize("جداً شدَّ"), "جداً شدَّ");
        // shadda (class 33) before fatha (30): NFKC puts the fatha first
        assert_eq!(normalize("شدَّ"), "شدَّ");
        assert_eq!(normalize("ش\u{0651}\u{064E}"), "ش\u{064E}\u{0651}");
    }

    #[test]
    fn idempotent() {
        let once = normalize(" ﻻ \u{202E}x\n\n y ");
        assert_eq!(normalize(&once), once);
    }
}
