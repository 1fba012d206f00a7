//! Text with the query's words marked: `<mark>` around each matched range, every piece of text
//! escaped by maud. Ranges are character offsets, as the search layer and `search --json` give
//! them; a range out of bounds or overlapping the one before is clipped, never a panic.

use maud::{html, Markup};

/// `text` with `marks` (half-open character ranges) in `<mark>`.
pub fn marked(text: &str, marks: &[(usize, usize)]) -> Markup {
    let mut ranges = marks.to_vec();
    ranges.sort_unstable();
    // byte offset of each character, and of the end
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars = bytes.len() - 1;
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut done = 0;
    for (from, to) in ranges {
        let (from, to) = (from.max(done).min(chars), to.min(chars));
        if from >= to {
            continue;
        }
        pieces.push((&text[bytes[done]..bytes[from]], false));
        pieces.push((&text[bytes[from]..bytes[to]], true));
        done = to;
    }
    pieces.push((&text[bytes[done]..], false));
    html! {
        @for (piece, is_match) in pieces {
            @if is_match { mark { (piece) } } @else { (piece) }
        }
    }
}

/// `text` cut into its paragraphs (one per line), each with its own marks.
pub fn paragraphs(text: &str, marks: &[(usize, usize)]) -> Vec<Markup> {
    let mut out = Vec::new();
    let mut start = 0; // in characters
    for line in text.split('\n') {
        let length = line.chars().count();
        let end = start + length;
        let local: Vec<(usize, usize)> = marks
            .iter()
            .filter(|&&(from, to)| from < end && to > start)
            .map(|&(from, to)| (from.max(start) - start, to.min(end) - start))
            .collect();
        if !line.trim().is_empty() {
            out.push(marked(line, &local));
        }
        start = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_and_everything_is_escaped() {
        let text = "قال <b>التحالف</b> & مضى";
        let from = text[..text.find("التحالف").unwrap()].chars().count();
        let html =
            marked(text, &[(from, from + 7), (100, 200), (from + 2, from + 3)]).into_string();
        assert_eq!(
            html,
            "قال &lt;b&gt;<mark>التحالف</mark>&lt;/b&gt; &amp; مضى"
        );
    }

    #[test]
    fn each_paragraph_keeps_its_marks() {
        let text = "أول سطر\n\nسطر ثان";
        let marks = [(4, 7), (9, 12)];
        let html: Vec<String> = paragraphs(text, &marks)
            .into_iter()
            .map(|m| m.into_string())
            .collect();
        assert_eq!(html, ["أول <mark>سطر</mark>", "<mark>سطر</mark> ثان"]);
    }
}
