//! Lets `fahras search سوريا -العراق` (and `count`, `kwic`, `terms`) mean what it says: after the first query word, a word
//! that starts with `-` and is not one of `search`'s options is a query word (an exclusion).
//!
//! clap alone cannot say this: a positional argument that accepts values starting with `-`
//! swallows the options that follow it too, so `search الرقة -n 5` would search for "-n 5".
//! So the command line is rearranged before clap sees it, the way ripgrep users expect
//! options to work anywhere: the options of `search` (wherever they are) go first, the query
//! words after a `--`, in their order. A word is an option when it names one (`--json`,
//! `--limit=3`, `-n 5`, `-l0`); `--` ends the options, so `search سوريا -- -n` searches for
//! "-n". Before the first query word only a `-` followed by a letter no option has (any
//! non-ASCII letter, as in `-العراق`) starts the query: a mistyped option such as `-x` still
//! gets clap's error.

use std::ffi::OsString;

use clap::{Arg, Command};

/// The options of one subcommand: long names and short letters, each with whether it takes
/// a value.
struct Options {
    longs: Vec<(String, bool)>,
    shorts: Vec<(char, bool)>,
}

impl Options {
    fn of(command: &Command) -> Options {
        let takes_value = |arg: &Arg| arg.get_action().takes_values();
        let mut options = Options {
            longs: Vec::new(),
            shorts: Vec::new(),
        };
        for arg in command.get_arguments().filter(|arg| !arg.is_positional()) {
            let value = takes_value(arg);
            for long in arg.get_long_and_visible_aliases().into_iter().flatten() {
                options.longs.push((long.to_string(), value));
            }
            for short in arg.get_short_and_visible_aliases().into_iter().flatten() {
                options.shorts.push((short, value));
            }
        }
        options
    }

    /// If `word` is one of these options: whether the next argument is its value.
    fn option(&self, word: &str) -> Option<bool> {
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, _)) => (name, true),
                None => (long, false),
            };
            let (_, value) = self.longs.iter().find(|(known, _)| known == name)?;
            return Some(*value && !inline);
        }
        let mut letters = word.strip_prefix('-')?.chars();
        let first = letters.next()?;
        let (_, value) = self.shorts.iter().find(|(known, _)| *known == first)?;
        // `-n 5` takes the next argument, `-n5` and `-l0` do not
        Some(*value && letters.next().is_none())
    }
}

/// Could `word` only be a query word, even before the query starts? A dash followed by a
/// letter no option is spelled with (`-العراق`).
fn surely_a_word(word: &str) -> bool {
    word.strip_prefix('-')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|first| !first.is_ascii())
}

/// The commands whose trailing words are a query of the search language.
const QUERY_COMMANDS: [&str; 4] = ["search", "count", "kwic", "terms"];

/// The command line `args` (program name first) with the query words of a query command
/// ([`QUERY_COMMANDS`]) moved after its options and a `--`; any other command line is
/// returned as it is.
pub fn arranged(command: &Command, args: Vec<OsString>) -> Vec<OsString> {
    let Some(at) = subcommand_position(command, &args) else {
        return args;
    };
    let Some(name) = args[at].to_str() else {
        return args;
    };
    if !QUERY_COMMANDS.contains(&name) {
        return args;
    }
    let Some(subcommand) = command.find_subcommand(name) else {
        return args;
    };
    let options = Options::of(subcommand);
    let globals = Options::of(command);
    let mut rest = args[at + 1..].iter();
    let (mut flags, mut words): (Vec<OsString>, Vec<OsString>) = (Vec::new(), Vec::new());
    while let Some(arg) = rest.next() {
        let Some(text) = arg.to_str() else {
            words.push(arg.clone());
            continue;
        };
        if text == "--" {
            words.extend(rest.by_ref().cloned());
            break;
        }
        let option = options.option(text).or_else(|| globals.option(text));
        let is_word = match option {
            Some(_) => false,
            None if text.len() > 1 && text.starts_with('-') => {
                !words.is_empty() || surely_a_word(text)
            }
            None => true,
        };
        if is_word {
            words.push(arg.clone());
            continue;
        }
        flags.push(arg.clone());
        if option == Some(true) {
            flags.extend(rest.next().cloned());
        }
    }
    let mut out: Vec<OsString> = args[..=at].to_vec();
    out.extend(flags);
    if !words.is_empty() {
        out.push(OsString::from("--"));
        out.extend(words);
    }
    out
}

