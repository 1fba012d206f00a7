//! Flattens a parsed page into the lines a reader sees, with the block elements that hold them.
//!
//! Block elements (`p`, `div`, `li`, `h1`…, `br`) end a line; inline ones (`a`, `b`, `span`)
//! do not. Subtrees that are never the article ([`super::furniture`]) are left out. The walk
//! is iterative: a hostile page may nest elements deeply.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::furniture::{dropped, marks_article};

/// An element that opened a block, in document order: parents come before their children.
#[derive(Debug)]
pub struct Block {
    pub parent: Option<usize>,
    /// A paragraph-like element (`p`, `li`, `h2`…): its text belongs to its parent's block.
    pub paragraph: bool,
    /// `<article>`, `<main>` or `itemprop="articleBody"`: a page saying where its article is.
    pub marks_article: bool,
}

/// One line of text and the innermost block it was found in.
#[derive(Debug)]
pub struct Line {
    pub text: String,
    /// Characters of the line inside links.
    pub link_chars: usize,
    pub chars: usize,
    pub block: usize,
}

/// The blocks and lines of a page's body.
#[derive(Debug, Default)]
pub struct Flat {
    pub blocks: Vec<Block>,
    pub lines: Vec<Line>,
}

/// Elements that end a line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "body",
    "caption",
];

/// Blocks whose text is one paragraph of their parent's.
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
];

fn has(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

/// The text being gathered into a line.
#[derive(Default)]
struct Pending {
    text: String,
    link_chars: usize,
    block: Option<usize>,
}

impl Pending {
    fn push(&mut self, text: &str, in_link: bool, block: usize) {
        if text.trim().is_empty() {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            return;
        }
        self.block.get_or_insert(block);
        if in_link {
            self.link_chars += text.chars().filter(|c| !c.is_whitespace()).count();
        }
        self.text.push_str(text);
    }

    /// Ends the line: white space folded (NBSP included), nothing kept if it is blank.
    fn flush(&mut self, lines: &mut Vec<Line>) {
        let text = std::mem::take(&mut self.text);
        let link_chars = std::mem::take(&mut self.link_chars);
        let Some(block) = self.block.take() else {
            return;
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        lines.push(Line {
            text,
            link_chars: link_chars.min(chars),
            chars,
            block,
        });
    }
}

/// Flattens the page's body into blocks and lines, furniture left out (leniently: see
/// [`dropped`]).
pub fn flatten(page: &Html, lenient: bool) -> Flat {
    let mut flat = Flat::default();
    flat.blocks.push(Block {
        parent: None,
        paragraph: false,
        marks_article: false,
    });
    // Open blocks (indexes into `flat.blocks`); the document itself is block 0.
    let mut open: Vec<usize> = vec![0];
    // For every open element: did it open a block?
    let mut opened: Vec<bool> = Vec::new();
    let mut links = 0usize;
    let mut skipping = 0usize;
    let mut pending = Pending::default();
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    if skipping > 0 || dropped(element, lenient) {
                        skipping += 1;
                        continue;
                    }
                    let tag = element.name();
                    let block = has(BLOCK_TAGS, tag) || marks_article(element);
                    if block || tag == "br" {
                        pending.flush(&mut flat.lines);
                    }
                    if block {
                        flat.blocks.push(Block {
                            parent: open.last().copied(),
                            paragraph: has(PARAGRAPH_TAGS, tag),
                            marks_article: marks_article(element),
                        });
                        open.push(flat.blocks.len() - 1);
                    }
                    links += usize::from(tag == "a");
                    opened.push(block);
                }
                Node::Text(text) if skipping == 0 => {
                    pending.push(text, links > 0, *open.last().unwrap_or(&0));
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(element) = node.value() else {
                    continue;
                };
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                if element.name() == "a" {
                    links = links.saturating_sub(1);
                }
                if opened.pop() == Some(true) {
                    pending.flush(&mut flat.lines);
                    open.pop();
                }
            }
        }
    }
    pending.flush(&mut flat.lines);
    flat
}

/// The text of an element and its descendants, white space folded.
pub fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut text = String::new();
    for descendant in node.descendants() {
        if let Node::Text(t) = descendant.value() {
            text.push_str(t);
            text.push(' ');
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        flatten(&Html::parse_document(html), false)
            .lines
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn blocks_make_lines_and_inline_elements_do_not() {
        let page =
            "<body><h1>عنوان</h1><p>قال <b>الوزير</b> إن<br>سطر</p><ul><li>أ</li><li>ب</li></ul>";
        assert_eq!(lines(page), ["عنوان", "قال الوزير إن", "سطر", "أ", "ب"]);
    }

    #[test]
    fn furniture_subtrees_are_dropped() {
        let page = "<body><nav>الرئيسية</nav><script>var a = '<p>x</p>';</script>\
            <div class='share-buttons'>شارك</div><p hidden>مخفي</p><p>نص</p>\
            <div class='main-content'><p>متن</p></div><footer>حقوق</footer>";
        assert_eq!(lines(page), ["نص", "متن"]);
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let page = format!("<body>{}<p>نص عميق</p>", "<div><span>".repeat(900));
        assert_eq!(lines(&page), ["نص عميق"]);
    }
}
