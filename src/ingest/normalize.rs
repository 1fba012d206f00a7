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

use crate::analysis::letters::arabic_block_offset;

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
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    loop {
        let start = out.len();
        // Most lines are plain (see `is_plain`): copied word by word in the pass that finds
        // their end. The others, from their first byte again, take the general way.
        let end = match push_plain_line(&mut out, start, text, at) {
            Ok(end) => end,
            Err(stop) => {
                out.truncate(start);
                let end = line_end(bytes, stop);
                push_any_line(&mut out, start, &text[at..end]);
                end
            }
        };
        if out.len() > start {
            out.push('\n');
        }
        if end == bytes.len() {
            break;
        }
        at = end + terminator_len(bytes, end);
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Length of the line terminator that starts at byte `at`, or 0: \n, \r, \x0C and the Unicode
/// next-line, line and paragraph separators end lines.
fn terminator_len(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        b'\n' | b'\r' | 0x0C => 1,
        0xC2 if bytes.get(at + 1) == Some(&0x85) => 2,
        0xE2 if bytes.get(at + 1) == Some(&0x80)
            && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9)) =>
        {
            3
        }
        _ => 0,
    }
}

/// Where the line that starts at byte `at` ends: its terminator, or the end of the text.
fn line_end(bytes: &[u8], at: usize) -> usize {
    (at..bytes.len())
        .find(|&i| terminator_len(bytes, i) > 0)
        .unwrap_or(bytes.len())
}

/// Copies the line of `text` that starts at byte `at` to `out`, its words one space apart, if
/// every character of it is plain; returns where the line ends. Fails with the place of the
/// first character that is not (no line end before it), leaving `out` to be truncated to
/// `start`. Reads ASCII and the Arabic block from the UTF-8 bytes: the line is walked once,
/// where the general way walks it three times.
fn push_plain_line(out: &mut String, start: usize, text: &str, at: usize) -> Result<usize, usize> {
    let bytes = text.as_bytes();
    let mut word: Option<usize> = None;
    // Harakat (and tatweel) are in a third of the lines of scraped news. NFKC leaves them as
    // they are unless two in a row stand out of canonical order (shadda then fatha), their
    // combining classes rising with their code points.
    let mut last_haraka = None;
    let mut i = at;
    let end = loop {
        let Some(&lead) = bytes.get(i) else {
            break i;
        };
        let width = if lead.is_ascii() {
            if lead == b' ' || lead == b'\t' {
                if let Some(from) = word.take() {
                    if out.len() > start {
                        out.push(' ');
                    }
                    out.push_str(&text[from..i]);
                }
                last_haraka = None;
                i += 1;
                continue;
            }
            if terminator_len(bytes, i) > 0 {
                break i;
            }
            if !lead.is_ascii_graphic() {
                return Err(i);
            }
            last_haraka = None;
            1
        } else if let Some(offset) = arabic_block_offset(text, i) {
            let c = char::from_u32(0x0600 + offset as u32).unwrap_or_default();
            if ('\u{064B}'..='\u{0652}').contains(&c) {
                if last_haraka.is_some_and(|last| last > c) {
                    return Err(i);
                }
                last_haraka = Some(c);
            } else if is_plain(c) || c == '\u{0640}' {
                last_haraka = None;
            } else {
                return Err(i);
            }
            2
        } else {
            if terminator_len(bytes, i) > 0 {
                break i;
            }
            let c = text[i..].chars().next().unwrap_or_default();
            if !is_plain(c) {
                return Err(i);
            }
            last_haraka = None;
            c.len_utf8()
        };
        word.get_or_insert(i);
        i += width;
    };
    if let Some(from) = word {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(&text[from..end]);
    }
    Ok(end)
}

/// Appends one line that has characters other than plain ones: controls removed, NFKC, white
/// space folded. `start` is where the line begins in `out`.
fn push_any_line(out: &mut String, start: usize, raw_line: &str) {
    // Controls go before NFKC: removed later, they would keep apart a letter and a combining
    // hamza that NFKC composes on the next pass (normalizing twice would differ).
    let visible = || raw_line.chars().filter(|&c| !is_invisible_control(c));
    // Nothing to drop and no white space but ASCII's: the words can be copied whole, one space
    // between them, if NFKC has nothing to compose either.
    let copyable = raw_line
        .chars()
        .all(|c| is_plain(c) || !(is_invisible_control(c) || c.is_ascii() || c.is_whitespace()));
    if copyable && is_nfkc_quick(raw_line.chars()) == IsNormalized::Yes {
        for word in raw_line.split_ascii_whitespace() {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str(word);
        }
    } else if is_nfkc_quick(visible()) == IsNormalized::Yes {
        // Most other lines are in NFKC too; the quick check spares them the decomposition.
        push_line(out, start, visible());
    } else {
        push_line(out, start, visible().nfkc());
    }
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

    /// What [`normalize`] does to a text without its shortcuts.
    fn normalize_slowly(text: &str) -> String {
        let lines = text.split(['\n', '\r', '\u{0C}', '\u{2028}', '\u{2029}', '\u{85}']);
        let lines: Vec<String> = lines
            .map(normalize_line_slowly)
            .filter(|line| !line.is_empty())
            .collect();
        lines.join("\n")
    }

    /// Texts of several lines: letters, harakat, white space and line ends of every kind, and
    /// characters that take the general way (controls, NBSP, presentation forms, emoji).
    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            8 => proptest::char::range('\u{0621}', '\u{064A}'),
            3 => proptest::char::range('\u{064B}', '\u{0652}'),
            3 => proptest::char::range('!', '~'),
            3 => proptest::sample::select(vec![' ', '\t', ' ', '\u{0640}', '«', '»', '–', '”']),
            2 => proptest::sample::select(vec!['\n', '\r', '\u{0C}', '\u{85}', '\u{2028}',
                '\u{2029}']),
            1 => proptest::char::range('\u{0600}', '\u{06FF}'),
            1 => proptest::sample::select(vec!['\u{0}', '\u{B}', '\u{7F}', '\u{A0}', '\u{200F}',
                '\u{2026}', '\u{FEF1}', '\u{FEFF}', '\u{1F600}', '\u{3000}', '\u{E9}', 'e']),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|chars| chars.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn the_shortcuts_give_what_nfkc_gives(line in arabic_line()) {
            proptest::prop_assert_eq!(normalize(&line), normalize_line_slowly(&line));
        }

        #[test]
        fn a_text_is_normalized_line_by_line(text in text()) {
            proptest::prop_assert_eq!(normalize(&text), normalize_slowly(&text));
        }
    }

    #[test]
    fn combining_hamza_and_madda_compose_amid_plain_letters() {
        // U+0653–U+0655 sit beside the harakat but are no harakat: NFKC composes them.
        assert_eq!(
            normalize("سؤال و\u{654} ا\u{653}خر ا\u{655}ن"),
            "سؤال ؤ آخر إن"
        );
    }

    #[test]
    fn every_kind_of_line_end_ends_a_line() {
        let text = "أ\nب\r\nج\u{0C}د\u{85}ه\u{2028}و\u{2029}ز\r";
        assert_eq!(normalize(text), "أ\nب\nج\nد\nه\nو\nز");
        // A lone 0xC2 or 0xE2 lead of another character is no line end.
        assert_eq!(normalize("«نص» – “”"), "«نص» – “”");
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
