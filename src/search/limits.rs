//! How big and how deep a query may be, checked before any work is done on it.
//!
//! tantivy's query grammar is a recursive parser: each `(` and each `NOT` is a level of
//! recursion, so 10,000 nested parentheses overflowed the stack and aborted the process (and
//! with it a whole `--queries` batch). Every word and phrase also costs time and memory when the
//! query is compiled (a phrase compiles a regular expression per position and field), so a
//! query of thousands of phrases took gigabytes. A query past these limits is refused with one
//! line naming it, so that every query is answered or refused within about a second.

use anyhow::{bail, Result};

/// Most characters in a query. Far more than a question or a pasted paragraph needs; it bounds
/// the parser's work and what an error or a "did you mean" line may have to quote.
pub const MAX_QUERY_CHARS: usize = 20_000;

/// Deepest nesting of parentheses and `NOT`s: no one writes ten levels, and the parser's
/// recursion stays a small part of a 2 MiB thread stack (the answering threads of a batch).
pub const MAX_NESTING: usize = 32;

/// Most parentheses and `NOT`s in all. Counted without regard to quotes or escapes, this bounds
/// the parser's recursion whatever the nesting scan below makes of a query it misreads. A debug
/// build's parser overflows a 2 MiB stack at 256 levels (and survives 192): half of that.
pub const MAX_GROUPS: usize = 128;

/// Most words a query is searched for (a phrase's words count; a word repeated as the same
/// clause counts once): each looks up its stem's forms and alternatives in the index, about
/// half a millisecond on a release build, so 1,024 distinct words take about half a second.
pub const MAX_WORDS: usize = 1_024;

/// Most quoted phrases: each compiles an automaton per position and field.
pub const MAX_PHRASES: usize = 64;

/// Refuses a query too long to be a query.
pub fn check_length(text: &str) -> Result<()> {
    // bytes first: a query of fewer bytes than the limit cannot have more characters
    if text.len() > MAX_QUERY_CHARS {
        let chars = text.chars().count();
        if chars > MAX_QUERY_CHARS {
            bail!("it has {chars} characters, more than the {MAX_QUERY_CHARS} a query may have");
        }
    }
    Ok(())
}

/// Refuses a query whose parentheses and `NOT`s nest deeper than the parser may recurse.
pub fn check_nesting(text: &str) -> Result<()> {
    let groups =
        text.matches('(').count() + text.split_whitespace().filter(|w| *w == "NOT").count();
    let depth = nesting(text);
    if depth > MAX_NESTING {
        bail!(
            "parentheses and NOTs nest {depth} levels deep, more than the {MAX_NESTING} a query \
             may have"
        );
    }
    if groups > MAX_GROUPS {
        bail!("it has {groups} parentheses and NOTs, more than the {MAX_GROUPS} a query may have");
    }
    Ok(())
}

/// How deep the parser would recurse: open parentheses outside quotes, plus the `NOT`s in a
/// row before a term (`NOT NOT NOT a` is three levels, as is `((a))` plus one).
fn nesting(text: &str) -> usize {
    let mut opened: Vec<usize> = Vec::new(); // the NOTs pending when each open group began
    let (mut level, mut nots, mut deepest) = (0usize, 0usize, 0usize);
    let mut quote: Option<char> = None;
    let mut chars = text.chars().peekable();
    let mut word = String::new();
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            match c {
                '\\' => {
                    chars.next();
                }
                c if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '\\' => {
                word.push(c);
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            '"' | '\'' if word.is_empty() => {
                end_word(&mut word, &mut nots, level, &mut deepest);
                nots = 0;
                quote = Some(c);
            }
            '(' => {
                end_word(&mut word, &mut nots, level, &mut deepest);
                opened.push(nots);
                level += nots + 1;
                nots = 0;
                deepest = deepest.max(level);
            }
            ')' => {
                end_word(&mut word, &mut nots, level, &mut deepest);
                if let Some(before) = opened.pop() {
                    level -= before + 1;
                }
                nots = 0;
            }
            c if c.is_whitespace() => end_word(&mut word, &mut nots, level, &mut deepest),
            c => word.push(c),
        }
    }
    end_word(&mut word, &mut nots, level, &mut deepest);
    deepest
}

