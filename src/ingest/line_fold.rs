//! The light fold that lines are compared and matched in before they are cleaned.
//!
//! The furniture patterns ([`super::clean::patterns`]), the repetition table of plain-text
//! folders ([`super::clean::repetition`]) and the date and byline finders
//! ([`super::metadata`]) all look at a line with the spellings it varies in folded away, so
//! that one pattern covers اقرأ أيضاً and اقرا ايضا, and one line of site furniture counts the
//! same on every page whatever its harakat. It is lighter than the analyzer's fold
//! ([`crate::analysis::fold_into`]): it keeps words, spaces and punctuation as they are, because
//! the patterns read them, and never touches the text that is indexed or stored.

use crate::analysis::letters::arabic_block_offset;

/// Folds the spellings a line varies in: digits to ASCII, alef/ya/ta marbuta variants, harakat
/// and tatweel removed, Latin lower-cased.
pub fn fold_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_line_into(text, &mut out);
    out
}

/// [`fold_line`] into a buffer the caller reuses (cleared first).
///
/// Works on the UTF-8 bytes: every line of every article passes through here (the furniture
/// patterns match folded lines), and decoding and re-encoding each character cost 2% of an
/// ingest. The characters it changes are all two bytes long (U+0600–U+06FF) or ASCII; every
/// other character is left in the runs copied as they are, which needs no second UTF-8 check
/// (that check was 3% of a plain-text ingest).
pub fn fold_line_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    let bytes = text.as_bytes();
    // Start of the bytes not yet copied, all of them unchanged by the fold.
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        let lead = bytes[at];
        if lead.is_ascii() {
            if lead.is_ascii_uppercase() {
                out.push_str(&text[run..at]);
                out.push(char::from(lead.to_ascii_lowercase()));
                run = at + 1;
            }
            at += 1;
            continue;
        }
        if let Some(offset) = arabic_block_offset(text, at) {
            let fold = ARABIC_BLOCK[offset];
            if fold != KEEP {
                out.push_str(&text[run..at]);
                out.push_str(FOLDED[usize::from(fold)]);
                run = at + 2;
            }
            at += 2;
            continue;
        }
        at += match lead {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
    }
    out.push_str(&text[run..]);
}

/// The entry of [`ARABIC_BLOCK`] for a character the fold leaves as it is.
const KEEP: u8 = u8::MAX;
/// What the fold writes instead of a character, by its entry in [`ARABIC_BLOCK`]: nothing,
/// ا, ي, ه or a digit.
const FOLDED: [&str; 14] = [
    "", "ا", "ي", "ه", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
];

/// The fold of each character of U+0600–U+06FF: harakat, the superscript alef and tatweel
/// dropped, Arabic-Indic digits to ASCII, alef forms to ا, ى to ي, ة to ه.
static ARABIC_BLOCK: [u8; 256] = {
    let mut folds = [KEEP; 256];
    let mut at = 0;
    while at < 256 {
        let c = 0x0600 + at as u32;
        folds[at] = match c {
            0x064B..=0x065F | 0x0670 | 0x0640 => 0,
            0x0623 | 0x0625 | 0x0622 | 0x0671 => 1,
            0x0649 => 2,
            0x0629 => 3,
            0x0660..=0x0669 => 4 + (c - 0x0660) as u8,
            0x06F0..=0x06F9 => 4 + (c - 0x06F0) as u8,
            _ => KEEP,
        };
        at += 1;
    }
    folds
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The fold as it was written on characters: [`fold_line_into`] must agree with it.
    fn fold_by_chars(text: &str) -> String {
        text.chars()
            .filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
            .map(|c| match c {
                '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
                '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ى' => 'ي',
                'ة' => 'ه',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn folding_bytes_agrees_with_folding_chars(text in "[\\x00-\\x7F\u{0600}-\u{06FF}\u{0750}-\u{077F}À-ÿ\u{2000}-\u{206F}\u{1F600}-\u{1F64F}]{0,40}") {
            let mut out = String::from("left over");
            fold_line_into(&text, &mut out);
            proptest::prop_assert_eq!(out, fold_by_chars(&text));
        }
    }

    #[test]
    fn folding_bytes_agrees_with_folding_chars_on_every_arabic_character() {
        let all: String = ('\u{0600}'..='\u{06FF}')
            .chain("AZaz09 ÉЖ€😀".chars())
            .collect();
        assert_eq!(fold_line(&all), fold_by_chars(&all));
    }
}
