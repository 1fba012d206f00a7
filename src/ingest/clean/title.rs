//! Separates an article's title from its body.
//!
//! The title is the first *substantial* line: scraped pages often open with a stray word, a
//! date or a menu item, which make poor titles. Everything else is the body.

use crate::analysis::letters;

/// Is this line long enough to be a headline?
fn is_substantial(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let letters = line.chars().filter(|&c| letters::is_alphabetic(c)).count();
    words >= 3 && letters >= 10
}

/// Splits normalized text (one paragraph per line) into title and body.
/// Returns `None` when the text is empty.
pub fn split_title(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return None;
    }
    let index = lines.iter().position(|l| is_substantial(l)).unwrap_or(0);
    let title = lines[index].to_string();
    let body: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != index)
        .map(|(_, l)| *l)
        .collect();
    Some((title, body.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_substantial_line_is_the_title() {
        let (title, body) =
            split_title("سياسة\nالتحالف الدولي يجدد التزامه بدعم قسد\nقال نائب القائد").unwrap();
        assert_eq!(title, "التحالف الدولي يجدد التزامه بدعم قسد");
        assert_eq!(body, "سياسة\nقال نائب القائد");
    }

    #[test]
    fn short_text_keeps_its_only_line() {
        assert_eq!(split_title("قسد"), Some(("قسد".to_string(), String::new())));
        assert_eq!(split_title(""), None);
    }
}