/// Where the subcommand's name is in `args`: the first argument that is neither an option
/// of the top-level command nor the value of one.
fn subcommand_position(command: &Command, args: &[OsString]) -> Option<usize> {
    let globals = Options::of(command);
    let mut at = 1;
    while at < args.len() {
        let text = args[at].to_str()?;
        if !text.starts_with('-') {
            return Some(at);
        }
        at += match globals.option(text) {
            Some(true) => 2,
            _ => 1,
        };
    }
    None
}

/// The process's command line, arranged for clap (`arranged`).
pub fn args_os() -> Vec<OsString> {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    // builds the `--help` options, and those a subcommand inherits
    command.build();
    arranged(&command, std::env::args_os().collect())
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;
    use crate::cli::{Cli, Command as Sub};

    fn arrange(args: &[&str]) -> Vec<String> {
        let mut all = vec!["fahras"];
        all.extend(args);
        let mut command = Cli::command();
        command.build();
        arranged(&command, all.iter().map(OsString::from).collect())
            .into_iter()
            .map(|arg| arg.into_string().unwrap())
            .collect()
    }

    fn query_of(args: &[&str]) -> (Vec<String>, Option<usize>) {
        let cli = Cli::try_parse_from(arrange(args)).unwrap();
        let Sub::Search(search) = cli.command else {
            panic!("not a search: {args:?}");
        };
        (search.query, search.limit)
    }

    #[test]
    fn the_corpus_views_take_dash_words_as_search_does() {
        for view in ["count", "kwic", "terms"] {
            assert_eq!(
                arrange(&[view, "سوريا", "-العراق", "--json"]),
                ["fahras", view, "--json", "--", "سوريا", "-العراق"]
            );
        }
        // a command without a query is left alone
        assert_eq!(arrange(&["stats", "--json"]), ["fahras", "stats", "--json"]);
    }

    #[test]
    fn a_dash_word_after_the_query_is_a_query_word() {
        let (query, _) = query_of(&["search", "سوريا", "-العراق"]);
        assert_eq!(query, ["سوريا", "-العراق"]);
        // even one spelled with Latin letters, once the query has started
        let (query, _) = query_of(&["search", "syria", "-isis"]);
        assert_eq!(query, ["syria", "-isis"]);
    }

    #[test]
    fn options_still_work_before_and_after_the_query() {
        let (query, limit) = query_of(&["search", "-n", "3", "سوريا", "-العراق"]);
        assert_eq!(
            (query, limit),
            (vec!["سوريا".into(), "-العراق".into()], Some(3))
        );
        let (query, limit) = query_of(&["search", "سوريا", "-العراق", "-n", "5"]);
        assert_eq!(
            (query, limit),
            (vec!["سوريا".into(), "-العراق".into()], Some(5))
        );
        let (query, limit) = query_of(&["search", "سوريا", "--offset=2", "-n4"]);
        assert_eq!((query, limit), (vec!["سوريا".into()], Some(4)));
        assert_eq!(
            arrange(&["--index", "/i", "search", "قسد", "-l0", "--index", "/j"]),
            ["fahras", "--index", "/i", "search", "-l0", "--index", "/j", "--", "قسد"]
        );
    }

    #[test]
    fn a_double_dash_ends_the_options() {
        let (query, limit) = query_of(&["search", "سوريا", "--", "-n", "5"]);
        assert_eq!(
            (query, limit),
            (vec!["سوريا".into(), "-n".into(), "5".into()], None)
        );
    }

    #[test]
    fn an_arabic_exclusion_may_come_first_but_a_mistyped_option_is_an_error() {
        let (query, _) = query_of(&["search", "-العراق", "سوريا"]);
        assert_eq!(query, ["-العراق", "سوريا"]);
        assert!(Cli::try_parse_from(arrange(&["search", "-x", "سوريا"])).is_err());
        // a lone dash still means "read the query from stdin"
        assert_eq!(query_of(&["search", "-"]).0, ["-"]);
    }

    #[test]
    fn other_commands_are_left_alone() {
        let args = ["ingest", "-q", "dir", "-v"];
        assert_eq!(arrange(&args)[1..], args);
    }
}