/// Ends the word being read: a `NOT` adds a level until the next term, any other word ends a
/// run of them.
fn end_word(word: &mut String, nots: &mut usize, level: usize, deepest: &mut usize) {
    if word == "NOT" {
        *nots += 1;
        *deepest = (*deepest).max(level + *nots);
    } else if !word.is_empty() {
        *nots = 0;
    }
    word.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_open_groups_and_nots_in_a_row() {
        assert_eq!(nesting("قسد حلب"), 0);
        assert_eq!(nesting("(قسد) (حلب)"), 1);
        assert_eq!(nesting("((قسد)) OR (حلب)"), 2);
        assert_eq!(nesting("NOT NOT NOT قسد"), 3);
        assert_eq!(nesting("a NOT b NOT c NOT d"), 1);
        assert_eq!(nesting("NOT (NOT (قسد))"), 4);
        assert_eq!(
            nesting(&format!("{}قسد{}", "(".repeat(40), ")".repeat(40))),
            40
        );
        // parentheses in a phrase are words, not groups
        assert_eq!(nesting("\"((((\" قسد"), 0);
        assert_eq!(nesting("'((' \"))\" ((a))"), 2);
        // an escaped parenthesis is part of a word
        assert_eq!(nesting("a\\(\\( b"), 0);
    }

    #[test]
    fn deep_and_many_groups_are_refused_with_the_number() {
        let deep = format!("{}قسد{}", "(".repeat(10_000), ")".repeat(10_000));
        let err = check_nesting(&deep).unwrap_err().to_string();
        assert!(err.contains("10000 levels deep"), "{err}");
        let ok = format!("{}قسد{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        check_nesting(&ok).unwrap();
        let chain = format!("{}قسد", "NOT ".repeat(MAX_NESTING + 1));
        assert!(check_nesting(&chain).is_err());
        // flat groups nest one deep, but the parser is only trusted up to MAX_GROUPS
        let flat = "(قسد) ".repeat(MAX_GROUPS + 1);
        let err = check_nesting(&flat).unwrap_err().to_string();
        assert!(err.contains("129 parentheses and NOTs"), "{err}");
        check_nesting(&"(قسد) ".repeat(MAX_GROUPS)).unwrap();
    }

    #[test]
    fn the_parser_survives_max_groups_levels_on_a_batch_threads_stack() {
        // The groups cap is what holds if the nesting scan misreads a query: the parser (strict
        // and lenient) must then survive that many levels on the 2 MiB stack of a thread that
        // answers a batch, in a debug build too.
        let deep = format!("{}قسد{}", "(+".repeat(MAX_GROUPS), ")".repeat(MAX_GROUPS));
        let nots = format!("{}قسد", "NOT ".repeat(MAX_GROUPS));
        let parsed = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                for text in [deep, nots] {
                    assert!(tantivy::query_grammar::parse_query(&text).is_ok());
                    let unbalanced = format!("{text}(");
                    assert!(tantivy::query_grammar::parse_query(&unbalanced).is_err());
                    // only its recursion is tested: it forgives this query
                    tantivy::query_grammar::parse_query_lenient(&unbalanced);
                }
            })
            .unwrap()
            .join();
        assert!(parsed.is_ok());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 20,000 Arabic letters are 40,000 bytes, and allowed
        check_length(&"ب".repeat(MAX_QUERY_CHARS)).unwrap();
        let err = check_length(&"ب".repeat(MAX_QUERY_CHARS + 1)).unwrap_err();
        assert!(err.to_string().contains("20001 characters"), "{err}");
    }
}
