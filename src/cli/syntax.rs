//! The query language of `fahras search`, written once: `--help` shows it as an aligned list,
//! the manual page as a list of its own section (`QUERY SYNTAX`, see
//! `commands::completions`), where man's filling would run an aligned list together.

/// What the user types, and what it does.
pub const QUERY_SYNTAX: &[(&str, &str)] = &[
    (
        "word word",
        "any of the words, ranked (التحالف finds والتحالف)",
    ),
    ("\"...\"", "a phrase, across clitics (\"الأمم المتحدة\")"),
    (
        "=word",
        "the word as written, with و ف ب ك ل before it but no ending: =الرياض is \
         the city (بالرياض, للرياض), not الرياضة; in phrases and fields too",
    ),
    ("+word  -word", "the word must / must not occur"),
    (
        "a AND b, a OR b, NOT a, ( )",
        "boolean logic; AND binds tighter than OR",
    ),
    ("word*", "words starting with word (دمش*), 1,000 at most"),
    (
        "\"... word*\"",
        "a phrase ending in a word starting with word",
    ),
    ("*", "every article (* -داعش: all without داعش)"),
    (
        "title:word  body:word",
        "in the title or body only (title:دمش* too)",
    ),
    ("source:word  author:word", "in the source or author"),
    (
        "date:[A TO B]",
        "a date range: date:[2024-01-01 TO 2024-06-30]",
    ),
];

/// What `--help` and the manual say after the list.
const AFTER_SYNTAX: &str = "\
On the command line, a word after the first query word that starts with - is a query word \
(fahras search سوريا -العراق) unless it is an option of search; -- ends the options.
A query of only function words (لماذا, \"إلى أين\"), which the index leaves out, is matched \
as written in the stored title and body of every article.
A plain word that is a name in the index (its article always there, or never, over 20 \
articles or more) whose feminine forms (الرياضة) are more frequent finds the name's forms only.
With --plain the query is just words: nothing above is special.
When nothing matches, respellings from the index's vocabulary are suggested. On a terminal, \
the hits end with a line on stderr saying how many were shown of how many matched.
Exit status: 0 if anything was found, 1 if not, 2 on error.";

const INTRO: &str = "\
Search the index and print ranked articles with snippets.

Words are OR-ed and ranked (BM25 over title and body; exact forms, title
matches, words side by side and words that open an article count more; a word
the index lacks is also searched under its nearest spelling).";

const EXAMPLES: &str = "\
Examples:
  fahras search قسد
  fahras search سوريا -العراق
  fahras search '\"التحالف الدولي\" -داعش' --limit 3
  fahras search '(دمشق OR حلب) AND title:الأسد' --since 2018-03 --sort date
  fahras search 'دمش*' -c                    # every word starting with دمش
  fahras count --by month =الرياض            # articles writing الرياض, by month
  fahras search --queries questions.tsv --plain --trec > run.txt
  fahras search الرقة -n 10 --offset 10      # the second page
  fahras search الامريكية --json | jq -r .path
  fahras search -c '\"الأمم المتحدة\"'         # how many match
  fahras search -l0 التحالف | xargs -0 wc -w    # each matching file once
  fahras search --ids -0 التحالف | xargs -0 fahras show   # each matching article
  fahras search -q دمشق && echo \"دمشق is in the index\"
  echo 'مجلس الأمن' | fahras search -";

/// The long help of `fahras search`, the query language as an aligned list.
pub fn search_long_about() -> String {
    let width = QUERY_SYNTAX
        .iter()
        .map(|(typed, _)| typed.chars().count())
        .max()
        .unwrap_or(0);
    let mut list = String::new();
    for (typed, meaning) in QUERY_SYNTAX {
        let pad = width - typed.chars().count();
        list.push_str(&format!("  {typed}{:pad$}  {meaning}\n", ""));
    }
    format!("{INTRO} Query language:\n{list}{AFTER_SYNTAX}\n\n{EXAMPLES}")
}

/// The description of the manual page of `fahras search`: the list is a section of its own.
pub fn search_man_description() -> String {
    format!("{INTRO} The query language is under QUERY SYNTAX below.\n\n{EXAMPLES}")
}

/// The `QUERY SYNTAX` section of a manual page, in roff: one tagged paragraph per entry.
pub fn query_syntax_roff() -> String {
    let mut roff = String::from(".SH \"QUERY SYNTAX\"\n");
    for (typed, meaning) in QUERY_SYNTAX {
        roff.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(typed),
            escape(meaning)
        ));
    }
    for paragraph in AFTER_SYNTAX.lines() {
        roff.push_str(&format!(".PP\n{}\n", escape(paragraph)));
    }
    roff
}

/// `text` safe on a roff text line: backslashes and hyphens escaped, and a leading `.` or `'`
/// (which would start a request) kept as text.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_aligns_the_list() {
        let help = search_long_about();
        let columns: Vec<usize> = QUERY_SYNTAX
            .iter()
            .map(|(typed, meaning)| {
                let line = help
                    .lines()
                    .find(|l| l.starts_with(&format!("  {typed} ")))
                    .unwrap();
                line[..line.find(meaning).unwrap()].chars().count()
            })
            .collect();
        assert!(columns.iter().all(|&c| c == columns[0]), "{columns:?}");
    }

    #[test]
    fn the_manual_has_one_tagged_paragraph_per_entry() {
        let roff = query_syntax_roff();
        assert_eq!(roff.matches(".TP\n").count(), QUERY_SYNTAX.len());
        assert!(roff.contains(".TP\n\\fB+word  \\-word\\fR\n"), "{roff}");
        assert!(!search_man_description().contains("date:["));
    }
}
